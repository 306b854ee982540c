"""Backup and restore of a whole sursur database, on SQLite and PostgreSQL alike (docs/BACKUP.md).

A backup is one gzip file of JSON lines: a header, then one line per row of every table of
`store.tables.metadata`, table after table in `metadata.sorted_tables` order (parents first), each table's
rows in primary-key order. Values are written exactly: a Decimal as its text (tagged, so it comes back as
a Decimal), integers, text, booleans and nulls as JSON. The tables are those of the metadata, so a table
added by a later migration is backed up without a change here.

Backup reads everything in one read transaction (REPEATABLE READ on PostgreSQL; on SQLite a read
transaction that holds writers off until it ends) and writes a temporary file that replaces the target
only when complete. Restore checks the file as it reads it and loads it in one transaction: any problem
rolls everything back and the database is as it was.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, Table, bindparam, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from .. import __version__
from ..domain.errors import N_, UserError
from ..interchange.output import output_file
from ..store import Store, describe
from ..store.database import MIGRATIONS
from ..store.database import utc_now
from ..store.tables import metadata, store_revision

FORMAT = "sursur-backup"
FORMAT_VERSION = 1
# No line of a backup written by sursur comes near this; a longer one is refused before it is parsed.
MAX_LINE_BYTES = 50 * 1024 * 1024
BATCH = 1000

# Progress: called with (rows done, rows in all) after each batch of rows.
OnRows = Callable[[int, int], None]


class BackupError(UserError):
    """A backup that cannot be written or a file that cannot be restored; says which and what to do."""


@dataclass
class BackupReport:
    path: Path
    schema: str
    written_at: str
    tables: dict[str, int]  # rows written, by table, in the order of the file

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class RestoreReport:
    path: Path
    schema: str
    written_at: str  # when the backup was written (from its header)
    tables: dict[str, int]  # rows restored, by table
    replaced: bool  # the database held records, which the backup replaced
    data_revision: int  # store_revision after the restore (higher than before it)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


# --- values --------------------------------------------------------------------------------------------

def _encode(value, table: Table, column: Column):
    """A JSON value that decodes to exactly `value`: JSON's own kinds as they are, the others tagged."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (dict, list)):  # a JSON column's value
        return {"$json": value}
    raise BackupError(N_("column {column} of table {table} holds a kind of value a backup cannot store "
                         "({kind}); nothing was written"), column=column.name, table=table.name,
                      kind=type(value).__name__)


_TAGS: dict[str, Callable] = {
    "$decimal": lambda v: Decimal(v) if isinstance(v, str) else _bad(),
    "$float": lambda v: float(v) if isinstance(v, str) else _bad(),
    "$datetime": lambda v: datetime.fromisoformat(v) if isinstance(v, str) else _bad(),
    "$date": lambda v: date.fromisoformat(v) if isinstance(v, str) else _bad(),
    "$time": lambda v: time.fromisoformat(v) if isinstance(v, str) else _bad(),
    "$bytes": lambda v: base64.b64decode(v, validate=True) if isinstance(v, str) else _bad(),
    "$json": lambda v: v,
}


class _BadValue(Exception):
    pass


def _bad():
    raise _BadValue


def _decode(value):
    if value is None or isinstance(value, (bool, int, str, float)):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (tag, inner), = value.items()
        if tag in _TAGS:
            try:
                return _TAGS[tag](inner)
            except (ValueError, TypeError, InvalidOperation, _BadValue):
                raise _BadValue from None
    raise _BadValue


def _python_type(column: Column):
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def _fits(value, kind) -> bool:
    """Whether a decoded value is of the kind its column holds (None always is: the database says)."""
    if value is None or kind is None:
        return True
    if kind in (int, float) and isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, (int, float))
    if kind is date:  # a datetime is a date too, but not what a date column holds
        return type(value) is date
    if kind in (bool, int, Decimal, str, bytes, datetime, time):
        return isinstance(value, kind)
    return True


# --- backup --------------------------------------------------------------------------------------------

def _line(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


def _order(table: Table):
    return list(table.primary_key.columns) or list(table.columns)


def _sqlite_file(store: Store) -> Path | None:
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _check_target(store: Store, target: Path) -> None:
    if target.is_dir():
        raise BackupError(N_("{path} is a folder; give the backup a file name, e.g. {example}"), path=target,
                          example=target / "sursur-backup.jsonl.gz")
    if not target.parent.is_dir():
        raise BackupError(N_("the folder {folder} does not exist; create it or write the backup elsewhere"),
                          folder=target.parent)
    database = _sqlite_file(store)
    if database is not None and database.exists() and target.exists() and target.samefile(database):
        raise BackupError(N_("{path} is the database itself; write the backup to another file"), path=target)


def _private(path: str, flags: int) -> int:
    """Opens the file readable and writable by its owner only: a backup holds password and token hashes."""
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _snapshot(conn: Connection) -> None:
    """Starts the read transaction that every read of the backup is made in."""
    if conn.dialect.name == "sqlite":
        # pysqlite opens no transaction for a SELECT: without BEGIN each query would see its own state.
        conn.exec_driver_sql("BEGIN")


def backup(store: Store, out_path: str | Path, *, on_rows: OnRows | None = None) -> BackupReport:
    """Writes every row of every table to `out_path`, as one consistent snapshot."""
    target = Path(out_path)
    _check_target(store, target)
    schema = store.revision()
    written_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    options = {}
    if store.engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    tables = list(metadata.sorted_tables)
    with store.engine.connect() as conn:
        conn = conn.execution_options(**options)
        try:
            _snapshot(conn)
            counts = {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                      for table in tables}
            total, done = sum(counts.values()), 0
            with output_file(target) as partial, open(partial, "wb", opener=_private) as raw:
                with gzip.GzipFile(filename=target.name, mode="wb", fileobj=raw, compresslevel=6) as packed:
                    packed.write(_line({"format": FORMAT, "format_version": FORMAT_VERSION, "schema": schema,
                                        "written_at": written_at, "sursur": __version__, "tables": counts}))
                    for table in tables:
                        columns = list(table.columns)
                        rows = conn.execute(select(table).order_by(*_order(table)),
                                            execution_options={"yield_per": BATCH})
                        lines, written = [], 0
                        for row in rows:
                            values = row._mapping
                            lines.append(_line({"t": table.name, "r": {
                                c.name: _encode(values[c], table, c) for c in columns}}))
                            written += 1
                            if len(lines) == BATCH:
                                packed.write(b"".join(lines))
                                lines = []
                                if on_rows:
                                    on_rows(done + written, total)
                        packed.write(b"".join(lines))
                        done += written
                        if on_rows:
                            on_rows(done, total)
                        if written != counts[table.name]:  # the snapshot holds still: cannot happen
                            raise RuntimeError(f"{table.name}: counted {counts[table.name]} rows, read {written}")
                raw.flush()
                os.fsync(raw.fileno())
        finally:
            conn.rollback()
    return BackupReport(target, schema, written_at, counts)


# --- reading a backup ----------------------------------------------------------------------------------

@dataclass
class Header:
    schema: str
    written_at: str
    tables: dict[str, int]
    sursur: str | None = None


class _Reader:
    """The lines of a backup, checked one by one; every problem is a BackupError with the line number."""

    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            raise BackupError(N_("{path} is a folder, not a backup file"), path=path)
        if not path.exists():
            raise BackupError(N_("there is no file {path}"), path=path)
        try:
            self.file = gzip.open(path, "rb")
        except OSError as error:
            raise BackupError(N_("cannot read {path}: {reason}"), path=path,
                              reason=error.strerror or error) from None
        self.number = 0

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> "_Reader":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _refuse(self, msgid: str, **params) -> BackupError:
        return BackupError(msgid, path=self.path, line=self.number, **params)

    def _raw_line(self) -> bytes:
        self.number += 1
        try:
            line = self.file.readline(MAX_LINE_BYTES + 1)
        except gzip.BadGzipFile:
            if self.number == 1:
                raise self._refuse(N_("{path} is not a sursur backup (it is not a gzip file); "
                                      "nothing was changed")) from None
            raise self._damaged() from None
        except (EOFError, zlib.error):
            raise self._damaged() from None
        except OSError as error:
            raise BackupError(N_("cannot read {path}: {reason}"), path=self.path,
                              reason=error.strerror or error) from None
        if len(line) > MAX_LINE_BYTES and not (len(line) == MAX_LINE_BYTES + 1 and line.endswith(b"\n")):
            raise self._refuse(N_("{path}, line {line} is longer than {limit} MB: it is not a line of a sursur "
                                  "backup; nothing was changed"), limit=MAX_LINE_BYTES // (1024 * 1024))
        return line

    def _damaged(self) -> BackupError:
        return self._refuse(N_("{path} is damaged or cut short: line {line} cannot be read (its compressed data "
                               "ends early or is corrupt); nothing was changed"))

    def _json(self, line: bytes):
        try:
            return json.loads(line.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _NOT_JSON

    def header(self) -> Header:
        line = self._raw_line()
        if not line.strip():
            raise self._refuse(N_("{path} is not a sursur backup (it is empty); nothing was changed"))
        data = self._json(line)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise self._refuse(N_("{path} is not a sursur backup (its first line is not a sursur backup "
                                  "header); nothing was changed"))
        version = data.get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise self._refuse(N_("{path} was written by a newer sursur (backup format {version}); upgrade "
                                  "sursur to restore it. Nothing was changed"), version=version)
        tables = data.get("tables")
        if (version != FORMAT_VERSION or not isinstance(data.get("schema"), str) or not isinstance(tables, dict)
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in tables.values())):
            raise self._refuse(N_("{path} is not a sursur backup (its first line is not a sursur backup "
                                  "header); nothing was changed"))
        for name in tables:
            if name not in metadata.tables:
                raise self._refuse(N_("{path}, line {line}: table {table} is not in this database's schema; "
                                      "nothing was changed"), table=name)
        return Header(data["schema"], str(data.get("written_at", "")), dict(tables), data.get("sursur"))

    def rows(self) -> Iterator[tuple[int, Table, dict]]:
        """(line number, table, row ready to insert), for each line after the header."""
        columns_of = {name: {c.name: (c.key, _python_type(c)) for c in table.columns}
                      for name, table in metadata.tables.items()}
        while True:
            line = self._raw_line()
            if not line:
                return
            data = self._json(line)
            if (not isinstance(data, dict) or set(data) != {"t", "r"} or not isinstance(data["t"], str)
                    or not isinstance(data["r"], dict)):
                raise self._refuse(N_("{path}, line {line}: not a row of a sursur backup (not JSON, or not "
                                      "a table and its row); nothing was changed"))
            name = data["t"]
            table = metadata.tables.get(name)
            if table is None:
                raise self._refuse(N_("{path}, line {line}: table {table} is not in this database's schema; "
                                      "nothing was changed"), table=name)
            columns = columns_of[name]
            row = {}
            for column, value in data["r"].items():
                if column not in columns:
                    raise self._refuse(N_("{path}, line {line}: table {table} has no column {column}; nothing "
                                          "was changed"), table=name, column=column)
                key, kind = columns[column]
                try:
                    decoded = _decode(value)
                except _BadValue:
                    decoded = _BadValue
                if decoded is _BadValue or not _fits(decoded, kind):
                    shown = json.dumps(value, ensure_ascii=False)
                    raise self._refuse(N_("{path}, line {line}: column {column} of table {table} cannot hold "
                                          "the value {value}; nothing was changed"), table=name, column=column,
                                       value=shown if len(shown) <= 60 else shown[:57] + "...")
                row[key] = decoded
            if len(row) != len(columns):
                missing = next(c for c in columns if c not in data["r"])
                raise self._refuse(N_("{path}, line {line}: the row of table {table} lacks column {column}; "
                                      "nothing was changed"), table=name, column=missing)
            yield self.number, table, row


_NOT_JSON = object()


def _no_constant(name: str):
    raise ValueError(name)


def read_header(in_path: str | Path) -> Header:
    """The header of a backup file, checked (the file is a sursur backup this sursur can read)."""
    with _Reader(Path(in_path)) as reader:
        return reader.header()


def check_schema(path: Path, file_revision: str, db_revision: str | None) -> None:
    """Refuses a backup of another schema, saying which each has and what to do."""
    if file_revision == db_revision:
        return
    known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    if file_revision in known:
        raise BackupError(N_("{path} is a backup of schema {file_revision}, and this database has schema "
                             "{db_revision}: restore it with the sursur version that wrote it (schema "
                             "{file_revision}), update that database with this sursur (sursur init) and back it "
                             "up again. Nothing was changed"), path=path, file_revision=file_revision,
                          db_revision=db_revision)
    raise BackupError(N_("{path} is a backup of schema {file_revision}, which this sursur does not know (this "
                         "database has schema {db_revision}): it was written by a newer sursur. Upgrade sursur, "
                         "update the database (sursur init), then restore. Nothing was changed"), path=path,
                      file_revision=file_revision, db_revision=db_revision)


# --- restore -------------------------------------------------------------------------------------------

def _later_references(tables: list[Table]) -> dict[str, list[Column]]:
    """For each table, its nullable columns that refer to its own table or to a table loaded after it (a
    parent actor with a higher id than its child, for one): loaded as NULL, set once every row is in."""
    position = {table.name: i for i, table in enumerate(tables)}
    later = {}
    for table in tables:
        columns = sorted({fk.parent for fk in table.foreign_keys
                          if position.get(fk.column.table.name, -1) >= position[table.name] and fk.parent.nullable},
                         key=lambda c: c.name)
        if columns and table.primary_key.columns:
            later[table.name] = columns
    return later


def _inexact_decimals(tables: list[Table]) -> dict[str, list[tuple[str, int]]]:
    """SQLite keeps a Numeric as a floating-point number and sursur reads it back rounded to the column's
    scale: the Decimal columns, with that scale, whose values must be checked to come back the same."""
    found = {}
    for table in tables:
        columns = [(c.key, c.type._effective_decimal_return_scale) for c in table.columns
                   if _python_type(c) is Decimal]
        if columns:
            found[table.name] = columns
    return found


def _occupied(conn: Connection) -> str | None:
    """The first table that holds a row (store_revision's counter is not a record), or None."""
    for table in metadata.sorted_tables:
        if table is store_revision:
            continue
        if conn.execute(select(1).select_from(table).limit(1)).first() is not None:
            return table.name
    return None


def _empty(conn: Connection) -> None:
    tables = list(reversed(metadata.sorted_tables))
    if conn.dialect.name == "postgresql":
        names = ", ".join(conn.dialect.identifier_preparer.format_table(table) for table in tables)
        conn.exec_driver_sql(f"TRUNCATE {names}")
    else:
        for table in tables:
            conn.execute(table.delete())


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: each id sequence continues after the highest id restored, so new rows do not collide."""
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or _python_type(keys[0]) is not int:
            continue
        name = conn.dialect.identifier_preparer.format_table(table)
        column = conn.dialect.identifier_preparer.quote(keys[0].name)
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                          f"COALESCE((SELECT max({column}) FROM {name}), 1), "
                          f"(SELECT max({column}) FROM {name}) IS NOT NULL) "
                          f"WHERE pg_get_serial_sequence(:table, :column) IS NOT NULL"),
                     {"table": name, "column": keys[0].name})


class _Load:
    """Rows into one connection's transaction: batched inserts in file order, the checks made as the rows
    go by, the references that must wait for their rows, and the counts by table."""

    def __init__(self, conn: Connection, path: Path, header: Header, on_rows: OnRows | None):
        self.conn, self.path, self.header, self.on_rows = conn, path, header, on_rows
        self.tables = list(metadata.sorted_tables)
        self.position = {table.name: i for i, table in enumerate(self.tables)}
        self.later = _later_references(self.tables)
        self.inexact = _inexact_decimals(self.tables) if conn.dialect.name == "sqlite" else {}
        self.counts = {table.name: 0 for table in self.tables}
        self.deferred: dict[str, list[dict]] = {}
        self.saved_revision = 0  # the backup's own store_revision
        self.saved_changed_at: str | None = None  # and when its data last changed (None: not recorded)
        self.table: Table | None = None  # the table being loaded, named when the database refuses a row
        self.batch: list[dict] = []
        self.done, self.total = 0, sum(header.tables.values())

    def _refuse(self, msgid: str, line: int, **params) -> BackupError:
        return BackupError(msgid, path=self.path, line=line, **params)

    def row(self, number: int, table: Table, row: dict) -> None:
        if table is not self.table:
            self._flush()
            if self.table is not None and self.position[table.name] <= self.position[self.table.name]:
                raise self._refuse(N_("{path}, line {line}: rows of table {table} come after rows of tables loaded "
                                      "after it (a sursur backup lists each table once, parents first); nothing "
                                      "was changed"), number, table=table.name)
            start = self.position[self.table.name] if self.table is not None else 0
            for ended in self.tables[start:self.position[table.name]]:
                self._check_count(ended.name)
            self.table = table
        for key, scale in self.inexact.get(table.name, ()):
            value = row[key]
            if value is not None and value.is_finite() and Decimal(f"{float(value):.{scale}f}") != value:
                raise self._refuse(N_("{path}, line {line}: the value {value} of column {column} of table {table} "
                                      "cannot be kept exactly in a SQLite database (it keeps about 15 significant "
                                      "digits); restore this backup into PostgreSQL. Nothing was changed"), number,
                                   value=str(value), column=table.c[key].name, table=table.name)
        later = [c for c in self.later.get(table.name, ()) if row[c.key] is not None]
        if later:
            kept = {f"_v_{c.key}": row[c.key] for c in later}
            kept.update({f"_pk_{k.key}": row[k.key] for k in table.primary_key.columns})
            self.deferred.setdefault(table.name, []).append(kept)
            for c in later:
                row[c.key] = None
        if table is store_revision:
            self.saved_revision = max(self.saved_revision, row.get(store_revision.c.revision.key) or 0)
            self.saved_changed_at = row.get(store_revision.c.changed_at.key) or self.saved_changed_at
        self.counts[table.name] += 1
        self.batch.append(row)
        if len(self.batch) == BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.conn.execute(insert(self.table), self.batch)
            self.done += len(self.batch)
            self.batch.clear()
            if self.on_rows:
                self.on_rows(self.done, self.total)

    def _check_count(self, name: str) -> None:
        """Said as soon as a table ends, before a missing parent row shows as a broken reference."""
        expected = self.header.tables.get(name, 0)
        if self.counts[name] != expected:
            raise BackupError(N_("{path} is incomplete: its header counts {expected} rows of table {table}, and "
                                 "it holds {found}; nothing was changed"), path=self.path, expected=expected,
                              table=name, found=self.counts[name])

    def finish(self) -> None:
        """The last rows, every count, then the references that waited for their rows."""
        self._flush()
        for table in self.tables:
            self._check_count(table.name)
        for name, rows in self.deferred.items():
            self.table = table = metadata.tables[name]
            keys = list(table.primary_key.columns)
            where = [k == bindparam(f"_pk_{k.key}") for k in keys]
            for column in self.later[name]:
                wanted = [r for r in rows if f"_v_{column.key}" in r]
                if wanted:
                    statement = update(table).where(*where).values({column.key: bindparam(f"_v_{column.key}")})
                    self.conn.execute(statement, [{f"_v_{column.key}": r[f"_v_{column.key}"],
                                                   **{f"_pk_{k.key}": r[f"_pk_{k.key}"] for k in keys}}
                                                  for r in wanted])


def restore(store: Store, in_path: str | Path, replace: bool = False, *,
            on_rows: OnRows | None = None) -> RestoreReport:
    """Loads a backup into `store`, all or nothing. A database that holds records is refused unless
    `replace`, which empties every table first (in the same transaction)."""
    path = Path(in_path)
    with _Reader(path) as reader:
        header = reader.header()
        schema = store.revision()
        check_schema(path, header.schema, schema)
        with store.engine.connect() as conn:
            load = _Load(conn, path, header, on_rows)
            try:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # the emptiness check and the load, as one
                before = conn.execute(select(func.max(store_revision.c.revision))).scalar() or 0
                occupied = _occupied(conn)
                if occupied and not replace:
                    raise BackupError(N_("the database {url} already holds records (table {table} has rows): "
                                         "restore into a new, empty database, or replace everything in it "
                                         "with: sursur restore FILE --replace. Nothing was changed"),
                                      url=describe(store.url), table=occupied)
                _empty(conn)
                for number, table, row in reader.rows():
                    load.row(number, table, row)
                load.finish()
                # Higher than both the database's counter before and the backup's: a cache keyed on it
                # (the web's) never serves a page of what was there before.
                load.table = store_revision
                revision = max(before, load.saved_revision) + 1
                # The data are the backup's: they changed when it says (or, if it does not, now).
                changed = load.saved_changed_at or utc_now()
                if not conn.execute(update(store_revision).values(revision=revision, changed_at=changed)).rowcount:
                    conn.execute(insert(store_revision).values(id=1, revision=revision, changed_at=changed))
                if conn.dialect.name == "postgresql":
                    _reset_sequences(conn)
                conn.commit()
            except DBAPIError as error:
                conn.rollback()
                reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                if load.table is None:
                    raise BackupError(N_("{path} could not be loaded into {url} ({reason}); nothing was changed"),
                                      path=path, url=describe(store.url), reason=reason) from None
                raise BackupError(N_("{path} could not be loaded into {url} (table {table}: {reason}); nothing "
                                     "was changed"), path=path, url=describe(store.url), table=load.table.name,
                                  reason=reason) from None
            except BaseException:
                conn.rollback()
                raise
    return RestoreReport(path, schema, header.written_at, load.counts, bool(occupied), revision)

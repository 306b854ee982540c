"""Backup and restore (`sursur backup` / `sursur restore`), on SQLite and on a real PostgreSQL server.

Every comparison reads all rows of every table of the schema, ordered by primary key, and compares their
reprs (so Decimal('1.50') and Decimal('1.5'), or True and 1, are told apart).
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from sursur.cli import app
from sursur.domain import Actor, Citation, Dataset, Figure, Flow, Initiative, Measure, Participation, Source, Text
from sursur.services import backup as service
from sursur.services.backup import BackupError, backup, restore
from sursur.services.cases import load_case
from sursur.store import Store
from sursur.store import tables as t
from sursur.store.database import head_revision
from sursur.store.tables import metadata

from .conftest import BACKENDS, _new_url

UNICODE = ("São Paulo — Ñuñoa 🌎 北京 עִברִית «cita» \"comillas\" back\\slash\nsegunda línea\tfin "
           "e\u0301 \u200b")
BIG = Decimal("123456789012345678.91")  # 20 digits: a Numeric(20, 2) holds it exactly on PostgreSQL
AMOUNTS = [BIG, Decimal("9999999999999.99"), Decimal("0.01"), None]
FIGURE = Decimal("12345678901234567890.1234")


# --- helpers -------------------------------------------------------------------------------------------

def rows_of(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table of the schema, by primary key, as reprs."""
    with store.reading() as repo:
        return {table.name: [tuple(repr(v) for v in row)
                             for row in repo.conn.execute(select(table).order_by(*table.primary_key.columns))]
                for table in metadata.sorted_tables}


def records_of(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """rows_of without store_revision, the counter a restore raises on purpose."""
    found = rows_of(store)
    del found[t.store_revision.name]
    return found


def extra_records() -> Dataset:
    cite = [Citation("prueba-backup", "p. 1")]
    return Dataset(
        sources=[Source(key="prueba-backup", title=UNICODE, kind="article", year=2024, note=UNICODE)],
        actors=[Actor(key="nunoa", name="Ñuñoa 🌎 北京", kind="municipality", country="CHL", note=UNICODE,
                      population=Measure(Decimal("208237.5"), year=2017, approximate=True,
                                         source=Citation("prueba-backup", "tabla 1")),
                      area_km2=Measure(Decimal("0.0001"), source=Citation("prueba-backup", "tabla 1")),
                      sources=cite)],
        initiatives=[Initiative(
            key="montos-largos", title="Montos con muchas cifras — «prueba»", modality="bilateral",
            instrument="project", description=Text(UNICODE, "es"),
            participants=[Participation(role="offerer", actor="nunoa"),
                          Participation(role="receiver", party="ciudades de Chile (ñ)", country="CHL")],
            flows=[Flow(kind="disbursement", amount=amount, currency="USD", year=2020) for amount in AMOUNTS],
            figures=[Figure("beneficiarios", FIGURE, Citation("prueba-backup", "p. 2"))],
            start="2020", sources=cite)],
    )


def fill(store: Store) -> None:
    """The Medellín case, records with long amounts and unicode text, and an actor whose parent was
    created after it (its parent has a higher id: the restore must load it before setting the reference)."""
    load_case(store, "medellin")
    with store.transaction() as repo:
        repo.save(extra_records())
        first = repo.conn.execute(select(func.min(t.actors.c.id))).scalar_one()
        last = repo.conn.execute(select(func.max(t.actors.c.id))).scalar_one()
        repo.conn.execute(update(t.actors).where(t.actors.c.id == first).values(parent_id=last))


def lines_of(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def write_lines(path: Path, lines: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def line_number(lines: list[dict], table: str) -> int:
    """The 1-based line of the first row of `table` (line 1 is the header)."""
    return next(i for i, line in enumerate(lines, start=1) if line.get("t") == table)


# --- fixtures ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_store(backend, request, tmp_path_factory):
    """Makes new databases of the module's backend, schema built, no records."""
    opened = []

    def make() -> Store:
        opened.append(Store(_new_url(backend, request, tmp_path_factory), create=True))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


@pytest.fixture(scope="module")
def filled(backend, request, tmp_path_factory):
    """A filled database (read only) and a backup of it."""
    store = Store(_new_url(backend, request, tmp_path_factory), create=True)
    fill(store)
    path = tmp_path_factory.mktemp("backup") / "sursur.jsonl.gz"
    report = backup(store, path)
    yield store, path, report
    store.close()


# --- round trips ---------------------------------------------------------------------------------------

def test_a_restore_gives_back_every_row_exactly(filled, new_store):
    source, path, report = filled
    expected = rows_of(source)
    assert report.tables == {name: len(rows) for name, rows in expected.items()}
    assert report.tables["actors"] > 70 and report.tables["flows"] == len(AMOUNTS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds password and token hashes
    header = lines_of(path)[0]
    assert header["format"] == "sursur-backup" and header["format_version"] == 1
    assert header["schema"] == head_revision() and header["tables"] == report.tables
    assert list(header["tables"]) == [table.name for table in metadata.sorted_tables]

    target = new_store()
    before = target.data_revision()
    restored = restore(target, path)
    assert restored.tables == report.tables and not restored.replaced
    assert records_of(target) == {name: rows for name, rows in expected.items() if name != "store_revision"}
    # The counter rises past both the target's and the backup's, so no cache serves an older page.
    assert target.data_revision() == restored.data_revision == max(before, source.data_revision()) + 1
    # The data are the backup's: they last changed when the backup's database says, not at the restore.
    assert source.changed_at() is not None and target.changed_at() == source.changed_at()

    with target.reading() as repo:
        amounts = repo.conn.execute(select(t.flows.c.amount).order_by(t.flows.c.id)).scalars().all()
        names = repo.conn.execute(select(t.actors.c.name).where(t.actors.c.key == "nunoa")).scalar_one()
    assert names == "Ñuñoa 🌎 北京"
    if target.engine.dialect.name == "postgresql":
        # PostgreSQL keeps every digit; SQLite stores a Numeric as floating point (a limit of the store,
        # not of the backup), so there only the equality with the original database above applies.
        assert amounts == AMOUNTS
        assert {"$decimal": "123456789012345678.91"} in [line["r"]["amount"] for line in lines_of(path)
                                                         if line.get("t") == "flows"]
    else:
        assert amounts[1:] == AMOUNTS[1:]


def test_new_records_after_a_restore_take_new_ids(filled, new_store):
    _, path, report = filled
    target = new_store()
    restore(target, path)
    with target.transaction() as repo:
        repo.save(Dataset(sources=[Source(key="despues", title="Después de restaurar", kind="article")],
                          actors=[Actor(key="nueva", name="Nueva", kind="municipality", country="PER",
                                        sources=[Citation("despues", "1")])]))
    with target.reading() as repo:
        source_id = repo.conn.execute(select(t.sources.c.id).where(t.sources.c.key == "despues")).scalar_one()
        actor_id = repo.conn.execute(select(t.actors.c.id).where(t.actors.c.key == "nueva")).scalar_one()
    assert source_id == report.tables["sources"] + 1 and actor_id == report.tables["actors"] + 1


def test_restore_refuses_a_database_with_records_and_changes_nothing(filled, new_store):
    _, path, _ = filled
    target = new_store()
    load_case(target, "medellin")
    before = rows_of(target)
    with pytest.raises(BackupError, match=r"already holds records \(table actors has rows\).*--replace"):
        restore(target, path)
    assert rows_of(target) == before


def test_replace_leaves_exactly_the_backup(filled, new_store):
    source, path, report = filled
    target = new_store()
    load_case(target, "medellin")
    with target.transaction() as repo:
        repo.save(Dataset(sources=[Source(key="solo-aqui", title="Sólo en el destino", kind="article")]))
    for _ in range(5):  # the target's counter ends above the backup's
        with target.transaction():
            pass
    before = target.data_revision()
    assert before > source.data_revision()

    restored = restore(target, path, replace=True)
    assert restored.replaced and restored.tables == report.tables
    assert records_of(target) == records_of(source)
    assert target.data_revision() == before + 1


def test_a_backup_is_one_snapshot(new_store, tmp_path):
    """A write made while the backup reads is not half in it: PostgreSQL's backup does not see it;
    SQLite holds the writer off until the backup ends."""
    source = new_store()
    fill(source)
    before = records_of(source)
    attempts = []

    def write_meanwhile(done, total):
        if attempts:
            return
        if source.engine.dialect.name == "sqlite":
            writer = sqlite3.connect(source.engine.url.database, timeout=0)
            try:
                writer.execute("INSERT INTO sources (key, kind, title) VALUES ('durante', 'article', 'x')")
                writer.commit()
                attempts.append("written")
            except sqlite3.OperationalError as error:
                attempts.append(str(error))
            finally:
                writer.close()
        else:
            with source.transaction() as repo:
                repo.save(Dataset(sources=[Source(key="durante", title="Escrita durante la copia", kind="article")]))
            attempts.append("written")

    path = tmp_path / "copia.jsonl.gz"
    backup(source, path, on_rows=write_meanwhile)
    expected = "written" if source.engine.dialect.name == "postgresql" else "database is locked"
    assert attempts == [expected]
    target = new_store()
    restore(target, path)
    assert records_of(target) == before
    if expected == "written":
        assert len(records_of(source)["sources"]) == len(before["sources"]) + 1


def test_every_kind_of_value_comes_back_as_it_was():
    """The kinds the schema holds today, and those a later table may bring (dates, bytes, JSON)."""
    from datetime import date, datetime, time, timezone

    values = [None, True, False, 0, -7, 2**70, "", UNICODE, Decimal("0.0010"), Decimal("-1E+3"), BIG, 0.1,
              float("inf"), date(2011, 7, 1), datetime(2011, 7, 1, 12, 30, tzinfo=timezone.utc), time(23, 59, 1),
              b"\x00\xff", {"a": [1, "ñ"]}, [1, 2]]
    table, column = t.flows, t.flows.c.amount
    for value in values:
        line = json.loads(service._line(service._encode(value, table, column)))
        back = service._decode(line)
        assert back == value and type(back) is type(value) and repr(back) == repr(value), value


# --- backup refusals -----------------------------------------------------------------------------------

def test_backup_refuses_a_folder_or_a_missing_folder(filled, tmp_path):
    source, _, _ = filled
    with pytest.raises(BackupError, match="is a folder; give the backup a file name"):
        backup(source, tmp_path)
    with pytest.raises(BackupError, match=f"the folder {re.escape(str(tmp_path / 'no'))} does not exist"):
        backup(source, tmp_path / "no" / "copia.jsonl.gz")
    assert list(tmp_path.iterdir()) == []


def test_backup_refuses_to_overwrite_the_sqlite_database(tmp_path):
    database = tmp_path / "sursur.db"
    store = Store(str(database), create=True)
    load_case(store, "medellin")
    before = database.read_bytes()
    with pytest.raises(BackupError, match="is the database itself"):
        backup(store, database)
    store.close()
    assert database.read_bytes() == before


def test_a_failed_backup_leaves_the_previous_file_and_nothing_half_written(filled, tmp_path):
    source, _, _ = filled
    target = tmp_path / "copia.jsonl.gz"
    target.write_bytes(b"the previous backup")

    def fail(done, total):
        if done > 100:
            raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError, match="the disk went away"):
        backup(source, target, on_rows=fail)
    assert target.read_bytes() == b"the previous backup"
    assert [p.name for p in tmp_path.iterdir()] == ["copia.jsonl.gz"]


# --- restore refusals: each leaves the database exactly as it was ---------------------------------------

def _header(lines, **changes):
    return [{**lines[0], **changes}, *lines[1:]]


def _change_row(lines, table, change):
    at = line_number(lines, table) - 1
    changed = [dict(line) for line in lines]
    changed[at] = {"t": table, "r": change(dict(lines[at]["r"]))}
    return changed


def _duplicate_first_actor(lines):
    at = line_number(lines, "actors") - 1
    header = {**lines[0], "tables": {**lines[0]["tables"], "actors": lines[0]["tables"]["actors"] + 1}}
    return [header, *lines[1:at + 1], lines[at], *lines[at + 1:]]


def _an_actor_at_the_end(lines):
    """One more actor row after every other table (the header's count of actors is met before it)."""
    row = lines[line_number(lines, "actors") - 1]
    return [*lines, {"t": "actors", "r": {**row["r"], "id": 9999, "key": "al-final"}}]


def _refused_file(case: str, path: Path, folder: Path) -> tuple[Path, str]:
    """The bad file of a case, built from the module's backup, and what its refusal says."""
    lines = lines_of(path)
    raw = path.read_bytes()
    actors = line_number(lines, "actors")
    last = len(lines)

    def gz(name, content):
        return write_lines(folder / f"{name}.jsonl.gz", content)

    def plain(name, content: bytes):
        (folder / name).write_bytes(content)
        return folder / name

    head, actors_in_header = head_revision(), lines[0]["tables"]["actors"]
    damaged = r"is damaged or cut short: line \d+ cannot be read"
    not_a_header = "its first line is not a sursur backup header"
    cases = {
        "cut short": (lambda: plain("cut.gz", raw[: len(raw) * 2 // 3]), damaged),
        "wrong checksum": (lambda: plain("crc.gz", raw[:-8] + bytes(b ^ 0xFF for b in raw[-8:-4]) + raw[-4:]),
                           damaged),
        "not gzip": (lambda: plain("notes.txt", b"just some notes\n"),
                     r"is not a sursur backup \(it is not a gzip file\)"),
        "empty": (lambda: plain("empty.gz", b""), r"is not a sursur backup \(it is empty\)"),
        "gzip of text": (lambda: plain("text.gz", gzip.compress(b"hola\n")), not_a_header),
        "other JSON": (lambda: gz("other", [{"format": "something else"}]), not_a_header),
        "older schema": (lambda: gz("older", _header(lines, schema="0001")),
                         (f"is a backup of schema 0001, and this database has schema {head}: restore it with "
                          "the sursur version that wrote it")),
        "unknown schema": (lambda: gz("newer", _header(lines, schema="9999")),
                           (f"is a backup of schema 9999, which this sursur does not know \\(this database "
                            f"has schema {head}\\): it was written by a newer sursur")),
        "newer format": (lambda: gz("format", _header(lines, format_version=2)),
                         r"written by a newer sursur \(backup format 2\)"),
        "unknown table": (lambda: gz("table", [*lines, {"t": "secretos", "r": {"id": 1}}]),
                          f"line {last + 1}: table secretos is not in this database's schema"),
        "unknown column": (lambda: gz("column", _change_row(lines, "actors", lambda r: {**r, "color": "rojo"})),
                           f"line {actors}: table actors has no column color"),
        "missing column": (lambda: gz("missing", _change_row(lines, "actors",
                                                             lambda r: {k: v for k, v in r.items() if k != "name"})),
                           f"line {actors}: the row of table actors lacks column name"),
        "wrong value": (lambda: gz("value", _change_row(lines, "actors", lambda r: {**r, "id": "uno"})),
                        f'line {actors}: column id of table actors cannot hold the value "uno"'),
        "row missing": (lambda: gz("fewer", [*lines[:actors - 1], *lines[actors:]]),
                        (f"is incomplete: its header counts {actors_in_header} rows of table actors, and it "
                         f"holds {actors_in_header - 1}")),
        "out of order": (lambda: gz("order", _an_actor_at_the_end(lines)),
                         f"line {last + 1}: rows of table actors come after rows of tables loaded after it"),
        "duplicate id": (lambda: gz("duplicate", _duplicate_first_actor(lines)),
                         r"could not be loaded into .* \(table actors: .*(unique|UNIQUE|duplicate).*\)"),
    }
    make, message = cases[case]
    return make(), message


REFUSALS = ["cut short", "wrong checksum", "not gzip", "empty", "gzip of text", "other JSON", "older schema",
            "unknown schema", "newer format", "unknown table", "unknown column", "missing column", "wrong value",
            "row missing", "out of order", "duplicate id"]


@pytest.mark.parametrize("case", REFUSALS)
def test_a_bad_file_is_refused_with_its_reason_and_changes_nothing(case, filled, new_store, tmp_path):
    _, path, _ = filled
    bad, message = _refused_file(case, path, tmp_path)
    target = new_store()
    load_case(target, "medellin")
    before = rows_of(target)
    with pytest.raises(BackupError, match=message) as refused:
        restore(target, bad, replace=True)  # --replace: the emptying, too, is rolled back
    assert "nothing was changed" in str(refused.value).lower()
    assert rows_of(target) == before


def test_an_overlong_line_is_refused_before_it_is_read(filled, new_store, tmp_path, monkeypatch):
    _, path, _ = filled
    lines = lines_of(path)
    at = line_number(lines, "sources")
    bad = write_lines(tmp_path / "long.jsonl.gz", _change_row(lines, "sources", lambda r: {**r, "note": "x" * 5000}))
    monkeypatch.setattr(service, "MAX_LINE_BYTES", 4096)
    target = new_store()
    with pytest.raises(BackupError, match=f"line {at} is longer than"):
        restore(target, bad)
    assert records_of(target) == {name: [] for name in records_of(target)}


def test_missing_file_and_folder_are_refused(filled, new_store, tmp_path):
    target = new_store()
    with pytest.raises(BackupError, match="there is no file"):
        restore(target, tmp_path / "nada.jsonl.gz")
    with pytest.raises(BackupError, match="is a folder, not a backup file"):
        restore(target, tmp_path)


# --- across backends -----------------------------------------------------------------------------------

def test_sqlite_to_postgresql_and_back_to_a_backup_gives_the_same_rows(postgres, tmp_path):
    sqlite_store = Store(f"sqlite:///{tmp_path / 'origen.db'}", create=True)
    fill(sqlite_store)
    pg_store = Store(postgres.create_database("cruce_desde_sqlite"), create=True)
    backup(sqlite_store, tmp_path / "de-sqlite.jsonl.gz")
    restore(pg_store, tmp_path / "de-sqlite.jsonl.gz")
    backup(pg_store, tmp_path / "de-postgresql.jsonl.gz")

    def rows(path):
        return [line for line in lines_of(path)[1:] if line["t"] != "store_revision"]

    assert rows(tmp_path / "de-postgresql.jsonl.gz") == rows(tmp_path / "de-sqlite.jsonl.gz")
    assert records_of(pg_store) == records_of(sqlite_store)
    sqlite_store.close()
    pg_store.close()


def test_postgresql_to_sqlite_refuses_amounts_sqlite_would_round(postgres, tmp_path):
    pg_store = Store(postgres.create_database("cruce_hacia_sqlite"), create=True)
    fill(pg_store)
    backup(pg_store, tmp_path / "pg.jsonl.gz")
    sqlite_store = Store(f"sqlite:///{tmp_path / 'destino.db'}", create=True)
    before = rows_of(sqlite_store)
    with pytest.raises(BackupError, match=r"line \d+: the value 12345678901234567890\.1234 of column value of "
                                          r"table figures cannot be kept exactly in a SQLite database"):
        restore(sqlite_store, tmp_path / "pg.jsonl.gz")
    assert rows_of(sqlite_store) == before

    # Without such amounts (the Medellín case alone), PostgreSQL → SQLite is exact too.
    medellin = Store(postgres.create_database("cruce_medellin"), create=True)
    load_case(medellin, "medellin")
    backup(medellin, tmp_path / "medellin.jsonl.gz")
    restore(sqlite_store, tmp_path / "medellin.jsonl.gz")
    assert records_of(sqlite_store) == records_of(medellin)
    for store in (pg_store, sqlite_store, medellin):
        store.close()


# --- the command line ----------------------------------------------------------------------------------

runner = CliRunner()


def sursur(*args, lang="en"):
    return runner.invoke(app, ["--lang", lang, *args], catch_exceptions=False)


def test_cli_backup_and_restore(filled, new_store, tmp_path):
    source, _, _ = filled
    path = tmp_path / "copia.jsonl.gz"
    result = sursur("--db", source.url, "backup", str(path))
    assert result.exit_code == 0, result.output
    counts = {name: len(rows) for name, rows in rows_of(source).items()}
    assert f"written to {path}: {sum(counts.values()):,} rows" in result.stdout
    for name, count in counts.items():
        assert re.search(rf"│ {name}\s+│ {count:,}\s+│", result.stdout), name

    target = new_store()
    result = sursur("--db", target.url, "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "restored into" in result.stdout and f"{sum(counts.values()):,} rows" in result.stdout
    for name, count in counts.items():
        assert re.search(rf"│ {name}\s+│ {count:,}\s+│", result.stdout), name
    assert records_of(target) == records_of(source)

    before = rows_of(target)
    result = sursur("--db", target.url, "restore", str(path))
    assert result.exit_code == 1
    assert "already holds records" in result.stderr and "--replace" in result.stderr
    assert "Traceback" not in result.output
    assert rows_of(target) == before

    revision = target.data_revision()
    result = sursur("--db", target.url, "restore", str(path), "--replace")
    assert result.exit_code == 0, result.output
    assert "replaced the records of" in result.stdout
    assert records_of(target) == records_of(source)
    assert target.data_revision() == revision + 1


def test_cli_restore_of_a_wrong_file_leaves_no_new_database(tmp_path_factory, tmp_path):
    origin = Store(str(tmp_path_factory.mktemp("origen") / "sursur.db"), create=True)
    load_case(origin, "medellin")
    path = tmp_path_factory.mktemp("copia") / "sursur.jsonl.gz"
    backup(origin, path)
    origin.close()
    notes = tmp_path / "notas.txt"
    notes.write_text("no es una copia\n")
    cut = tmp_path / "cortada.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-100])
    database = tmp_path / "nueva.db"
    for wrong, says in ((notes, "is not a sursur backup (it is not a gzip file)"), (cut, "is damaged or cut short")):
        result = sursur("--db", str(database), "restore", str(wrong))
        assert result.exit_code == 1 and says in result.stderr, result.output
        assert "Traceback" not in result.output
        assert sorted(tmp_path.iterdir()) == sorted([notes, cut])


def test_cli_backup_of_a_missing_folder_says_so(filled, tmp_path):
    source, _, _ = filled
    result = sursur("--db", source.url, "backup", str(tmp_path / "no" / "copia.jsonl.gz"))
    assert result.exit_code == 1 and "does not exist" in result.stderr

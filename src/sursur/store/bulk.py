"""Saving records a batch at a time, for imports that write thousands of them.

The rows are the ones `Writer` writes (both build them with store/values.py), with the same rules:
records are matched by key; one equal to its stored version is not touched; a changed one is updated in
place and its children replaced whole; a new one is inserted. What differs is the number of statements:
`Writer` spends about eighteen on each record, this writer a few on each table of a batch. For a batch,
one query per IN-list finds which keys are stored; only those stored versions are read back (their
children in bulk) and compared; then one executemany per table updates the changed rows, deletes their
children, inserts the new rows and inserts every child row.

Referenced keys (sources, actors, agreements) are turned into ids through maps read once, when the
writer is made, and kept up to date with what it inserts. So a BulkWriter belongs to one transaction,
and the records it saves must not be written, deleted or re-keyed by anything else during it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from ..domain import Actor, Dataset
from ..domain.actor import parents_first
from . import tables as t
from . import values as v
from .rows import Reader
from .writer import bumped
from .writer import SaveReport

_CHUNK = 500  # keys in one IN (...) list: far below SQLite's and PostgreSQL's limits on parameters


@dataclass(frozen=True)
class _Kind:
    table: Table
    record_type: str | None  # in the shared tables citations and record_themes; None: has none
    values: Callable  # (ref, record) -> the values of its own row
    children: Callable  # (ref, record) -> [(child table, rows)], shared tables included
    read: Callable  # (Reader, rows) -> records

    @property
    def name(self) -> str:
        return self.table.name


def _actor_rows(ref, a):
    return v.actor_children(ref, a) + v.polymorphic_rows(ref, a.sources)


def _initiative_rows(ref, i):
    return v.initiative_children(ref, i) + v.polymorphic_rows(ref, i.sources, i.themes)


_SOURCES = _Kind(t.sources, None, lambda ref, s: v.source_values(s), lambda ref, s: [], Reader.sources)
_ACTORS = _Kind(t.actors, "actor", v.actor_values, _actor_rows, Reader.actors)
_INITIATIVES = _Kind(t.initiatives, "initiative", v.initiative_values, _initiative_rows, Reader.initiatives)
_POLYMORPHIC = (t.citations, t.record_themes)


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True)
class _Statement:
    """An INSERT compiled for the connection's driver, with what the driver needs of each row."""

    sql: str
    positional: tuple[str, ...] | None  # the order of the values, for drivers that take tuples
    convert: tuple[tuple[str, Callable], ...]  # (column, SQLAlchemy's conversion of its values)

    @classmethod
    def compile(cls, conn: Connection, table: Table, names: tuple[str, ...]) -> _Statement | None:
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(names))
        binds = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.binds)
        if sorted(binds) != sorted(names):
            return None  # a column left to its default, or a name the driver spells otherwise
        convert = tuple((name, processor) for name in names
                        if (processor := table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)))
        return cls(compiled.string, binds if compiled.positional else None, convert)

    def run(self, conn: Connection, rows: list[dict]) -> None:
        for row in rows if self.convert else ():  # the rows are built for this call: converted in place
            for name, processor in self.convert:
                row[name] = processor(row[name])
        # (every table has two columns or more, so itemgetter gives tuples)
        conn.exec_driver_sql(self.sql, list(map(itemgetter(*self.positional), rows)) if self.positional else rows)


def _generations(actors: list[Actor]) -> list[list[Actor]]:
    """Parents before their children: an actor whose parent is saved with it goes in a later group."""
    groups: list[list[Actor]] = [[]]
    keys: set[str] = set()
    for actor in parents_first(actors):
        if actor.parent in keys:
            groups.append([])
            keys = set()
        groups[-1].append(actor)
        keys.add(actor.key)
    return [group for group in groups if group]


class BulkWriter:
    """Saves datasets of sources, actors and initiatives inside the caller's transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn
        if conn.dialect.name == "postgresql":
            # psycopg prepares a statement run five times; PostgreSQL may then keep one generic plan for the
            # lookups by key, and a plan made while the tables were nearly empty scans them whole (a
            # 200 000-initiative load had not ended after 10 minutes). Plan each batch for its own values.
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
        self._ids: dict[str, dict[str, int]] = {
            table.name: dict(conn.execute(select(table.c.key, table.c.id)).all())
            for table in (t.sources, t.actors, t.agreements)}
        self._statements: dict[tuple[str, tuple[str, ...]], _Statement | None] = {}

    def _insert(self, table: Table, rows: list[dict]) -> None:
        """One executemany of rows that all name the same columns (every one but the id).

        The statement is compiled by SQLAlchemy and each value converted by its column's type as SQLAlchemy
        does (Decimal to float on SQLite, for one), then handed to the driver as it is: SQLAlchemy's own
        bookkeeping for each row of an executemany took as long as the database's work.
        """
        names = tuple(rows[0])
        if (table.name, names) not in self._statements:
            self._statements[table.name, names] = _Statement.compile(self.conn, table, names)
        statement = self._statements[table.name, names]
        if statement is None:
            self.conn.execute(insert(table), rows)
        else:
            statement.run(self.conn, rows)

    def _ref(self, table: Table, key: str | None) -> int | None:
        return None if key is None else self._ids[table.name][key]

    def save(self, data: Dataset) -> SaveReport:
        """Writes the dataset's sources, actors and initiatives, matched by key (as Repository.save)."""
        other = next((name for name in ("agreements", "networks", "memberships", "practices", "demands")
                      if getattr(data, name)), None)
        if other:
            raise ValueError(f"BulkWriter saves sources, actors and initiatives, not {other}: use Repository.save")
        data.check_references(known_actors=self._ids["actors"].keys(), known_sources=self._ids["sources"].keys(),
                              known_agreements=self._ids["agreements"].keys())
        report = SaveReport()
        self._save(_SOURCES, data.sources, report)
        for generation in _generations(data.actors):
            self._save(_ACTORS, generation, report)
        self._save(_INITIATIVES, data.initiatives, report)
        return report

    # --- one kind of record -------------------------------------------------------------------------

    def _save(self, kind: _Kind, records: list, report: SaveReport) -> None:
        if not records:
            return
        table = kind.table
        rows = {}
        for chunk in _chunks([r.key for r in records]):
            rows.update((row.key, row) for row in self.conn.execute(select(table).where(table.c.key.in_(chunk))))
        stored = dict(zip(rows, kind.read(Reader(self.conn), list(rows.values())))) if rows else {}
        new, changed = [], []
        for record in records:
            row = rows.get(record.key)
            if row is None:
                new.append(record)
                report.count("created", kind.name)
            elif stored[record.key] == record:
                report.count("unchanged", kind.name)
            else:
                changed.append((record, row.id))
                report.count("updated", kind.name)
        if changed:
            self.conn.execute(update(table).where(table.c.id == bindparam("row_id")).values(bumped(table)),
                              [{"row_id": row_id, **kind.values(self._ref, r)} for r, row_id in changed])
            self._delete_children(kind, [row_id for _, row_id in changed])
        if new:
            self._insert(table, [{"key": r.key, **kind.values(self._ref, r)} for r in new])
            ids = self._ids.get(table.name, {})  # kept for the kinds other records refer to
            for chunk in _chunks([r.key for r in new]):
                ids.update(self.conn.execute(select(table.c.key, table.c.id).where(table.c.key.in_(chunk))).all())
            changed += [(r, ids[r.key]) for r in new]
        self._insert_children(kind, changed)

    def _delete_children(self, kind: _Kind, ids: list[int]) -> None:
        if kind.record_type is None:
            return
        for chunk in _chunks(ids):
            for table in v.CHILDREN[kind.record_type]:
                self.conn.execute(delete(table).where(table.c[v.OWNER_FK[kind.record_type]].in_(chunk)))
            for table in _POLYMORPHIC:
                self.conn.execute(delete(table).where(table.c.record_type == kind.record_type,
                                                      table.c.record_id.in_(chunk)))

    def _insert_children(self, kind: _Kind, owned: list[tuple[object, int]]) -> None:
        if kind.record_type is None:
            return
        fk, record_type = v.OWNER_FK[kind.record_type], kind.record_type
        batches: dict[Table, list[dict]] = {}
        for record, row_id in owned:
            for table, rows in kind.children(self._ref, record):
                polymorphic = table in _POLYMORPHIC
                for row in rows:  # built for this call: completed in place
                    if polymorphic:
                        row["record_type"], row["record_id"] = record_type, row_id
                    else:
                        row[fk] = row_id
                batches.setdefault(table, []).extend(rows)
        for table, rows in batches.items():
            if rows:
                self._insert(table, rows)

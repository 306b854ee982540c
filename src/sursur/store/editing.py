"""The store's side of editing: a record's owner and version, the version claim, deletion, drafts, the
audit trail. The rules (who may, what is checked) are in services/editing.py and services/permissions.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from ..domain import Dataset
from . import tables as t
from .rows import Reader

TABLES = {"actors": t.actors, "agreements": t.agreements, "initiatives": t.initiatives,
          "memberships": t.memberships, "practices": t.practices}
RECORD_TYPE = {"actors": "actor", "agreements": "agreement", "initiatives": "initiative",
               "memberships": "membership", "practices": "practice"}  # as citations.record_type says it


def membership_key(actor: str, network: str) -> str:
    return f"{actor}@{network}"


@dataclass(frozen=True)
class Stored:
    id: int
    organisation: str | None
    version: int


def _where(conn: Connection, kind: str, key: str):
    table = TABLES[kind]
    if kind != "memberships":
        return table.c.key == key
    actor, _, network = key.partition("@")
    actor_id = select(t.actors.c.id).where(t.actors.c.key == actor).scalar_subquery()
    network_id = select(t.networks.c.id).where(t.networks.c.key == network).scalar_subquery()
    return (table.c.actor_id == actor_id) & (table.c.network_id == network_id)


def stored(conn: Connection, kind: str, key: str) -> Stored | None:
    table = TABLES[kind]
    row = conn.execute(select(table.c.id, table.c.organisation, table.c.version)
                       .where(_where(conn, kind, key))).first()
    return Stored(*row) if row else None


def read(conn: Connection, kind: str, key: str):
    """The published record as a domain object, or None."""
    table = TABLES[kind]
    rows = conn.execute(select(table).where(_where(conn, kind, key))).all()
    if not rows:
        return None
    return getattr(Reader(conn), kind)(rows)[0]


def claim(conn: Connection, kind: str, key: str, version: int) -> bool:
    """Raises the record's version if it is still `version`: the first statement of an edit. Two edits of
    the same version cannot both claim it (the second waits for the first's commit on PostgreSQL and on
    SQLite, then finds the version changed), so neither overwrites the other unseen."""
    table = TABLES[kind]
    done = conn.execute(update(table).where(_where(conn, kind, key), table.c.version == version)
                        .values(version=table.c.version + 1))
    return done.rowcount == 1


def set_owner(conn: Connection, kind: str, key: str, organisation: str | None) -> None:
    table = TABLES[kind]
    conn.execute(update(table).where(_where(conn, kind, key)).values(organisation=organisation))


def delete_record(conn: Connection, kind: str, key: str) -> None:
    """Deletes the record, its children (by cascade) and its citations and themes. Raises the database's
    IntegrityError when other records still name it (foreign keys RESTRICT)."""
    table = TABLES[kind]
    row_id = conn.execute(select(table.c.id).where(_where(conn, kind, key))).scalar_one()
    for poly in (t.citations, t.record_themes):
        conn.execute(delete(poly).where(poly.c.record_type == RECORD_TYPE[kind], poly.c.record_id == row_id))
    conn.execute(delete(table).where(table.c.id == row_id))


def dataset_of(kind: str, record, sources=()) -> Dataset:
    data = Dataset(sources=list(sources))
    setattr(data, kind, [record])
    return data


# --- drafts -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Draft:
    kind: str
    key: str
    organisation: str | None
    data: dict
    version: int
    created_by: str
    created_at: str
    updated_at: str


def _draft(row) -> Draft:
    return Draft(row.record_type, row.record_key, row.organisation, json.loads(row.data), row.version,
                 row.created_by, row.created_at, row.updated_at)


def draft(conn: Connection, kind: str, key: str) -> Draft | None:
    row = conn.execute(select(t.drafts).where(t.drafts.c.record_type == kind, t.drafts.c.record_key == key)).first()
    return _draft(row) if row else None


def drafts(conn: Connection, organisation: str | None = None, kind: str | None = None) -> list[Draft]:
    """Drafts of one organisation (None: every draft), newest first."""
    query = select(t.drafts).order_by(t.drafts.c.updated_at.desc())
    if organisation is not None:
        query = query.where(t.drafts.c.organisation == organisation)
    if kind is not None:
        query = query.where(t.drafts.c.record_type == kind)
    return [_draft(r) for r in conn.execute(query)]


def insert_draft(conn: Connection, kind: str, key: str, organisation: str | None, data: dict, user: str,
                 at: str) -> None:
    conn.execute(insert(t.drafts).values(record_type=kind, record_key=key, organisation=organisation,
                                         data=json.dumps(data, ensure_ascii=False, sort_keys=True), version=1,
                                         created_by=user, created_at=at, updated_at=at))


def update_draft(conn: Connection, kind: str, key: str, version: int, data: dict, at: str) -> bool:
    """Saves the draft if it is still at `version` (same claim as published records)."""
    done = conn.execute(update(t.drafts).where(t.drafts.c.record_type == kind, t.drafts.c.record_key == key,
                                               t.drafts.c.version == version)
                        .values(data=json.dumps(data, ensure_ascii=False, sort_keys=True),
                                version=t.drafts.c.version + 1, updated_at=at))
    return done.rowcount == 1


def delete_draft(conn: Connection, kind: str, key: str, version: int) -> bool:
    done = conn.execute(delete(t.drafts).where(t.drafts.c.record_type == kind, t.drafts.c.record_key == key,
                                               t.drafts.c.version == version))
    return done.rowcount == 1


# --- the audit trail ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    id: int
    at: str
    user: str
    action: str
    kind: str
    key: str
    state: str
    version: int | None
    before: dict | None
    after: dict | None

    @property
    def fields(self) -> list[str]:
        """The fields whose value differs between before and after."""
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def record_change(conn: Connection, *, at: str, user: str, action: str, kind: str, key: str, state: str,
                  version: int | None, before: dict | None, after: dict | None) -> None:
    dump = (lambda v: None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True))
    conn.execute(insert(t.audit_log).values(at=at, user_email=user, action=action, record_type=kind,
                                            record_key=key, state=state, version=version, before=dump(before),
                                            after=dump(after)))


def changes(conn: Connection, *, kind: str | None = None, key: str | None = None, user: str | None = None,
            until: str | None = None, limit: int | None = None) -> list[Change]:
    """Audit entries, oldest first, filtered by record, user and time (ISO text, inclusive)."""
    a = t.audit_log
    query = select(a).order_by(a.c.at, a.c.id)
    if kind:
        query = query.where(a.c.record_type == kind)
    if key:
        query = query.where(a.c.record_key == key)
    if user:
        query = query.where(a.c.user_email == user.strip().lower())
    if until:
        query = query.where(a.c.at <= until)
    if limit:
        query = query.order_by(None).order_by(a.c.at.desc(), a.c.id.desc()).limit(limit)
    rows = conn.execute(query).all()
    if limit:
        rows.reverse()
    load = (lambda v: None if v is None else json.loads(v))
    return [Change(r.id, r.at, r.user_email, r.action, r.record_type, r.record_key, r.state, r.version,
                   load(r.before), load(r.after)) for r in rows]

"""Editing records: drafts, edits, publishing and deleting, each checked, versioned and audited.

A form is one row of the kind's spreadsheet table (interchange/tables/columns.py): the same columns, the
same reading and the same messages as `sursur import table`, so a field is validated in one place. An
initiative's form also carries its flows, each one row of the flows table.

New records are drafts (table `drafts`), which the public never sees; publishing writes the record into
the store for everyone. Published records are edited in place. Every change claims the version it was
made on: an edit of an older version is refused with what changed since, never applied over it. Every
change writes its before and after to the audit trail, in the same transaction.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain import DomainError
from ..domain.errors import N_, UserError
from ..i18n import gettext_for
from ..interchange.jsonout import plain
from ..interchange.tables.columns import KINDS, Column
from ..interchange.tables.export import rows_for
from ..interchange.tables.files import Table
from ..interchange.tables.merge import merge
from ..interchange.tables.rows import Known, RowReader
from ..interchange.tables.values import slug
from ..store import Store
from ..store import editing as e
from ..store import tables as t
from ..store.search import has_control_characters
from .accounts import User, now_iso
from .permissions import Action, NotFound, check
from .themes import check_themes

EDITABLE = ("actors", "agreements", "initiatives", "memberships", "practices")
MAX_FIELD = 20_000  # characters in one field
MAX_FLOWS = 200
_KEY = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,119}$")


class FormInvalid(UserError):
    """422: fields that cannot be read; `problems` says which, why, with the value given."""

    status = 422

    def __init__(self, problems: list["FieldProblem"]):
        self.problems = problems
        super().__init__(N_("{count} field(s) to correct; nothing was saved"), count=len(problems))


class StaleEdit(UserError):
    """409: the record changed since the form was opened; nothing was saved."""

    status = 409

    def __init__(self, msgid: str, current: "Editable | None", changes: list, **params):
        self.current, self.changes = current, changes
        super().__init__(msgid, **params)


@dataclass(frozen=True)
class FieldProblem:
    field: str  # a column key, or flows.N.column
    reason: str  # msgid
    params: dict = field(default_factory=dict, hash=False)
    value: str | None = None

    def render(self, gettext) -> str:
        return gettext(self.reason).format(**self.params)


@dataclass
class Editable:
    kind: str
    key: str
    state: str  # draft or published
    organisation: str | None
    version: int
    data: dict  # the form's fields
    record: object | None = None  # the domain record (published), None for a draft


def columns(kind: str) -> list[Column]:
    _kind(kind)
    return KINDS[kind]


def flow_columns() -> list[Column]:
    return [c for c in KINDS["flows"] if c.key != "initiative"]


def _kind(kind: str, key: str | None = None) -> None:
    if kind not in EDITABLE:
        raise NotFound(N_("'{kind}' is not a kind of record that can be edited; use one of: {choices}"),
                       kind=kind, choices=", ".join(EDITABLE))
    if key is not None and has_control_characters(key):  # no record has one (PostgreSQL refuses a NUL)
        raise NotFound(N_("there is no record {record}"),
                       record=_label(kind, key.encode("unicode_escape").decode()))


def _label(kind: str, key: str) -> str:
    return f"{kind[:-1]} {key}"


# --- form data ----------------------------------------------------------------------------------------------

def clean(kind: str, data: dict) -> dict:
    """The form's fields, as text, trimmed; unknown fields dropped. Refuses control characters and
    oversized fields at their field."""
    problems = []
    out = {}
    for column in columns(kind):
        value = data.get(column.key)
        out[column.key] = _text(column.key, value, problems)
    if kind == "initiatives":
        flows = data.get("flows") or []
        if not isinstance(flows, list) or len(flows) > MAX_FLOWS:
            problems.append(FieldProblem("flows", N_("at most {count} flows, each a set of flow fields"),
                                         {"count": MAX_FLOWS}))
            flows = []
        out["flows"] = []
        for n, flow in enumerate(flows):
            if not isinstance(flow, dict):  # a number or a text where a flow should be: said, not dropped
                problems.append(FieldProblem(f"flows.{n}", N_("at most {count} flows, each a set of flow fields"),
                                             {"count": MAX_FLOWS}))
                continue
            row = {c.key: _text(f"flows.{n}.{c.key}", flow.get(c.key), problems) for c in flow_columns()}
            if any(row.values()):
                out["flows"].append(row)
    if problems:
        raise FormInvalid(problems)
    return out


def _text(name: str, value, problems: list) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.append(FieldProblem(name, N_("write this field as text")))
        return ""
    value = value.strip()
    if len(value) > MAX_FIELD:
        problems.append(FieldProblem(name, N_("this field is too long: at most {count} characters"),
                                     {"count": MAX_FIELD}, value[:40] + "…"))
    elif has_control_characters(value.replace("\n", "").replace("\r", "").replace("\t", "")):
        problems.append(FieldProblem(name, N_("this field holds control characters; remove them"), {}, value[:40]))
    return value


def _known(conn) -> Known:
    keys = (lambda table: {k: None for k in conn.execute(select(table.c.key)).scalars()})
    return Known(actors=keys(t.actors), agreements=set(keys(t.agreements)), initiatives=keys(t.initiatives),
                 networks=set(keys(t.networks)), sources=keys(t.sources))


def _es_headers(kind: str) -> dict[str, str]:
    es = gettext_for("es")
    return {es(c.header): c.key for c in KINDS[kind]}


def _field(kind: str, name: str) -> str:
    """A problem's column as the form's field: a domain error names 'flows.amount' for a flow's amount."""
    name = name.removeprefix(f"{kind}.")
    if kind == "flows":
        name = name.removeprefix("flows.")
    return name if name in {c.key for c in KINDS[kind]} else (name or "form")


# The importer speaks of columns; a form has fields.
_FORM_WORDS = {"this column is required": N_("this field is required")}


def _read_row(conn, kind: str, row: dict, known: Known, prefix: str = ""):
    """(record or None, new sources, problems) for one row of `kind`."""
    keys = [c.key for c in KINDS[kind]]
    table = Table("form", keys, [(1, [row.get(k, "") for k in keys])])
    reader = RowReader(table, kind, known)
    parsed = reader.read()
    headers = _es_headers(kind)
    problems = []
    for p in parsed.problems:
        name = _field(kind, headers.get(p.column, p.column or ""))
        if name == "form":  # a rule of the record that names no field (a date the record rejects): the field
            named = [k for k in keys if str(p.params.get("value", "")) and row.get(k) == str(p.params["value"])]
            name = named[0] if len(named) == 1 else name  # whose value it quotes, when only one holds it
        reason = _FORM_WORDS.get(p.reason, p.reason)
        problems.append(FieldProblem(prefix + name, reason, p.params, p.value))
    record = parsed.records[0][1] if parsed.records and not problems else None
    return record, list(parsed.sources.values()), problems


def _parse(conn, kind: str, key: str, data: dict, organisation: str | None):
    """The form read into (record, sources to write), or FormInvalid with every field's problem."""
    known = _known(conn)
    row = {k: v for k, v in data.items() if k != "flows"}
    if kind != "memberships":
        row["key"] = key
    if not row.get("source"):  # every record carries its source: the organisation's register in sursur
        row["source"] = f"sursur: {organisation or 'admin'}"
    record, sources, problems = _read_row(conn, kind, row, known)
    if kind == "initiatives":
        known.initiatives.setdefault(key, None)
        flows = []
        for n, flow in enumerate(data.get("flows") or []):
            flow_row = {**flow, "initiative": key, "source": flow.get("source") or row["source"]}
            found, more, wrong = _read_row(conn, "flows", flow_row, known, prefix=f"flows.{n}.")
            problems += wrong
            sources += [s for s in more if s not in sources]
            if found is not None:
                flows.append(found[1])
        if record is not None and not problems:
            try:
                record = dataclasses.replace(record, flows=flows)
            except DomainError as error:
                problems.append(FieldProblem(f"flows.{error.field or ''}".rstrip("."), error.msgid, error.params))
    if problems:
        raise FormInvalid(problems)
    try:
        check_themes(e.dataset_of(kind, record))
    except DomainError as error:
        raise FormInvalid([FieldProblem(error.field or "themes", error.msgid, error.params)]) from None
    return record, sources


def new_key(kind: str, data: dict) -> str:
    """The key a new record gets: the one written in the form, else one made from its name or title."""
    if kind == "memberships":
        return e.membership_key(data.get("actor", ""), data.get("network", ""))
    key = (data.get("key") or "").strip()
    if key:
        if not _KEY.match(key):
            raise FormInvalid([FieldProblem("key", N_("a key has lowercase letters, digits and '-' only (at most "
                                                      "120)"), {}, key)])
        return key
    base = data.get("name") or data.get("title") or ""
    if kind == "agreements":
        base = " ".join([data.get("kind", ""), *[p.strip() for p in (data.get("parties") or "").split(";")]])
    made = slug(base) if base.strip() else ""
    if not made:
        raise FormInvalid([FieldProblem("key", N_("write a key, or a name or title to make it from"))])
    return made


# --- reading ------------------------------------------------------------------------------------------------

def form_of(kind: str, record) -> dict:
    """A stored record as its form's fields (what the spreadsheet export writes for it)."""
    data = e.dataset_of(kind, record)
    keys, rows = rows_for(kind, data)
    form = {k: "" if v is None else str(v) for k, v in zip(keys, rows[0])} if rows else {}
    if kind == "initiatives":
        flow_keys, flow_rows = rows_for("flows", data)
        wanted = {c.key for c in flow_columns()}
        form["flows"] = [{k: "" if v is None else str(v) for k, v in zip(flow_keys, r) if k in wanted}
                         for r in flow_rows]
    return form


def _published(conn, kind: str, key: str) -> Editable | None:
    found = e.stored(conn, kind, key)
    if found is None:
        return None
    record = e.read(conn, kind, key)
    return Editable(kind, key, "published", found.organisation, found.version, form_of(kind, record), record)


def _drafted(conn, kind: str, key: str) -> Editable | None:
    found = e.draft(conn, kind, key)
    if found is None:
        return None
    return Editable(kind, key, "draft", found.organisation, found.version, found.data)


def _allowed_current(conn, user: User | None, action: Action, kind: str, key: str) -> Editable:
    """The draft or the published record, if it exists and the user may do `action` on it."""
    found = _drafted(conn, kind, key) or _published(conn, kind, key)
    if found is None:
        raise NotFound(N_("there is no record {record}"), record=_label(kind, key))
    check(user, action, found.organisation, found.state, _label(kind, key))
    return found


def get(store: Store, user: User | None, kind: str, key: str) -> Editable:
    """The record as its owner edits it: a draft (if the user may see it) or the published record."""
    _kind(kind, key)
    with store.reading() as repo:
        return _allowed_current(repo.conn, user, Action.VIEW, kind, key)


def visible_drafts(store: Store, user: User | None, kind: str | None = None) -> list[e.Draft]:
    if user is None or user.revoked:
        return []
    with store.reading() as repo:
        return e.drafts(repo.conn, None if user.admin else user.organisation, kind)


# --- changing -----------------------------------------------------------------------------------------------

def create(store: Store, user: User | None, kind: str, data: dict, organisation: str | None = None) -> Editable:
    """A new draft of the user's organisation (an admin may name another). Validated whole first."""
    _kind(kind)
    organisation = organisation if (user is not None and user.admin and organisation) else (
        user.organisation if user else None)
    check(user, Action.CREATE, organisation, "published", kind)
    data = clean(kind, data)
    key = new_key(kind, data)
    if kind != "memberships":
        data["key"] = key
    with store.transaction() as repo:
        conn = repo.conn
        if e.draft(conn, kind, key) or e.stored(conn, kind, key):
            raise FormInvalid([FieldProblem("key", N_("the key '{key}' is taken by another record; write another"),
                                            {"key": key}, key)])
        if has_control_characters(organisation or "") or conn.execute(
                select(t.actors.c.id).where(t.actors.c.key == organisation)).first() is None:
            raise FormInvalid([FieldProblem("organisation", N_("there is no actor '{key}'"),
                                            {"key": organisation}, (organisation or "")[:40])])
        record, _ = _parse(conn, kind, key, data, organisation)
        stamp = now_iso()
        e.insert_draft(conn, kind, key, organisation, data, user.email, stamp)
        e.record_change(conn, at=stamp, user=user.email, action="create", kind=kind, key=key, state="draft",
                        version=1, before=None, after=plain(record))
    return Editable(kind, key, "draft", organisation, 1, data)


def save(store: Store, user: User | None, kind: str, key: str, data: dict, version: int) -> Editable:
    """Saves an edit of a draft or of a published record, made on `version`."""
    _kind(kind, key)
    data = clean(kind, data)
    with store.transaction() as repo:
        conn = repo.conn
        current = _allowed_current(conn, user, Action.EDIT, kind, key)
        stamp = now_iso()
        if current.state == "draft":
            if kind != "memberships":
                data["key"] = key  # the key is the record's, not the form's: as create keeps it
            if not e.update_draft(conn, kind, key, version, data, stamp):
                raise _stale(conn, current, version)
            record, _ = _parse(conn, kind, key, data, current.organisation)
            e.record_change(conn, at=stamp, user=user.email, action="update", kind=kind, key=key, state="draft",
                            version=version + 1, before=_draft_plain(conn, kind, key, current),
                            after=plain(record))
            return Editable(kind, key, "draft", current.organisation, version + 1, data)
        if not e.claim(conn, kind, key, version):
            raise _stale(conn, current, version)
        new, sources = _parse(conn, kind, key, data, current.organisation)
        present = {c.key for c in KINDS[kind]}
        merged = merge(kind, current.record, new, present)
        if kind == "initiatives":
            merged = dataclasses.replace(merged, flows=new.flows)
        _write(repo, kind, merged, sources)
        e.record_change(conn, at=stamp, user=user.email, action="update", kind=kind, key=key, state="published",
                        version=version + 1, before=plain(current.record), after=plain(merged))
        return Editable(kind, key, "published", current.organisation, version + 1, form_of(kind, merged), merged)


def _draft_plain(conn, kind, key, current: Editable):
    try:
        return plain(_parse(conn, kind, key, current.data, current.organisation)[0])
    except FormInvalid:
        return current.data  # a draft saved before a referenced record went away: kept as its fields


def _write(repo, kind: str, record, sources) -> None:
    repo.save(e.dataset_of(kind, record, sources), bump=False)  # the edit claimed the version already


def publish(store: Store, user: User | None, kind: str, key: str, version: int) -> Editable:
    """Writes the draft (made on `version`) as a published record, visible to everyone."""
    _kind(kind, key)
    with store.transaction() as repo:
        conn = repo.conn
        current = _drafted(conn, kind, key)
        if current is None:
            if e.stored(conn, kind, key) is not None:
                raise StaleEdit(N_("{record} is already published"), None, [], record=_label(kind, key))
            raise NotFound(N_("there is no record {record}"), record=_label(kind, key))
        check(user, Action.PUBLISH, current.organisation, "draft", _label(kind, key))
        if not e.delete_draft(conn, kind, key, version):
            raise _stale(conn, current, version)
        if e.stored(conn, kind, key) is not None:
            raise FormInvalid([FieldProblem("key", N_("the key '{key}' is taken by another record; write another"),
                                            {"key": key}, key)])
        record, sources = _parse(conn, kind, key, current.data, current.organisation)
        try:
            _write(repo, kind, record, sources)
        except DomainError as error:
            raise FormInvalid([FieldProblem(error.field or "key", error.msgid, error.params)]) from None
        e.set_owner(conn, kind, key, current.organisation)
        e.record_change(conn, at=now_iso(), user=user.email, action="publish", kind=kind, key=key,
                        state="published", version=1, before=None, after=plain(record))
    return Editable(kind, key, "published", current.organisation, 1, form_of(kind, record), record)


class StillReferenced(UserError):
    """409: other records name this one; it cannot be deleted before them."""

    status = 409


def delete(store: Store, user: User | None, kind: str, key: str, version: int) -> None:
    _kind(kind, key)
    try:
        with store.transaction() as repo:
            conn = repo.conn
            current = _allowed_current(conn, user, Action.DELETE, kind, key)
            if current.state == "draft":
                if not e.delete_draft(conn, kind, key, version):
                    raise _stale(conn, current, version)
                before = _draft_plain(conn, kind, key, current)
            else:
                if not e.claim(conn, kind, key, version):
                    raise _stale(conn, current, version)
                before = plain(current.record)
                e.delete_record(conn, kind, key)
            e.record_change(conn, at=now_iso(), user=user.email, action="delete", kind=kind, key=key,
                            state=current.state, version=None, before=before, after=None)
    except IntegrityError:
        raise StillReferenced(N_("{record} is still named by other records (initiatives, agreements, flows or "
                                 "memberships); change or delete those first"), record=_label(kind, key)) from None


def _stale(conn, current: Editable, version: int) -> StaleEdit:
    """What changed between the version the user started from and now."""
    now = _drafted(conn, current.kind, current.key) or _published(conn, current.kind, current.key)
    trail = e.changes(conn, kind=current.kind, key=current.key)
    starts = [n for n, c in enumerate(trail) if c.action in ("create", "publish", "delete")]
    # versions count again from 1 when a draft is published (or a key is used again): only the record's
    # changes since then are later than the version the user started from
    later = [c for c in trail[starts[-1] if starts else 0:] if (c.version or 0) > version]
    if now is None:
        return StaleEdit(N_("{record} was deleted or published meanwhile; nothing was saved"), None, later,
                         record=_label(current.kind, current.key))
    who = "; ".join(f"{c.user} ({c.at[:16].replace('T', ' ')}: {', '.join(c.fields) or c.action})"
                    for c in later)
    if not who:
        return StaleEdit(N_("{record} is at version {now}, not {yours}: an import or another tool changed it. "
                            "Nothing was saved: compare with the current values and save again"), now, later,
                         record=_label(current.kind, current.key), yours=version, now=now.version)
    return StaleEdit(N_("{record} was changed since you opened it (your version {yours}, now {now}) by {who}. "
                        "Nothing was saved: compare with the current values and save again"), now, later,
                     record=_label(current.kind, current.key), yours=version, now=now.version, who=who)


# --- the audit trail ----------------------------------------------------------------------------------------

def audit(store: Store, user: User | None, *, kind: str | None = None, key: str | None = None,
          email: str | None = None, limit: int | None = 500) -> list[e.Change]:
    check(user, Action.AUDIT, None, "published", "audit")
    if any(has_control_characters(v or "") for v in (kind, key, email)):
        return []  # no record or user has one (PostgreSQL refuses a NUL in a query)
    with store.reading() as repo:
        return e.changes(repo.conn, kind=kind, key=key, user=email, limit=limit)


def as_of(store: Store, user: User | None, kind: str, key: str, when: str) -> dict | None:
    """The record as it was at `when` (a date or an ISO time, UTC): None if it did not exist then."""
    check(user, Action.AUDIT, None, "published", "audit")
    _kind(kind, key)
    try:
        (datetime.fromisoformat if "T" in when else date.fromisoformat)(when)
    except ValueError:
        bad = UserError(N_("'{value}' is not a date: write YYYY-MM-DD"), value=when)
        bad.parameter = "at"
        raise bad from None
    until = when if "T" in when else f"{when}T23:59:59.999999+00:00"
    with store.reading() as repo:
        trail = e.changes(repo.conn, kind=kind, key=key)
        found = _published(repo.conn, kind, key)
    done = [c for c in trail if c.at <= until]
    if done:
        return done[-1].after
    if trail:
        return trail[0].before  # what it was before the first recorded change (None: it was created later)
    return plain(found.record) if found else None


# --- an actor's place ------------------------------------------------------------------------------------

def set_place(store: Store, user: User | None, key: str, place_id: str, version: int):
    """Places a published actor at a place the user picked among the resolver's candidates (and keeps the
    choice for later resolutions of the same name). Checked, versioned and audited like any edit."""
    from ..reference.places import place_by_id
    from . import places

    _kind("actors", key)
    place = place_by_id(place_id or "")
    if place is None:
        raise FormInvalid([FieldProblem("place", N_("there is no place with the id '{key}'"), {"key": place_id},
                                        place_id)])
    with store.transaction() as repo:
        conn = repo.conn
        current = _published(conn, "actors", key)
        if current is None:
            raise NotFound(N_("there is no record {record}"), record=_label("actors", key))
        check(user, Action.EDIT, current.organisation, "published", _label("actors", key))
        if not e.claim(conn, "actors", key, version):
            raise _stale(conn, current, version)
        moved = dataclasses.replace(current.record, place=place.id)
        conn.execute(t.actors.update().where(t.actors.c.key == key).values(place=place.id))
        e.record_change(conn, at=now_iso(), user=user.email, action="update", kind="actors", key=key,
                        state="published", version=version + 1, before=plain(current.record), after=plain(moved))
    places.confirm(store, current.record.name, current.record.country, place.id)
    return place

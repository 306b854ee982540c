"""The editing pages: an editor's own page (/my), the form of a record (/edit/KIND/new, /edit/KIND/KEY),
publishing and deleting, and the audit trail for admins (/audit).

Everything goes through services/editing.py, the same functions the write API and the command line use,
so the same permission function decides and the same reader checks each field. Every POST checks the
form's CSRF token before anything else. A form that cannot be read comes back with each problem at its
field (422); a form made on an older version comes back with the values stored now beside the fields
that differ (409), ready to be saved again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from ...domain import (ActorKind, AgreementKind, AgreementStatus, FlowKind, InitiativeStatus, Instrument,
                       Modality)
from ...domain.errors import N_, UserError
from ...i18n import gettext_for
from ...interchange.tables.columns import Column
from ...labels import LABELS
from ...services import editing
from ...services.accounts import User
from ...services.permissions import Action, allowed, check
from ...store import editing as e
from ...store import tables as t
from ..auth import check_csrf, page_user
from ..context import request_language, store_of
from ..render import render, templates
from .account import signed_in

router = APIRouter()

NEW_LINKS = [("actors", N_("New actor")), ("agreements", N_("New agreement")),
             ("initiatives", N_("New initiative")), ("memberships", N_("New membership")),
             ("practices", N_("New practice"))]
KIND_NAMES = {"actors": N_("Actor"), "agreements": N_("Agreement"), "initiatives": N_("Initiative"),
              "memberships": N_("Membership"), "practices": N_("Practice")}
PUBLIC_PAGE = {"actors": "/actor/{key}", "agreements": "/agreement/{key}", "initiatives": "/initiative/{key}",
               "practices": "/practice/{key}"}
LONG = {"description", "summary", "note", "evidence", "recognition", "problem", "results"}
LANGUAGES = [("es", "es"), ("en", "en"), ("pt", "pt")]
NEW_FLOW_ROWS = 3
MAX_FORM_FIELDS = 3000  # an initiative with its most flows (editing.MAX_FLOWS) and their columns
_FLOW_FIELD = re.compile(r"^flows-(\d{1,4})-([a-z_]+)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _enum(values: type[Enum]) -> list[tuple[str, str]]:
    return [(m.value, LABELS[m]) for m in values]


# The columns shown as a choice: (kind, column) → (value, label msgid). Others are written.
CHOICES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("actors", "kind"): _enum(ActorKind),
    ("agreements", "kind"): _enum(AgreementKind),
    ("agreements", "status"): _enum(AgreementStatus),
    ("initiatives", "modality"): _enum(Modality),
    ("initiatives", "instrument"): _enum(Instrument),
    ("initiatives", "status"): _enum(InitiativeStatus),
    ("flows", "kind"): _enum(FlowKind),
    ("memberships", "founding"): [("yes", N_("yes")), ("no", N_("no"))],
    ("initiatives", "language"): LANGUAGES,
    ("practices", "language"): LANGUAGES,
}


# --- the form as the template draws it ---------------------------------------------------------------------

@dataclass
class Field:
    name: str  # the form's field name
    column: Column
    value: str
    widget: str  # text, textarea or select
    options: list[tuple[str, str, bool]] = field(default_factory=list)  # value, label, label is a msgid
    readonly: bool = False
    errors: list[str] = field(default_factory=list)
    current: str | None = None  # the value stored now, when it differs from the form's (a stale edit)

    @property
    def id(self) -> str:
        return "f-" + self.name

    @property
    def required(self) -> bool:
        return self.column.required


def _field(kind: str, column: Column, name: str, value: str, errors: list[str], readonly: bool = False) -> Field:
    value = "" if value is None else str(value)
    choices = CHOICES.get((kind, column.key))
    if choices and not readonly:
        options = [(v, text, True) for v, text in choices]
        if value and value not in {v for v, _ in choices}:
            options.append((value, value, False))  # what was written (another language, a typo) stays shown
        return Field(name, column, value, "select", options, errors=errors)
    widget = "textarea" if column.key in LONG else "text"
    return Field(name, column, value, widget, readonly=readonly, errors=errors)


@dataclass
class FormView:
    fields: list[Field]
    flows: list[list[Field]]  # each flow's fields (initiatives only)
    flow_errors: list[str]  # problems of the flows as a whole
    summary: list[tuple[str, str]]  # (field id or "", message) for every problem
    stored_flows: list[dict] | None = None  # the flows stored now, when they differ from the form's


def _problems(exc: editing.FormInvalid | None, _) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in exc.problems if exc else []:
        found.setdefault(problem.field, []).append(problem.render(_))
    return found


def form_view(kind: str, data: dict, _, *, new: bool, problems: editing.FormInvalid | None = None,
              current: dict | None = None) -> FormView:
    """The fields of `kind` filled with `data`; each problem at its field; `current` (the values stored
    now) beside each field that differs."""
    errors = _problems(problems, _)
    fixed = set() if new else ({"actor", "network"} if kind == "memberships" else {"key"})
    fields = []
    for column in editing.columns(kind):
        made = _field(kind, column, column.key, data.get(column.key, ""), errors.pop(column.key, []),
                      readonly=column.key in fixed)
        if current is not None and not made.readonly and (current.get(column.key) or "") != made.value:
            made.current = current.get(column.key) or ""
        fields.append(made)
    flows: list[list[Field]] = []
    flow_errors: list[str] = []
    stored_flows = None
    if kind == "initiatives":
        rows = [r for r in (data.get("flows") or []) if isinstance(r, dict)]
        for n, row in enumerate([*rows, *[{}] * NEW_FLOW_ROWS]):
            flows.append([_field("flows", c, f"flows-{n}-{c.key}", row.get(c.key, ""),
                                 errors.pop(f"flows.{n}.{c.key}", [])) for c in editing.flow_columns()])
        for name in [k for k in errors if k == "flows" or k.startswith("flows.")]:
            flow_errors += errors[name]
        if current is not None and _flows_differ(current.get("flows") or [], rows):
            stored_flows = current.get("flows") or []
    ids = {f.column.key: f.id for f in fields}
    summary = []
    for problem in problems.problems if problems else []:
        name = problem.field
        match = re.match(r"^flows\.(\d+)\.(\w+)$", name)
        target = (f"f-flows-{match[1]}-{match[2]}" if match else ids.get(name, "flows" if name.startswith("flows")
                                                                          else ""))
        summary.append((target, problem.render(_)))
    return FormView(fields, flows, flow_errors, summary, stored_flows)


def _flows_differ(stored: list[dict], given: list[dict]) -> bool:
    keys = [c.key for c in editing.flow_columns()]
    norm = (lambda rows: [tuple(str(r.get(k) or "") for k in keys) for r in rows])
    return norm(stored) != norm(given)


async def form_fields(request: Request) -> dict:
    """The posted form as a dict of text (initiatives' flows may be many fields)."""
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _data(kind: str, form: dict) -> dict:
    """The record's fields from the posted form; an initiative's flow rows gathered into `flows`, the empty
    rows left out (so a problem's flows.N is the N-th row shown again)."""
    data = {c.key: form.get(c.key, "") for c in editing.columns(kind)}
    if kind == "initiatives":
        rows: dict[int, dict] = {}
        for name, value in form.items():
            match = _FLOW_FIELD.match(name)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = value
        wanted = [c.key for c in editing.flow_columns()]
        data["flows"] = [{k: rows[n].get(k, "") for k in wanted} for n in sorted(rows)
                         if any((rows[n].get(k) or "").strip() for k in wanted)]
    return data


def _version(form: dict) -> int:
    try:
        return max(0, min(int(form.get("version", "")), 2**31 - 1))
    except ValueError:
        return 0


def _edit_url(kind: str, key: str, **query) -> str:
    url = f"/edit/{kind}/{quote(key, safe='')}"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _gettext(request: Request):
    return gettext_for(request_language(request))


# --- the user's page ---------------------------------------------------------------------------------------

def owned(store, organisation: str) -> list[tuple[str, str, str]]:
    """(kind, key, name) of the published records an organisation keeps."""
    found = []
    with store.reading() as repo:
        conn = repo.conn
        for kind, name in (("actors", "name"), ("agreements", "key"), ("initiatives", "title"),
                           ("practices", "title")):
            table = e.TABLES[kind]
            for row in conn.execute(select(table.c.key, table.c[name]).where(table.c.organisation == organisation)
                                    .order_by(table.c.key)):
                found.append((kind, row[0], row[1]))
        m = t.memberships
        actor, network = t.actors.alias(), t.networks.alias()
        for row in conn.execute(select(actor.c.key, network.c.key).select_from(
                m.join(actor, actor.c.id == m.c.actor_id).join(network, network.c.id == m.c.network_id))
                .where(m.c.organisation == organisation)):
            key = e.membership_key(row[0], row[1])
            found.append(("memberships", key, key))
    return found


def _draft_title(d: e.Draft) -> str:
    if d.kind == "memberships":
        return d.key
    return d.data.get("title") or d.data.get("name") or d.key


@router.get("/my")
def my_page(request: Request, deleted: int = 0):
    user, redirect = signed_in(request)
    if redirect:
        return redirect
    store = store_of(request)
    drafts = editing.visible_drafts(store, user)
    return render(request, "my.html", drafts=[(d, _draft_title(d)) for d in drafts], new_links=NEW_LINKS,
                  kind_names=KIND_NAMES, owned=[] if user.admin else owned(store, user.organisation),
                  may_create=allowed(user, Action.CREATE, user.organisation), deleted=bool(deleted),
                  edit_url=_edit_url)


# --- the form ----------------------------------------------------------------------------------------------

def _page(request: Request, kind: str, data: dict, *, found: editing.Editable | None, user: User,
          status: int = 200, problems: editing.FormInvalid | None = None, message: str | None = None,
          current: editing.Editable | None = None, version: int | None = None, organisation: str = ""):
    _ = _gettext(request)
    view = form_view(kind, data, _, new=found is None, problems=problems,
                     current=current.data if current is not None else None)
    state = found.state if found else "draft"
    record_org = found.organisation if found else user.organisation
    may_change = allowed(user, Action.EDIT if found else Action.CREATE, record_org, state)
    public = None
    if found is not None and found.state == "published" and kind in PUBLIC_PAGE:
        public = PUBLIC_PAGE[kind].format(key=quote(found.key, safe=""))
    return render(request, "edit.html", status_code=status, kind=kind, kind_name=KIND_NAMES[kind], found=found,
                  view=view, message=message, version=version if version is not None else (
                      found.version if found else 0),
                  action=_edit_url(kind, found.key) if found else f"/edit/{kind}/new",
                  edit_url=_edit_url, may_change=may_change,
                  may_publish=found is not None and found.state == "draft" and allowed(
                      user, Action.PUBLISH, found.organisation, "draft"),
                  may_delete=found is not None and allowed(user, Action.DELETE, found.organisation, found.state),
                  saved=request.query_params.get("saved") == "1",
                  published=request.query_params.get("published") == "1", public=public,
                  organisation=organisation or user.organisation, admin=user.admin, stale=current is not None)


@router.get("/edit/{kind}/new")
def new_form(request: Request, kind: str):
    editing.columns(kind)  # 404 for a kind that cannot be edited
    user, redirect = signed_in(request)
    if redirect:
        return redirect
    check(user, Action.CREATE, user.organisation, "published", kind)
    return _page(request, kind, {}, found=None, user=user)


@router.post("/edit/{kind}/new")
def create(request: Request, kind: str, form: dict = Depends(form_fields)):
    check_csrf(request, form.get("csrf"))
    editing.columns(kind)
    user = page_user(request)
    data = _data(kind, form)
    organisation = (form.get("organisation") or "").strip()
    try:
        made = editing.create(store_of(request), user, kind, data, organisation or None)
    except editing.FormInvalid as exc:
        return _page(request, kind, data, found=None, user=user, status=422, problems=exc,
                     message=exc.render(_gettext(request)), organisation=organisation)
    return RedirectResponse(_edit_url(kind, made.key, saved=1), status_code=303)


@router.get("/edit/{kind}/{key}")
def edit_form(request: Request, kind: str, key: str):
    user = page_user(request)
    found = editing.get(store_of(request), user, kind, key)  # 404 for a draft the user may not see
    if user is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return _page(request, kind, found.data, found=found, user=user)


def _fixed(kind: str, key: str, data: dict) -> dict:
    """What the address says wins over the form: the key (and a membership's actor and network)."""
    if kind == "memberships":
        data["actor"], _, data["network"] = key.partition("@")
    else:
        data["key"] = key
    return data


@router.post("/edit/{kind}/{key}")
def save(request: Request, kind: str, key: str, form: dict = Depends(form_fields)):
    check_csrf(request, form.get("csrf"))
    store = store_of(request)
    user = page_user(request)
    data = _fixed(kind, key, _data(kind, form))
    version = _version(form)
    try:
        editing.save(store, user, kind, key, data, version)
    except editing.FormInvalid as exc:
        found = editing.get(store, user, kind, key)
        return _page(request, kind, data, found=found, user=user, status=422, problems=exc, version=version,
                     message=exc.render(_gettext(request)))
    except editing.StaleEdit as exc:
        if exc.current is None:
            raise
        return _page(request, kind, data, found=exc.current, user=user, status=409, current=exc.current,
                     version=exc.current.version, message=exc.render(_gettext(request)))
    return RedirectResponse(_edit_url(kind, key, saved=1), status_code=303)


def _refused_at(request: Request, kind: str, key: str, user, exc: UserError, status: int):
    """The record's form again, with why the publish or delete was refused at the top."""
    try:
        found = editing.get(store_of(request), user, kind, key)
    except UserError:
        raise exc from None
    problems = exc if isinstance(exc, editing.FormInvalid) else None
    return _page(request, kind, found.data, found=found, user=user, status=status, problems=problems,
                 message=exc.render(_gettext(request)))


@router.post("/edit/{kind}/{key}/publish")
def publish(request: Request, kind: str, key: str, form: dict = Depends(form_fields)):
    check_csrf(request, form.get("csrf"))
    user = page_user(request)
    try:
        editing.publish(store_of(request), user, kind, key, _version(form))
    except (editing.FormInvalid, editing.StaleEdit) as exc:
        return _refused_at(request, kind, key, user, exc, exc.status)
    return RedirectResponse(_edit_url(kind, key, published=1), status_code=303)


class DeleteNotConfirmed(UserError):
    status = 422


@router.post("/edit/{kind}/{key}/delete")
def delete(request: Request, kind: str, key: str, form: dict = Depends(form_fields)):
    check_csrf(request, form.get("csrf"))
    user = page_user(request)
    if form.get("confirm") != "yes":
        editing.get(store_of(request), user, kind, key)  # a record the user may not see stays unseen (404)
        return _refused_at(request, kind, key, user, DeleteNotConfirmed(
            N_("tick 'yes, delete it' to delete the record; nothing was deleted")), 422)
    try:
        editing.delete(store_of(request), user, kind, key, _version(form))
    except (editing.StaleEdit, editing.StillReferenced) as exc:
        return _refused_at(request, kind, key, user, exc, exc.status)
    return RedirectResponse("/my?deleted=1", status_code=303)


# --- the audit trail ---------------------------------------------------------------------------------------

def shown(value) -> str:
    """A before or after value as one line of text."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def changed(change: e.Change) -> list[tuple[str, str, str]]:
    """(field, before, after) for each field the change made different; a field empty on both sides (a new
    record's unset fields) is left out."""
    before, after = change.before or {}, change.after or {}
    return [(name, shown(before.get(name)), shown(after.get(name))) for name in change.fields
            if not (_empty(before.get(name)) and _empty(after.get(name)))]


class BadDate(UserError):
    status = 422


@router.get("/audit")
def audit_page(request: Request, kind: str = "", key: str = "", user: str = "", at: str = ""):
    who, redirect = signed_in(request)
    if redirect:
        return redirect
    check(who, Action.AUDIT, None, "published", "audit")
    store = store_of(request)
    _ = _gettext(request)
    kind, key, email, at = kind.strip()[:20], key.strip()[:250], user.strip()[:254], at.strip()[:30]
    problem, as_of, status = None, None, 200
    if kind and kind not in editing.EDITABLE:
        problem, status = _("'{kind}' is not a kind of record that can be edited; use one of: {choices}").format(
            kind=kind, choices=", ".join(editing.EDITABLE)), 422
        kind = ""
    if at and not problem:
        if not (kind and key):
            problem, status = _("choose the kind of record and write its key to see it as it was"), 422
        elif not _DAY.match(at):
            problem, status = BadDate(N_("'{value}' is not a date: write YYYY-MM-DD"), value=at).render(_), 422
        else:
            try:
                as_of = {"found": editing.as_of(store, who, kind, key, at)}
            except UserError as bad:  # an impossible day (2020-13-45): the service says so
                problem, status = bad.render(_), 422
    changes = editing.audit(store, who, kind=kind or None, key=key or None, email=email or None)
    changes.reverse()  # newest first
    return render(request, "audit.html", status_code=status, changes=changes, kinds=editing.EDITABLE,
                  kind_names=KIND_NAMES, f_kind=kind, f_key=key, f_user=email, f_at=at, problem=problem,
                  as_of=as_of, shown=shown, changed=changed,
                  edit_url=_edit_url)


# --- the "Edit" link on the public record pages ------------------------------------------------------------

def may_edit(request: Request, kind: str, key: str) -> bool:
    """Whether the signed-in reader may edit this published record (its organisation is the store's)."""
    user = page_user(request)
    if user is None:
        return False
    with store_of(request).reading() as repo:
        found = e.stored(repo.conn, kind, key)
    return found is not None and allowed(user, Action.EDIT, found.organisation, "published")


templates.env.globals["may_edit"] = may_edit

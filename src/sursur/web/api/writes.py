"""The write API: create, edit, publish and delete records with a bearer token (`sursur users token`).

The same service functions as the edit pages, so the same permission function decides (services/
permissions.py): 401 without a valid token, 403 for a record of another organisation, 404 for a draft the
token's user may not see, 409 for an edit made on an older version (with what changed since), 422 for
fields that cannot be read (each named in `fields`). The audit trail is readable by admins.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ...domain.errors import N_
from ...services import editing
from ...services.permissions import SignInNeeded
from ..auth import api_user
from .common import ERRORS, Lang, store_of

Kind = Literal["actors", "agreements", "initiatives", "memberships", "practices"]
WRITE_ERRORS = {**ERRORS, 401: ERRORS[404] | {"description": "No valid bearer token"},
                403: ERRORS[404] | {"description": "The record belongs to another organisation, or the role "
                                                   "cannot do this"},
                409: ERRORS[404] | {"description": "The record changed since that version (nothing saved)"}}
router = APIRouter(responses=WRITE_ERRORS, tags=["editing"])


class CreateBody(BaseModel):
    data: dict[str, Any] = Field(description="The record's fields: the columns of its spreadsheet template "
                                             "(`sursur template KIND`); initiatives also take `flows`, a list "
                                             "of flow fields")
    organisation: Optional[str] = Field(None, max_length=120,
                                        description="Admins only: the organisation that will own it")


class SaveBody(BaseModel):
    data: dict[str, Any]
    version: int = Field(ge=1, le=2**31 - 1, description="The version the edit was made on")


class VersionBody(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1)


def _user(request: Request):
    user = api_user(request)
    if user is None:
        raise SignInNeeded(N_("send a valid API token as 'Authorization: Bearer <token>' (sursur users token "
                              "EMAIL)"))
    return user


def editable_json(found: editing.Editable) -> dict:
    return {"kind": found.kind, "key": found.key, "state": found.state, "organisation": found.organisation,
            "version": found.version, "data": found.data}


@router.get("/edit/{kind}/{key}")
def read(request: Request, kind: Kind, key: str, lang: str = Lang):
    """A record as its editors see it: a draft (its organisation only) or the published record, with its
    version (send it back with the edit)."""
    # no token: the public's view; a token that does not work is said (401), not read as no token
    user = _user(request) if request.headers.get("authorization") else None
    return editable_json(editing.get(store_of(request), user, kind, key))


@router.post("/edit/{kind}", status_code=201)
def create(request: Request, kind: Kind, body: CreateBody, lang: str = Lang):
    """A new draft of the token's organisation; the public sees it once published."""
    return editable_json(editing.create(store_of(request), _user(request), kind, body.data, body.organisation))


@router.put("/edit/{kind}/{key}")
def save(request: Request, kind: Kind, key: str, body: SaveBody, lang: str = Lang):
    return editable_json(editing.save(store_of(request), _user(request), kind, key, body.data, body.version))


@router.post("/edit/{kind}/{key}/publish")
def publish(request: Request, kind: Kind, key: str, body: VersionBody, lang: str = Lang):
    return editable_json(editing.publish(store_of(request), _user(request), kind, key, body.version))


@router.delete("/edit/{kind}/{key}", status_code=204)
def delete(request: Request, kind: Kind, key: str, version: int = Query(ge=1, le=2**31 - 1), lang: str = Lang):
    editing.delete(store_of(request), _user(request), kind, key, version)
    return Response(status_code=204)  # no body at all: a 204 with one breaks the HTTP/1.1 server (h11)


@router.get("/drafts")
def drafts(request: Request, kind: Optional[Kind] = None, lang: str = Lang):
    """The drafts the token's user may see (its organisation's; every draft for an admin)."""
    found = editing.visible_drafts(store_of(request), _user(request), kind)
    return {"items": [{"kind": d.kind, "key": d.key, "organisation": d.organisation, "version": d.version,
                       "created_by": d.created_by, "updated_at": d.updated_at, "data": d.data} for d in found]}


@router.get("/audit")
def audit(request: Request, kind: Optional[Kind] = None, key: Optional[str] = Query(None, max_length=250),
          user: Optional[str] = Query(None, max_length=254),
          at: Optional[str] = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}(T[0-9:.+-]+Z?)?$",
                                    description="With kind and key: the record as it was at this date"),
          lang: str = Lang):
    """Admins: every change (who, when, which record, before and after), oldest first."""
    who = _user(request)
    if at and kind and key:
        return {"kind": kind, "key": key, "at": at, "record": editing.as_of(store_of(request), who, kind, key, at)}
    changes = editing.audit(store_of(request), who, kind=kind, key=key, email=user)
    return {"items": [{"at": c.at, "user": c.user, "action": c.action, "kind": c.kind, "key": c.key,
                       "state": c.state, "version": c.version, "fields": c.fields, "before": c.before,
                       "after": c.after} for c in changes]}

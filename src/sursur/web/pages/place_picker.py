"""The place picker: an actor's place chosen among the resolver's candidates, ambiguous ones shown."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ...domain.errors import N_, UserError
from ...i18n import gettext_for
from ...reference.places import place_by_id
from ...services import editing, places
from ...services.permissions import Action, check
from ..auth import check_csrf
from ..context import request_language, store_of
from ..render import render
from .account import signed_in

router = APIRouter()


def _page(request: Request, user, key: str, q: str | None, message: str | None = None, status: int = 200):
    found = editing.get(store_of(request), user, "actors", key)
    check(user, Action.EDIT, found.organisation, found.state, f"actor {key}")
    if found.state != "published":
        raise UserError(N_("publish the actor first; then choose its place"))
    actor = found.record
    resolution = places.resolve(q or actor.name, actor.country, store_of(request))
    return render(request, "place_picker.html", status_code=status, actor=actor, found=found, query=q or actor.name,
                  resolution=resolution, current=place_by_id(actor.place) if actor.place else None,
                  message=message)


@router.get("/edit/actors/{key}/place")
def picker(request: Request, key: str, q: str | None = None):
    user, redirect = signed_in(request)
    if redirect:
        return redirect
    return _page(request, user, key, (q or "").strip()[:200] or None)


@router.post("/edit/actors/{key}/place")
def choose(request: Request, key: str, csrf: str = Form("", max_length=200), version: int = Form(0),
           place: str = Form("", max_length=80), q: str = Form("", max_length=200)):
    user, redirect = signed_in(request)
    if redirect:
        return redirect
    check_csrf(request, csrf)
    try:
        editing.set_place(store_of(request), user, key, place, version)
    except (editing.FormInvalid, editing.StaleEdit) as refused:
        _ = gettext_for(request_language(request))
        detail = "; ".join(p.render(_) for p in getattr(refused, "problems", [])) or refused.render(_)
        return _page(request, user, key, q or None, message=detail, status=refused.status)
    return RedirectResponse(f"/edit/actors/{key}/place?saved=1", status_code=303)

"""Indicators, the classification schemes and an actor's sensitivity table, as the CLI gives them."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Query, Request

from ...analysis.indicators import INDICATORS, UnknownActor
from ...analysis.schemes import SCHEMES
from ...i18n import gettext_for
from ...interchange.jsonout import indicator_json
from ...reference.countries import lists
from ...services.classification import compare
from ...services.explore import check_printable
from ...services.indicators import run_indicator
from ...store.search import has_control_characters
from .common import ERRORS, Lang, not_found, request_language, store_of

router = APIRouter(responses=ERRORS)

Name = Literal[tuple(INDICATORS)]  # type: ignore[valid-type]
Scheme = Literal[tuple(SCHEMES)]  # type: ignore[valid-type]


@router.get("/indicators", tags=["indicators"])
def indicator_list(request: Request, lang: str = Lang):
    """Every indicator with one line on what it measures (docs/INDICATORS.md says how)."""
    _ = gettext_for(request_language(request))
    return {"items": [{"name": name, "description": _(doc), "href": f"/api/v1/indicators/{name}"}
                      for name, (_f, doc) in INDICATORS.items()]}


@router.get("/indicators/{name}", tags=["indicators"])
def indicator(request: Request, name: Name, actor: Optional[str] = Query(None, description="an actor key"),
              year_from: Optional[int] = Query(None, alias="from", ge=1800, le=2200),
              year_to: Optional[int] = Query(None, alias="to", ge=1800, le=2200),
              scheme: Optional[Scheme] = None, lang: str = Lang):
    """One indicator's table: the same function as the pages, the CLI and the report; every row lists the
    records it counts. Without actor= it is over the whole database."""
    check_printable({"actor": actor})
    actor = actor.strip().lower() if actor else None
    table = run_indicator(store_of(request), name, actor, year_from, year_to, scheme)
    return indicator_json(table, gettext_for(request_language(request)), actor=actor,
                          **{"from": year_from, "to": year_to}, scheme=scheme)


@router.get("/schemes", tags=["classification"])
def schemes(request: Request, lang: str = Lang):
    """The classification schemes: each rule in one sentence and the dated lists it reads."""
    _ = gettext_for(request_language(request))
    listed = lists()
    return {"items": [{"name": s.name, "title": _(s.title), "rule": _(s.rule),
                       "lists": [{"key": k, "title": listed[k].title, "vintage": listed[k].vintage,
                                  "source": listed[k].source} for k in s.lists if k in listed]}
                      for s in SCHEMES.values()]}


@router.get("/classification/{actor}", tags=["classification"])
def sensitivity(request: Request, actor: str, lang: str = Lang):
    """The actor's relations tallied under every scheme side by side: how the answer moves with the rule."""
    if has_control_characters(actor):
        raise not_found("actor", actor)
    try:
        comparison = compare(store_of(request), actor.strip().lower())
    except UnknownActor as missing:
        missing.status, missing.parameter = 404, None  # the actor is the path: it does not exist
        raise
    return {"actor": actor, "schemes": {
        name: {"total": t.total, "counts": {c.value: n for c, n in t.counts.items()},
               "shares": {c.value: t.share(c) for c in t.counts}}
        for name, t in comparison.tallies.items()}}

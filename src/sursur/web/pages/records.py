"""One record's page: an actor, an initiative, an agreement, with everything it links to and its sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...analysis.classification import country_sides
from ...reference.countries import GROUPINGS, lists
from ...reference.countries import facts as country_facts
from ...services import explore as ex
from ...services import records
from ...services.classification import compare
from ...services.maps import partner_map
from ..api.common import not_found
from ..context import request_language, store_of
from ...graphics.figures import partner_map_svg
from ..render import chosen_scheme, render
from .report import pdf_offered

router = APIRouter()


@router.get("/actor/{key}", response_class=HTMLResponse)
def actor(request: Request, key: str):
    store = store_of(request)
    found = records.one(store, "actor", key)
    if found is None:
        raise not_found("actor", key)
    scheme = chosen_scheme(request)
    mine = ex.explore(store, ex.Filters(record="initiative", actor=key, scheme=scheme.name), 1, 200)
    pacts = ex.explore(store, ex.Filters(record="agreement", actor=key, scheme=scheme.name), 1, 200)
    partners = partner_map(store, key, scheme.name)
    networks, memberships = records.networks(store)
    groupings = None
    if found.country:
        facts = country_facts(found.country)
        groupings = {"rows": [(text, getattr(facts, field), lists()[key]) for field, key, text in GROUPINGS],
                     "sides": country_sides(found.country)}
    return render(request, "actor.html", actor=found, initiatives=mine, agreements=pacts, groupings=groupings,
                  parent=records.one(store, "actor", found.parent) if found.parent else None,
                  memberships=[m for m in memberships if m.actor == key], networks={n.key: n for n in networks},
                  practices=[p for p in records.practices(store) if p.owner == key],
                  demands=records.demands(store, key),
                  comparison=compare(store, key), names=records.actor_names(store),
                  map_svg=partner_map_svg(request_language(request), partners), partners=partners,
                  report_pdf=pdf_offered())


def _relation(request: Request, record_type: str, key: str) -> HTMLResponse:
    store = store_of(request)
    found = records.one(store, record_type, key)
    if found is None:
        raise not_found(record_type, key)
    scheme = chosen_scheme(request)
    return render(request, f"{record_type}.html", record=found, names=records.actor_names(store),
                  result=ex.classify_one(store, record_type, found, scheme.name))


@router.get("/initiative/{key}", response_class=HTMLResponse)
def initiative(request: Request, key: str):
    return _relation(request, "initiative", key)


@router.get("/agreement/{key}", response_class=HTMLResponse)
def agreement(request: Request, key: str):
    return _relation(request, "agreement", key)

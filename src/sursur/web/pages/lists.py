"""The plain lists of every record, each with its source (actors, agreements, initiatives, networks…); the
practice bank has its own module (pages/practices.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...analysis.classification import ROLE_POSITIONS
from ...reference.countries import lists
from ...services import classification, records
from ...services.maps import network_members
from ...services.network import run_growth
from ..context import request_language, store_of
from ...graphics.figures import growth_svg, members_map_svg
from ..render import chosen_scheme, render

router = APIRouter()


def _classes(request: Request) -> dict:
    """Every relation's class under the chosen scheme (?scheme=, default g77-or-dac)."""
    chosen = chosen_scheme(request)
    found = {(r.record_type, r.key): r for r in classification.classify(store_of(request), chosen.name)}
    return {"scheme": chosen, "classes": found}


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request):
    found = records.actors(store_of(request))
    return render(request, "actors.html", actors=found, names={a.key: a.name for a in found})


@router.get("/agreements", response_class=HTMLResponse)
def agreements(request: Request):
    store = store_of(request)
    return render(request, "agreements.html", agreements=records.agreements(store),
                  names=records.actor_names(store), **_classes(request))


@router.get("/initiatives", response_class=HTMLResponse)
def initiatives(request: Request):
    store = store_of(request)
    return render(request, "initiatives.html", initiatives=records.initiatives(store),
                  names=records.actor_names(store), **_classes(request))


@router.get("/networks", response_class=HTMLResponse)
def networks(request: Request):
    store = store_of(request)
    found, memberships = records.networks(store)
    drawn = {}
    names = records.actor_names(store)
    for n in found:
        name = names.get(n.actor, n.key)
        members = network_members(store, n.key)
        growth = run_growth(store, n.key)
        drawn[n.key] = {"members": members, "growth": growth,
                        "map": members_map_svg(request_language(request), n, name, members), "chart": growth_svg(request_language(request), n, name, growth)}
    return render(request, "networks.html", networks=found, memberships=memberships, drawn=drawn, names=names)


@router.get("/methodology", response_class=HTMLResponse)
def methodology(request: Request):
    return render(request, "methodology.html", lists=lists(), roles=ROLE_POSITIONS)

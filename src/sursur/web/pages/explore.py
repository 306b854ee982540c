"""Explore: every record behind filters, with the counts each filter value would give."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services import explore as ex
from ...services import records
from ..context import store_of
from ..downloads import download as send
from ..render import chosen_scheme, render

router = APIRouter()


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request):
    params = dict(request.query_params)
    params.setdefault("scheme", chosen_scheme(request).name)  # the scheme chosen on any page
    store = store_of(request)
    filters = ex.filters_from(params)
    try:
        page = int(params.get("page") or 1)
    except ValueError:
        page = 1
    found = ex.explore(store, filters, max(page, 1), 50)
    return render(request, "explore.html", found=found, filters=filters, names=records.actor_names(store),
                  regions=ex.regions(), scheme=ex.SCHEMES[filters.scheme])


@router.get("/explore/download/{fmt}")
def download(request: Request, fmt: str):
    """The list Explore shows, every page of it, as CSV, XLSX, GeoJSON or IATI XML."""
    params = dict(request.query_params)
    params.setdefault("scheme", chosen_scheme(request).name)
    return send(request, fmt, params)

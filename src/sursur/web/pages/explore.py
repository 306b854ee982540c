"""Explore: every record behind filters, with the counts each filter value would give."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...services import explore as ex
from ...services import records
from ..context import store_of
from ..render import render

router = APIRouter()


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request):
    params = dict(request.query_params)
    store = store_of(request)
    filters = ex.filters_from(params)
    try:
        page = int(params.get("page") or 1)
    except ValueError:
        page = 1
    found = ex.explore(store, filters, max(page, 1), 50)
    return render(request, "explore.html", found=found, filters=filters, names=records.actor_names(store),
                  regions=ex.regions(), scheme=ex.SCHEMES[filters.scheme])

"""Explore: every record behind filters, with the counts each filter value would give."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...domain.errors import UserError
from ...i18n import gettext_for
from ...services import explore as ex
from ...services import records
from ..context import request_language, store_of
from ..downloads import download as send
from ..render import chosen_scheme, render

router = APIRouter()


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request):
    params = dict(request.query_params)
    params.setdefault("scheme", chosen_scheme(request).name)  # the scheme chosen on any page
    store = store_of(request)
    problems = []
    while True:  # a value that cannot be used is said beside the form, and the other filters stay
        try:
            filters = ex.filters_from(params)
            found = ex.explore(store, filters, 1, 50)
            break
        except UserError as problem:
            parameter = getattr(problem, "parameter", None)
            problems.append(problem.render(gettext_for(request_language(request))))
            if not parameter or parameter not in params:
                params = {"scheme": params.get("scheme")}
            else:
                params.pop(parameter)
    try:
        page = max(1, int(params.get("page") or 1))
    except ValueError:
        page = 1
    page = min(page, found.pages)  # past the end: the last page
    if page > 1:
        found = ex.explore(store, filters, page, 50)
    status = 422 if problems else 200
    return render(request, "explore.html", status_code=status, found=found, filters=filters, problems=problems,
                  names=records.actor_names(store), regions=ex.regions(), scheme=ex.SCHEMES[filters.scheme])


@router.get("/explore/download/{fmt}")
def download(request: Request, fmt: str):
    """The list Explore shows, every page of it, as CSV, XLSX, GeoJSON or IATI XML."""
    params = dict(request.query_params)
    params.setdefault("scheme", chosen_scheme(request).name)
    return send(request, fmt, params)

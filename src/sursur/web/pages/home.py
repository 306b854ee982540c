"""Home: an actor's key figures, its volumes by year and the map of its partners."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...analysis.indicators.volumes import by_year
from ...services import records
from ...services.explore import check_printable
from ...services.indicators import run_indicator
from ...services.maps import partner_map
from ..context import request_language, store_of
from ...graphics.figures import partner_map_svg, volumes_svg
from ..render import chosen_scheme, render

router = APIRouter()
DEFAULT_ACTOR = "medellin"


def default_actor(store) -> str | None:
    """Medellín on the built-in data; otherwise the actor with the most relations."""
    with store.reading() as repo:
        if repo.actor(DEFAULT_ACTOR) is not None:
            return DEFAULT_ACTOR
        return repo.busiest_actor()


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    store = store_of(request)
    check_printable(dict(request.query_params))
    overview = records.overview(store)
    actor = (request.query_params.get("actor") or "").strip().lower() or default_actor(store)
    context = {"overview": overview, "actor": None}
    if actor:
        scheme = chosen_scheme(request)
        figures = run_indicator(store, "key-figures", actor, scheme=scheme.name)
        volumes = run_indicator(store, "volumes", actor)
        years, series = by_year(volumes)
        found = partner_map(store, actor, scheme.name)
        context.update(actor=records.one(store, "actor", actor), figures=figures,
                       volumes=volumes, years=years, series=series, partners=found,
                       volumes_svg=volumes_svg(request_language(request), years, series), map_svg=partner_map_svg(request_language(request), found),
                       choices=records.actor_choices(store))
    return render(request, "index.html", **context)

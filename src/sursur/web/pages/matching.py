"""Find peers: a city states a need, and the practices of other cities are ranked for it, each rank explained.

A GET form, so a search is a link that can be sent. Problems are said at their field, above the form, with
what was typed kept; the page answers 422 then.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...domain.errors import UserError
from ...i18n import gettext_for
from ...interchange.jsonout import ranking_json
from ...services import records
from ..context import request_language, store_of
from ..match_query import (
    COMPONENT_LABELS,
    CONTEXT_LABELS,
    read_demand,
    run_demand,
    split_themes,
)
from ..render import render

router = APIRouter()

FIELDS = ("demand", "actor", "themes", "top", "weights")
TOPS = (5, 10, 20, 50)


def _offered_themes(store) -> list[str]:
    """The themes the practices are filed under: the ones worth asking for."""
    return list(dict.fromkeys(t for p in records.practices(store) for t in p.themes))


@router.get("/match", response_class=HTMLResponse)
def find_peers(request: Request):
    store = store_of(request)
    params = request.query_params
    asked = {"demand": params.get("demand"), "actor": params.get("actor") or "",
             "themes": split_themes(params.getlist("themes")), "top": params.get("top") or "10",
             "weights": params.get("weights") or ""}
    gettext = gettext_for(request_language(request))
    problems: dict[str, list[str]] = {}
    result = None
    if asked["demand"] is not None:  # the form was sent (a link with only ?actor= just fills the form in)
        wanted, found = read_demand(store, asked["demand"], asked["actor"], asked["themes"], asked["top"],
                                    asked["weights"])
        if wanted is not None:
            try:
                result = ranking_json(run_demand(store, wanted), request_language(request))
                result["api"] = "/api/v1/match?" + urlencode({
                    "demand": wanted.demand, "actor": wanted.actor, "themes": ";".join(wanted.themes),
                    "top": wanted.top, "weights": asked["weights"], "lang": request_language(request)})
            except UserError as problem:  # the index, say, refused: said above the form
                found = [problem]
        for problem in found:
            field = getattr(problem, "parameter", None)
            problems.setdefault(field if field in FIELDS else "", []).append(problem.render(gettext))
    return render(request, "match.html", status_code=422 if problems else 200, asked=asked, problems=problems,
                  result=result, actor_names=sorted(records.actor_names(store).values()),
                  offered=_offered_themes(store), tops=TOPS, component_labels=COMPONENT_LABELS,
                  context_labels=CONTEXT_LABELS)

"""The practice bank: the practices behind filters, and one practice with its transfers and who could adopt it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...domain.errors import UserError
from ...i18n import gettext_for
from ...interchange.jsonout import ranking_json
from ...services import matching, records
from ...services import practices as bank
from ..context import request_language, store_of
from ..match_query import COMPONENT_LABELS, CONTEXT_LABELS
from ..render import render

router = APIRouter()

ADOPTERS = 5


@router.get("/practices", response_class=HTMLResponse)
def practices(request: Request):
    store = store_of(request)
    params = dict(request.query_params)
    problems = []
    while True:  # a filter that cannot be used is said above the form, and the others stay (as on Explore)
        try:
            filters = bank.bank_filters(params)
            break
        except UserError as problem:
            problems.append(problem.render(gettext_for(request_language(request))))
            parameter = getattr(problem, "parameter", None)
            params = {k: v for k, v in params.items() if k != parameter} if parameter in params else {}
    found = bank.bank(store, filters)
    return render(request, "practices.html", status_code=422 if problems else 200, found=found, filters=filters,
                  problems=problems, names=records.actor_names(store))


@router.get("/practice/{key}", response_class=HTMLResponse)
def practice(request: Request, key: str):
    store = store_of(request)
    found = bank.detail(store, key)  # PracticeNotFound: the 404 page, with the closest keys
    adopters, problem = None, None
    try:
        adopters = ranking_json(matching.match_practice(store, key, top=ADOPTERS), request_language(request))
    except UserError as refused:  # e.g. the index is not built on a large base: the rest of the page stands
        problem = refused.render(gettext_for(request_language(request)))
    return render(request, "practice.html", detail=found, record=found.practice, names=records.actor_names(store),
                  adopters=adopters, adopters_problem=problem, component_labels=COMPONENT_LABELS,
                  context_labels=CONTEXT_LABELS)

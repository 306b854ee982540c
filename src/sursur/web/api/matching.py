"""Peer matching and the practice bank as JSON: the same rankings as `sursur match --json` and the /match page."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ...interchange.jsonout import ranking_json
from ...services import matching
from ...services import practices as bank
from ..match_query import MAX_DEMAND, MAX_TOP, read_demand, read_weights, run_demand
from .common import ERRORS, Lang, plain, request_language, store_of

router = APIRouter(responses=ERRORS)

Top = Query(10, ge=1, le=MAX_TOP, description=f"how many answers, 1 to {MAX_TOP}")
WeightsQuery = Query(None, max_length=500, description="e.g. text=0.5,context.income=0.4: the parts are text, "
                                                        "themes, context and context.region, context.subregion, "
                                                        "context.income, context.population, context.language, "
                                                        "context.ties; each a number from 0 to 10")


@router.get("/match", tags=["matching"])
def match_demand(request: Request,
                 demand: str = Query(..., max_length=MAX_DEMAND, description="the need, in words (es, en or pt): "
                                                                            "at least two content words"),
                 actor: str = Query(..., max_length=200, description="who states it: an actor's name or key"),
                 themes: str | None = Query(None, max_length=1000, description="theme ids separated by ';', "
                                                                                 "e.g. segib:gender;segib:employment"),
                 top: int = Top, weights: str | None = WeightsQuery, lang: str = Lang):
    """The practices of other actors that best answer a stated need, best first, each score explained: the
    text relevance, the shared themes and the context similarity (region, sub-region, income, population,
    language, ties), the words and themes in common, the engine and the weights used, and whether the text
    was cut to what the model reads."""
    store = store_of(request)
    wanted, problems = read_demand(store, demand, actor, themes, top, weights)
    if problems:
        raise problems[0]
    return ranking_json(run_demand(store, wanted), request_language(request))


@router.get("/match/practice/{key}", tags=["matching"])
def match_practice(request: Request, key: str, top: int = Top, weights: str | None = WeightsQuery,
                   lang: str = Lang):
    """The actors most likely to adopt a practice, best first, each score explained (the text part is how
    well the practice answers the actor's closest stated demand, named in `via`)."""
    chosen = read_weights(weights)
    try:
        ranking = matching.match_practice(store_of(request), key, top=top, weights=chosen)
    except matching.UnknownPractice as missing:
        missing.status, missing.parameter = 404, None  # the practice is the path: it does not exist
        raise
    return ranking_json(ranking, request_language(request))


@router.get("/practices/{key}", tags=["records"])
def practice(request: Request, key: str, lang: str = Lang):
    """One practice: owner, summary, description, problem, results, evidence, recognition, contact, themes,
    sources; `transfers` lists the initiatives that carried it elsewhere and `transfer_history` gives each one's
    title, dates and receivers (the participants in the role receiver)."""
    found = bank.detail(store_of(request), key)
    item = plain(found.practice)  # `transfers` stays the list of initiative keys, as in /practices
    item["owner_name"] = found.owner.name if found.owner else None
    item["transfer_history"] = [{"initiative": t.key, "title": t.initiative.title if t.initiative else None,
                          "start": plain(t.initiative.start) if t.initiative else None,
                          "end": plain(t.initiative.end) if t.initiative else None,
                          "receivers": [plain(p) for p in t.receivers],
                          "countries": list(t.initiative.countries) if t.initiative else []} for t in found.transfers]
    return item


__all__ = ["router"]

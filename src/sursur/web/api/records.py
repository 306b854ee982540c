"""Lists (Explore's filters, paginated, with counts per facet) and details of every kind of record."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from ...analysis.schemes import DEFAULT_SCHEME, SCHEMES
from ...i18n import gettext_for
from ...reference.countries import lists
from ...services import explore as ex
from ...services import records as rec
from ...services.exports import DOWNLOADS
from ..downloads import download
from .common import ERRORS, Lang, NotFound, Page, PerPage, not_found, plain, request_language, store_of

router = APIRouter(responses=ERRORS)

Scheme = Literal[tuple(SCHEMES)]  # type: ignore[valid-type]


def classification_json(result, gettext) -> dict | None:
    """A relation's class under one scheme: the rule and the dated lists that decided it, the source's own
    class and a person's override beside it."""
    if result is None:
        return None
    scheme = SCHEMES[result.scheme]
    listed = lists()
    return {"scheme": result.scheme, "rule": gettext(scheme.rule), "value": result.value.value,
            "shown": result.shown.value, "reason": result.reason, "decentralized": result.decentralized,
            "stated": result.stated.value if result.stated else None,
            "override": result.override.value if result.override else None, "override_why": result.override_why,
            "lists": [{"key": k, "title": listed[k].title, "vintage": listed[k].vintage, "source": listed[k].source}
                      for k in scheme.lists if k in listed],
            "parties": [{"party": p.label, "country": p.country, "side": p.side.value, "position": p.position}
                        for p in result.parties]}


def found_json(found: ex.Found, gettext) -> dict:
    items = []
    for record in found.records:
        item = plain(record)
        if found.filters.record != "actor":
            item["classification"] = classification_json(found.classes.get(record.key), gettext)
        items.append(item)
    return {"total": found.total, "page": found.page, "per_page": found.per_page, "pages": found.pages,
            "filters": found.filters.active(), "items": items,
            "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in found.facets.items()},
            "notes": [gettext(msgid).format(**params) for msgid, params in found.notes]}


def _list(record: str):
    def endpoint(request: Request,
                 q: Optional[str] = Query(None, max_length=200, description="words in the title, name or area"),
                 country: Optional[str] = Query(None, description="ISO 3166 alpha-3 (a partner's, with actor=)"),
                 region: Optional[str] = Query(None, description="UN M49 sub-region, e.g. 'Latin America and the "
                                                                 "Caribbean'"),
                 theme: Optional[str] = Query(None, description="theme id, e.g. segib:education (sub-themes "
                                                                "included)"),
                 modality: Optional[Literal["bilateral", "triangular", "regional"]] = None,
                 instrument: Optional[Literal["programme", "project", "action"]] = None,
                 role: Optional[str] = Query(None, description="a participant's role (the actor's own, with actor=)"),
                 kind: Optional[str] = Query(None, description="an actor kind (a participant's, for relations)"),
                 year_from: Optional[int] = Query(None, alias="from", ge=1800, le=2200),
                 year_to: Optional[int] = Query(None, alias="to", ge=1800, le=2200),
                 actor: Optional[str] = Query(None, description="an actor key: its records and its own bodies'"),
                 classification: Optional[str] = Query(None, description="a class under the scheme, e.g. "
                                                                         "south_south"),
                 scheme: Scheme = DEFAULT_SCHEME, page: int = Page, per_page: int = PerPage,
                 facets: bool = Query(True, description="count the matches per value of each filter (false is "
                                                        "faster on a large base)"), lang: str = Lang):
        filters = ex.filters_from({"record": record, "q": q, "country": country, "region": region, "theme": theme,
                                   "modality": modality, "instrument": instrument, "role": role, "kind": kind,
                                   "from": year_from, "to": year_to, "actor": actor,
                                   "classification": classification, "scheme": scheme})
        found = ex.explore(store_of(request), filters, page, per_page, with_facets=facets)
        return found_json(found, gettext_for(request_language(request)))
    endpoint.__name__ = f"list_{record}s"
    endpoint.__doc__ = (f"The {record}s that match the filters (all filters are optional and combine), one page, "
                        f"with the total and the counts per facet of all that match.")
    return endpoint


for _record in ("initiative", "agreement", "actor"):
    router.add_api_route(f"/{_record}s", _list(_record), methods=["GET"], tags=["records"])


@router.get("/export/{fmt}", tags=["exports"], response_class=FileResponse,
            responses={200: {"content": {t: {} for t in DOWNLOADS.values()}, "description": "the file"}})
def export(request: Request, fmt: Literal["csv", "xlsx", "geojson", "iati"],
           record: Literal["initiative", "agreement", "actor"] = "initiative", lang: str = Lang):
    """Every record that the list filters find (pass the same query parameters as the lists, e.g.
    actor=medellin&region=...), as CSV or XLSX in the import's own columns, GeoJSON (points and lines
    with their class) or IATI 2.03 XML (initiatives only)."""
    params = {k: v for k, v in request.query_params.items() if k not in ("lang", "page", "per_page", "facets")}
    return download(request, fmt, {**params, "record": record})


def _one(request: Request, record: str, key: str, scheme: str) -> dict:
    found = rec.one(store_of(request), record, key)
    if found is None:
        raise not_found(record, key)
    item = plain(found)
    if record != "actor":
        result = ex.classify_one(store_of(request), record, found, scheme)
        item["classification"] = classification_json(result, gettext_for(request_language(request)))
    return item


@router.get("/initiatives/{key}", tags=["records"])
def initiative(request: Request, key: str, scheme: Scheme = DEFAULT_SCHEME, lang: str = Lang):
    """One initiative: participants and roles, flows, themes, sources, and its class under the scheme."""
    return _one(request, "initiative", key, scheme)


@router.get("/agreements/{key}", tags=["records"])
def agreement(request: Request, key: str, scheme: Scheme = DEFAULT_SCHEME, lang: str = Lang):
    """One agreement: parties, kind, area, dates, sources, and its class under the scheme."""
    return _one(request, "agreement", key, scheme)


@router.get("/actors/{key}", tags=["records"])
def actor(request: Request, key: str, lang: str = Lang):
    """One actor: kind, country, place, parent, measures, timeline, sources."""
    return _one(request, "actor", key, DEFAULT_SCHEME)


def paged(items: list, page: int, per_page: int) -> dict:
    """The lists without filters page like the others: total, page, per_page, pages, items."""
    start = (page - 1) * per_page
    return {"total": len(items), "page": page, "per_page": per_page,
            "pages": max(1, -(-len(items) // per_page)), "items": items[start:start + per_page]}


@router.get("/networks", tags=["records"])
def networks(request: Request, page: int = Page, per_page: int = PerPage, lang: str = Lang):
    """Every network with its member counts by year (as sources state them) and its listed members."""
    found, memberships = rec.networks(store_of(request))
    return paged([{**plain(n), "members": [plain(m) for m in memberships if m.network == n.key]} for n in found],
                 page, per_page)


@router.get("/networks/{key}", tags=["records"])
def network(request: Request, key: str, lang: str = Lang):
    found, memberships = rec.networks(store_of(request))
    for n in found:
        if n.key == key:
            return {**plain(n), "members": [plain(m) for m in memberships if m.network == key]}
    raise not_found("network", key)


@router.get("/practices", tags=["records"])
def practices(request: Request, page: int = Page, per_page: int = PerPage, lang: str = Lang):
    """The good practices recorded, with their owner, themes and sources."""
    return paged([plain(p) for p in rec.practices(store_of(request))], page, per_page)


@router.get("/sources", tags=["records"])
def sources(request: Request, page: int = Page, per_page: int = PerPage, lang: str = Lang):
    """Every source a record cites."""
    return paged([plain(s) for s in rec.overview(store_of(request)).sources], page, per_page)


@router.get("/sources/{key}", tags=["records"])
def source(request: Request, key: str, lang: str = Lang):
    for s in rec.overview(store_of(request)).sources:
        if s.key == key:
            return plain(s)
    raise not_found("source", key)


__all__ = ["NotFound", "classification_json", "found_json", "router"]

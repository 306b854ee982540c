"""Partners by area: the article's Tabla 1 (subnational governments) and Tabla 2 (the other partners),
rebuilt from the data by the partners-by-area indicator, sortable and filterable without JavaScript."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...analysis.indicators.partners import KIND_ORDER
from ...services import records
from ...services.explore import check_printable
from ...store.search import fold_text
from ...services.indicators import run_indicator
from ..context import store_of
from ..render import render
from .home import default_actor

router = APIRouter()
SORTS = ("kind", "name", "country", "area")
SEARCHED = ("name", "country", "area")  # what a reader sees in the row (not its keys or theme ids)


@router.get("/partners", response_class=HTMLResponse)
def partners(request: Request):
    store = store_of(request)
    params = request.query_params
    check_printable(dict(params))
    actor = (params.get("actor") or "").strip().lower() or default_actor(store)
    table = run_indicator(store, "partners-by-area", actor)
    kind = params.get("kind") if params.get("kind") in KIND_ORDER else None
    words = fold_text((params.get("q") or "").strip()[:200])
    sort = params.get("sort") if params.get("sort") in SORTS else "kind"
    rows = [(row, recs) for row, recs in zip(table.rows, table.records)
            if (kind is None or row["partner_kind"] == kind)
            and (not words or words in fold_text(" ".join(str(row[c]) for c in SEARCHED if row[c])))]
    keys = {"kind": lambda r: (KIND_ORDER.index(r[0]["partner_kind"]), fold_text(r[0]["name"])),
            "name": lambda r: fold_text(r[0]["name"]), "country": lambda r: (r[0]["country"] or "~", r[0]["name"]),
            "area": lambda r: (fold_text(r[0]["area"] or "~"), fold_text(r[0]["name"]))}
    rows.sort(key=keys[sort], reverse=params.get("desc") == "1")
    groups = {}
    for row, recs in rows:
        groups.setdefault(row["partner_kind"] if sort == "kind" else "", []).append((row, recs))
    counts = {k: sum(1 for r in table.rows if r["partner_kind"] == k) for k in KIND_ORDER}
    return render(request, "partners.html", actor=records.one(store, "actor", actor), table=table, groups=groups,
                  kind=kind, words=params.get("q") or "", sort=sort, desc=params.get("desc") == "1",
                  counts={k: n for k, n in counts.items() if n}, shown=len(rows), choices=records.actor_choices(store))

"""portfolio: counts of initiatives and agreements by role, modality, instrument, theme and partner."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from ...reference.themes import taxonomy
from .partners import partner_kind, region_of
from .scope import Scope
from .table import Table

COLUMNS = ["dimension", "value", "initiatives", "agreements"]
@lru_cache(maxsize=4096)
def _theme_views(theme: str) -> tuple[tuple[str, str], ...]:
    """A theme counted in its own classification and, through the crosswalk, as SEGIB sector and SDG."""
    views = [(f"theme:{theme.partition(':')[0]}", theme)]
    tax = taxonomy()
    if tax.exists(theme):
        for linked in tax.crosswalk(theme):
            views.append((f"theme:{linked.scheme.value}", linked.id))
    return tuple(views)


class _Counter:
    def __init__(self):
        self.cells: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"i": set(), "g": set()})

    def add(self, dimension: str, value, record: str) -> None:
        self.cells[(dimension, "" if value is None else str(value))]["i" if record.startswith("i") else "g"].add(record)


def portfolio(scope: Scope) -> Table:
    table = Table("portfolio", COLUMNS)
    initiatives, undated_i = scope.initiatives()
    agreements, undated_g = scope.agreements()
    counter = _Counter()
    for i in initiatives:
        rid = f"initiative:{i.key}"
        for p in i.participants:
            if scope.actor is None or scope.mine(p.actor):
                counter.add("role", p.role.value, rid)
        counter.add("modality", i.modality.value, rid)
        counter.add("instrument", i.instrument.value, rid)
        for theme in i.themes:
            for dimension, value in _theme_views(theme):
                counter.add(dimension, value, rid)
        _partners(scope, counter, rid, [(p.actor, p.country) for p in i.participants])
    for g in agreements:
        rid = f"agreement:{g.key}"
        counter.add("agreement_kind", g.kind.value, rid)
        for theme in g.themes:
            for dimension, value in _theme_views(theme):
                counter.add(dimension, value, rid)
        _partners(scope, counter, rid, [(p, None) for p in g.parties])
    for (dimension, value), records in sorted(counter.cells.items()):
        table.add({"dimension": dimension, "value": value or None, "initiatives": len(records["i"]),
                   "agreements": len(records["g"])}, list(records["i"] | records["g"]))
    table.note_scope(undated_i, undated_g, empty=not table.rows)
    return table


def _partners(scope: Scope, counter: _Counter, rid: str, parties: list[tuple[str | None, str | None]]) -> None:
    """Partners: the other parties (all of them when no actor is asked for)."""
    for key, stated_country in parties:
        if scope.mine(key):
            continue
        actor = scope.data.actors.get(key) if key else None
        country = actor.country if actor else stated_country
        if key:
            counter.add("partner_kind", partner_kind(actor, scope.data.actors) if actor else None, rid)
        counter.add("partner_country", country, rid)
        counter.add("partner_region", region_of(country) if country else None, rid)

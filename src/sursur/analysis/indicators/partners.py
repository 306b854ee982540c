"""Who an actor's partners are: their kind and region (shared by portfolio), and partners-by-area, the
article's Tabla 1 and Tabla 2 rebuilt from the records.

A partner's kind comes from its actor kind; a body of a city or province that is not itself an agency
of a national government (a municipal institute: kind 'other' with a city as parent) counts as
subnational, like its city.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ...domain import Actor, ActorKind
from ...domain.errors import N_, DomainError
from ...reference.countries import facts
from .scope import NeedsActor, Scope
from .table import Table

PARTNER_KINDS = {
    ActorKind.MUNICIPALITY: "subnational", ActorKind.PROVINCE: "subnational",
    ActorKind.NATIONAL_GOVERNMENT: "national", ActorKind.DEVELOPMENT_AGENCY: "national",
    ActorKind.MULTILATERAL: "multilateral", ActorKind.CITY_NETWORK: "multilateral",
    ActorKind.NGO: "ngo", ActorKind.FOUNDATION: "ngo", ActorKind.ACADEMIC: "academic",
    ActorKind.PRIVATE: "private", ActorKind.OTHER: "other",
}
KIND_ORDER = ("subnational", "national", "multilateral", "ngo", "academic", "private", "other")


def partner_kind(actor: Actor, actors: dict[str, Actor]) -> str:
    kind = PARTNER_KINDS[actor.kind]
    if kind == "other":
        seen, parent = {actor.key}, actor.parent
        while parent in actors and parent not in seen:
            if actors[parent].kind.subnational_government:
                return "subnational"
            seen.add(parent)
            parent = actors[parent].parent
    return kind


@lru_cache(maxsize=512)
def region_of(iso3: str) -> str | None:
    try:
        found = facts(iso3)
    except DomainError:
        return None
    return found.subregion or found.region


COLUMNS = ["partner_kind", "partner", "name", "country", "area", "themes"]


def partners_by_area(scope: Scope) -> Table:
    """One row per partner and area of cooperation (the source's words), grouped by partner kind; the
    relations with no stated area are one row per partner with area unknown."""
    if scope.actor is None:
        raise NeedsActor(N_("partners-by-area is about one actor's partners: name the actor (--actor medellin on the command line, actor=medellin in the API)"))
    table = Table("partners-by-area", COLUMNS)
    actors = scope.data.actors
    agreements, undated_g = scope.agreements()
    initiatives, undated_i = scope.initiatives()
    cells: dict[tuple[str, str | None], dict] = defaultdict(lambda: {"records": set(), "themes": set()})
    relations = [(f"agreement:{g.key}", g.parties, g.area, g.themes) for g in agreements]
    relations += [(f"initiative:{i.key}", [p.actor for p in i.participants if p.actor], None, i.themes)
                  for i in initiatives]
    for rid, parties, area, themes in relations:
        for key in dict.fromkeys(parties):
            if scope.mine(key):
                continue
            cell = cells[(key, (area or "").strip() or None)]
            cell["records"].add(rid)
            cell["themes"].update(themes)
    ordered = sorted(cells.items(), key=lambda item: (
        KIND_ORDER.index(partner_kind(actors[item[0][0]], actors)), actors[item[0][0]].country or "~",
        actors[item[0][0]].name.casefold(), item[0][1] is None, item[0][1] or ""))
    for (key, area), cell in ordered:
        actor = actors[key]
        table.add({"partner_kind": partner_kind(actor, actors), "partner": key, "name": actor.name,
                   "country": actor.country, "area": area, "themes": ", ".join(sorted(cell["themes"])) or None},
                  list(cell["records"]))
    table.note_scope(undated_i, undated_g, empty=not relations)  # not 'no rows': a relation may name no partner
    return table

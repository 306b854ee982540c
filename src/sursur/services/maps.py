"""What an actor's partner map shows: where the actor and its partners are, and each relation's class.

A point is drawn only for a recorded place (`sursur actors geocode` fills them; a body of a city stands
at its city's place). A partner with no place but a known country shades that country instead; a partner
with neither is listed, never placed by guess. The page and the report draw the same data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..analysis.classification import RelationResult
from ..analysis.indicators.scope import Scope, Snapshot
from ..reference.places import place_by_id
from ..store import Store
from .classification import classify_records
from .indicators import snapshot


@dataclass
class Partner:
    key: str
    name: str
    country: str | None
    point: tuple[float, float] | None  # (lon, lat)
    classes: dict[str, list[str]] = field(default_factory=dict)  # class shown → relation ids ('agreement:KEY')


@dataclass
class PartnerMap:
    actor: str
    name: str
    point: tuple[float, float] | None
    partners: list[Partner]
    scheme: str

    @property
    def placed(self) -> list[Partner]:
        return [p for p in self.partners if p.point]

    @property
    def shaded(self) -> dict[str, str]:
        """Country → the class most of its unplaced partners' relations have."""
        found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for p in self.partners:
            if p.point is None and p.country:
                for value, records in p.classes.items():
                    found[p.country][value] += len(records)
        return {c: max(v, key=lambda k: (v[k], k)) for c, v in found.items()}


def _point(actors: dict, key: str | None) -> tuple[float, float] | None:
    seen = set()
    while key and key not in seen:
        seen.add(key)
        actor = actors.get(key)
        if actor is None:
            return None
        if actor.place:
            place = place_by_id(actor.place)
            if place is not None and place.lat is not None:
                return place.lon, place.lat
        key = actor.parent  # a body of a city stands at the city
    return None


def partner_map(store: Store, actor: str, scheme: str, start: int | None = None, end: int | None = None,
                data: Snapshot | None = None) -> PartnerMap:
    """The actor's partners in the period (every year when none is given), placed, each with the classes of
    its relations under the scheme. `data`: the actor's snapshot when the caller has read it already."""
    data = data or snapshot(store, actor)
    scope = Scope(data, actor, start, end)
    results: list[RelationResult] = classify_records(data, scheme, actor)
    if scope.dated:
        kept = ({f"agreement:{g.key}" for g in scope.agreements()[0]}
                | {f"initiative:{i.key}" for i in scope.initiatives()[0]})
        results = [r for r in results if f"{r.record_type}:{r.key}" in kept]
    partners: dict[str, Partner] = {}
    for result in results:
        for party in result.parties:
            key = party.label
            known = data.actors.get(key)
            if known is None or scope.mine(key):
                continue  # the actor itself, or a party the source only describes (no record to place)
            partner = partners.get(key)
            if partner is None:
                partner = partners[key] = Partner(key, known.name, party.country, _point(data.actors, key))
            partner.classes.setdefault(result.shown.value, []).append(f"{result.record_type}:{result.key}")
    me = data.actors[actor]
    ordered = sorted(partners.values(), key=lambda p: (p.point is None, p.name.lower()))
    return PartnerMap(actor, me.name, _point(data.actors, actor), ordered, scheme)


@dataclass
class Member:
    key: str
    name: str
    country: str | None
    point: tuple[float, float] | None
    founding: bool


def network_members(store: Store, network: str) -> list[Member]:
    """A network's listed members with their places (founders first), for its map (the article's
    Ilustración 1: the founding cities of 1995 and the members since)."""
    with store.reading() as repo:
        memberships = repo.memberships(network)
        actors = {a.key: a for a in repo.actors_by_key({m.actor for m in memberships})}
    found = [Member(m.actor, actors[m.actor].name, actors[m.actor].country, _point(actors, m.actor), m.founding)
             for m in memberships if m.actor in actors]
    return sorted(found, key=lambda m: (not m.founding, m.name.casefold()))

"""Actors: cities, provinces, governments, agencies, organisations and networks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from .country import check_country
from .dates import PartialDate
from .enums import to_enum
from .errors import DomainError, N_
from .source import Citation, require_key, require_sources


class ActorKind(str, Enum):
    MUNICIPALITY = "municipality"
    PROVINCE = "province"  # province, state, region, department, county
    NATIONAL_GOVERNMENT = "national_government"
    MULTILATERAL = "multilateral"
    DEVELOPMENT_AGENCY = "development_agency"
    NGO = "ngo"
    FOUNDATION = "foundation"
    ACADEMIC = "academic"
    PRIVATE = "private"
    CITY_NETWORK = "city_network"
    OTHER = "other"

    @property
    def subnational_government(self) -> bool:
        return self in (ActorKind.MUNICIPALITY, ActorKind.PROVINCE)


@dataclass
class Measure:
    """A stated quantity: its value, the year it refers to, whether the source says 'about'."""

    value: Decimal
    year: int | None = None
    approximate: bool = False
    source: Citation | None = None
    note: str | None = None

    def __post_init__(self):
        self.value = Decimal(str(self.value))
        if self.value < 0:
            raise DomainError(N_("a quantity cannot be negative ({value})"), value=self.value)


@dataclass
class TimelineEntry:
    """A dated fact about an actor, as the source states it."""

    date: PartialDate
    text: str
    source: Citation | None = None


@dataclass
class Actor:
    key: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO 3166-1 alpha-3; None for international bodies or unknown
    other_names: list[str] = field(default_factory=list)
    parent: str | None = None  # Actor.key
    place: str | None = None  # canonical place id, filled by place resolution
    population: Measure | None = None
    area_km2: Measure | None = None
    gdp_usd: Measure | None = None
    founded: PartialDate | None = None
    website: str | None = None
    note: str | None = None
    country_basis: str | None = None  # 'stated' or 'name' (read from an unambiguous place name)
    iati_ref: str | None = None  # its IATI organisation identifier as published, e.g. 'GB-CHC-207544'
    timeline: list[TimelineEntry] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "actor")
        label = f"actor {self.key}"
        if not (self.name or "").strip():
            raise DomainError(N_("an actor needs a name"), record=label, field="name")
        self.kind = to_enum(ActorKind, self.kind, record=label, field="kind")
        self.country = check_country(self.country, record=label)
        self.founded = PartialDate.parse(self.founded)
        if self.parent == self.key:
            raise DomainError(N_("an actor cannot be its own parent"), record=label, field="parent")
        require_sources(self.sources, label)


def parents_first(actors: list[Actor]) -> list[Actor]:
    """Actors ordered so that a parent comes before its children (cycles are cut, not followed)."""
    by_key = {a.key: a for a in actors}
    ordered: list[Actor] = []
    seen: set[str] = set()

    def visit(actor: Actor, trail: tuple[str, ...]) -> None:
        if actor.key in seen:
            return
        parent = by_key.get(actor.parent) if actor.parent else None
        if parent is not None and parent.key not in trail:
            visit(parent, trail + (actor.key,))
        seen.add(actor.key)
        ordered.append(actor)

    for actor in actors:
        visit(actor, ())
    return ordered

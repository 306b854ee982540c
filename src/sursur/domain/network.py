"""City networks, their members over time and their thematic units."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate
from .errors import DomainError, N_
from .source import Citation, require_key, require_sources


@dataclass
class MemberCount:
    """A stated number of members at a date, for when the source gives the count but not the list."""

    year: int
    count: int
    source: Citation | None = None

    def __post_init__(self):
        if self.count < 0:
            raise DomainError(N_("a quantity cannot be negative ({value})"), value=self.count)


@dataclass
class ThematicUnit:
    name: str
    source: Citation | None = None


@dataclass
class Network:
    key: str
    actor: str  # Actor.key of the network as an actor (kind city_network)
    founded: PartialDate | None = None
    member_counts: list[MemberCount] = field(default_factory=list)
    thematic_unit_count: int | None = None
    thematic_units: list[ThematicUnit] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "network")
        self.founded = PartialDate.parse(self.founded)
        label = f"network {self.key}"
        if self.thematic_unit_count is not None and self.thematic_unit_count < len(self.thematic_units):
            raise DomainError(N_("{named} thematic units are named but the count says {count}"),
                              record=label, field="thematic_unit_count", named=len(self.thematic_units),
                              count=self.thematic_unit_count)
        require_sources(self.sources, label)


@dataclass
class Membership:
    actor: str
    network: str
    joined: PartialDate | None = None
    left: PartialDate | None = None
    founding: bool = False
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        label = f"membership {self.actor}@{self.network}"
        self.joined = PartialDate.parse(self.joined)
        self.left = PartialDate.parse(self.left)
        if self.joined and self.left and self.left.ends_before(self.joined):
            raise DomainError(N_("it ends ({end}) before it starts ({start})"), record=label, field="left",
                              start=self.joined, end=self.left)
        require_sources(self.sources, label)

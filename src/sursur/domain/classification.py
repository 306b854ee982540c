"""The vocabulary of classification: sides, relation classes, what a source states, and overrides."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .enums import to_enum
from .errors import DomainError, N_
from .source import Citation


class Side(str, Enum):
    SOUTH = "south"
    NORTH = "north"
    MULTILATERAL = "multilateral"  # an international body: no country, no side of its own
    UNKNOWN = "unknown"


class RelationClass(str, Enum):
    SOUTH_SOUTH = "south_south"
    NORTH_SOUTH = "north_south"  # North offers to South, or North and South with no stated direction
    SOUTH_NORTH = "south_north"  # South offers to North
    NORTH_NORTH = "north_north"
    TRIANGULAR = "triangular"  # a Northern or multilateral actor supports cooperation between Southern ones
    MULTILATERAL = "multilateral"
    UNKNOWN = "unknown"


RECORD_TYPES = ("agreement", "initiative")


@dataclass
class StatedClass:
    """A classification the source itself gives ('Cooperación sur-sur Medellín para Curazao')."""

    value: RelationClass
    source: Citation

    def __post_init__(self):
        self.value = to_enum(RelationClass, self.value, record="stated classification", field="value")


@dataclass
class Override:
    """A person's decision to replace a computed class, with the reason and a source; shown beside it."""

    record_type: str
    record_key: str
    value: RelationClass
    justification: str
    source: Citation
    scheme: str | None = None  # None: under every scheme

    def __post_init__(self):
        label = f"override {self.record_type} {self.record_key}"
        if self.record_type not in RECORD_TYPES:
            raise DomainError(N_("'{value}' is not valid here; use one of: {choices}"), record=label,
                              field="record_type", value=self.record_type, choices=", ".join(RECORD_TYPES))
        self.value = to_enum(RelationClass, self.value, record=label, field="value")
        if not (self.justification or "").strip():
            raise DomainError(N_("an override needs a justification"), record=label, field="justification")
        if self.source is None or not self.source.source:
            raise DomainError(N_("an override needs a source"), record=label, field="source")

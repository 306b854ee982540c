"""Agreements: twinnings, convenios, memoranda and other standing relations between actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .classification import StatedClass
from .dates import PartialDate
from .enums import to_enum
from .errors import DomainError, N_
from .source import Citation, require_key, require_sources
from .theme import parse_theme_id


class AgreementKind(str, Enum):
    TWINNING = "twinning"
    COOPERATION_AGREEMENT = "cooperation_agreement"  # convenio
    MEMORANDUM = "memorandum"
    LETTER_OF_INTENT = "letter_of_intent"
    OTHER = "other"  # a relation whose legal form the source does not give


class AgreementStatus(str, Enum):
    ACTIVE = "active"
    ENDED = "ended"
    UNKNOWN = "unknown"


@dataclass
class Agreement:
    key: str
    kind: AgreementKind
    parties: list[str]  # Actor.key, at least two, distinct
    area: str | None = None  # the field of cooperation in the source's words
    themes: list[str] = field(default_factory=list)  # theme ids, e.g. "segib:tourism"
    signed: PartialDate | None = None
    ended: PartialDate | None = None
    status: AgreementStatus = AgreementStatus.UNKNOWN
    stated_class: StatedClass | None = None  # the source's own classification, if it gives one
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "agreement")
        label = f"agreement {self.key}"
        self.kind = to_enum(AgreementKind, self.kind, record=label, field="kind")
        self.status = to_enum(AgreementStatus, self.status or "unknown", record=label, field="status")
        if len(set(self.parties)) < 2:
            raise DomainError(N_("an agreement needs at least two different parties"), record=label,
                              field="parties")
        if len(set(self.parties)) != len(self.parties):
            raise DomainError(N_("a party is listed twice"), record=label, field="parties")
        self.signed = PartialDate.parse(self.signed)
        self.ended = PartialDate.parse(self.ended)
        if self.signed and self.ended and self.ended.ends_before(self.signed):
            raise DomainError(N_("it ends ({end}) before it starts ({start})"), record=label, field="ended",
                              start=self.signed, end=self.ended)
        for theme in self.themes:
            parse_theme_id(theme)
        require_sources(self.sources, label)

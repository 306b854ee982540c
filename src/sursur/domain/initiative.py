"""Initiatives: programmes, projects and actions, who takes part in which role, and what flows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum

from .country import check_country
from .classification import StatedClass
from .dates import PartialDate
from .enums import to_enum
from .errors import DomainError, N_
from .source import Citation, require_key, require_sources
from .theme import parse_theme_id


class Modality(str, Enum):
    BILATERAL = "bilateral"
    TRIANGULAR = "triangular"
    REGIONAL = "regional"


class Instrument(str, Enum):
    PROGRAMME = "programme"
    PROJECT = "project"
    ACTION = "action"


class CooperationType(str, Enum):
    TECHNICAL = "technical"
    FINANCIAL = "financial"
    KNOWLEDGE_EXCHANGE = "knowledge_exchange"
    TRAINING = "training"
    STAFF_MOBILITY = "staff_mobility"
    DELEGATION_VISIT = "delegation_visit"
    IN_KIND = "in_kind"


class InitiativeStatus(str, Enum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"  # stopped before it was done
    SUSPENDED = "suspended"  # on hold
    UNKNOWN = "unknown"


class Role(str, Enum):
    OFFERER = "offerer"
    RECEIVER = "receiver"
    BOTH = "both"
    FIRST_OFFERER = "first_offerer"
    SECOND_OFFERER = "second_offerer"
    FUNDER = "funder"
    FACILITATOR = "facilitator"
    PARTNER = "partner"


class FlowKind(str, Enum):
    COMMITMENT = "commitment"
    DISBURSEMENT = "disbursement"
    IN_KIND_ESTIMATE = "in_kind_estimate"


@dataclass
class Text:
    text: str
    lang: str = "es"


@dataclass(slots=True)
class Participation:
    """An actor in a role; or, where the source names no actor, a described party and its country."""

    role: Role
    actor: str | None = None  # Actor.key
    party: str | None = None  # e.g. "ciudades chilenas de Mercociudades"
    country: str | None = None

    def check(self, label: str) -> None:
        self.role = to_enum(Role, self.role, record=label, field="participants.role")
        if not self.actor and not (self.party or "").strip():
            raise DomainError(N_("a participant needs an actor or a described party"), record=label,
                              field="participants")
        self.country = check_country(self.country, record=label, field="participants.country")


@dataclass(slots=True)
class Flow:
    """Money or in-kind value. amount None means unknown, which is never the same as 0."""

    kind: FlowKind
    amount: Decimal | None = None
    currency: str | None = None
    year: int | None = None
    date: PartialDate | None = None
    from_actor: str | None = None
    to_actor: str | None = None
    source: Citation | None = None

    def check(self, label: str) -> None:
        self.kind = to_enum(FlowKind, self.kind, record=label, field="flows.kind")
        if self.amount is not None:
            try:
                self.amount = Decimal(str(self.amount))
            except InvalidOperation:
                raise DomainError(N_("'{value}' is not an amount"), record=label, field="flows.amount",
                                  value=self.amount) from None
            if self.amount < 0:
                raise DomainError(N_("a flow cannot have a negative amount ({value})"), record=label,
                                  field="flows.amount", value=self.amount)
            if not self.currency:
                raise DomainError(N_("an amount needs its currency (e.g. USD)"), record=label,
                                  field="flows.currency")
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            raise DomainError(N_("'{value}' is not an ISO 4217 currency code (e.g. USD, EUR, COP)"),
                              record=label, field="flows.currency", value=self.currency)
        self.currency = self.currency.upper() if self.currency else None
        self.date = PartialDate.parse(self.date)


@dataclass
class Figure:
    """A count the source states about an initiative (141 participants, 3 beneficiary cities)."""

    name: str
    value: Decimal
    source: Citation | None = None

    def __post_init__(self):
        self.value = Decimal(str(self.value))


@dataclass
class Initiative:
    key: str
    title: str
    modality: Modality
    instrument: Instrument
    participants: list[Participation]
    description: Text | None = None
    cooperation_types: list[CooperationType] = field(default_factory=list)
    status: InitiativeStatus = InitiativeStatus.UNKNOWN
    start: PartialDate | None = None
    end: PartialDate | None = None
    themes: list[str] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    agreement: str | None = None  # Agreement.key it implements
    stated_class: StatedClass | None = None  # the source's own classification, if it gives one
    iati_identifier: str | None = None  # as published in IATI, when it came from (or went to) IATI
    reporter: str | None = None  # Actor.key of the organisation that reported it (IATI reporting-org)
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "initiative")
        label = f"initiative {self.key}"
        if not (self.title or "").strip():
            raise DomainError(N_("an initiative needs a title"), record=label, field="title")
        self.modality = to_enum(Modality, self.modality, record=label, field="modality")
        self.instrument = to_enum(Instrument, self.instrument, record=label, field="instrument")
        self.status = to_enum(InitiativeStatus, self.status or "unknown", record=label, field="status")
        self.cooperation_types = [to_enum(CooperationType, c, record=label, field="cooperation_types")
                                  for c in self.cooperation_types]
        if not self.participants:
            raise DomainError(N_("an initiative needs at least one participant"), record=label,
                              field="participants")
        for participation in self.participants:
            participation.check(label)
        for flow in self.flows:
            flow.check(label)
        self.start = PartialDate.parse(self.start)
        self.end = PartialDate.parse(self.end)
        if self.start and self.end and self.end.ends_before(self.start):
            raise DomainError(N_("it ends ({end}) before it starts ({start})"), record=label, field="end",
                              start=self.start, end=self.end)
        self.countries = [check_country(c, record=label, field="countries") for c in self.countries]
        for theme in self.themes:
            parse_theme_id(theme)
        if self.modality is Modality.TRIANGULAR:
            self._check_triangular(label)
        require_sources(self.sources, label)

    def _check_triangular(self, label: str) -> None:
        roles = {p.role for p in self.participants}
        if Role.RECEIVER not in roles or not roles & {Role.FIRST_OFFERER, Role.SECOND_OFFERER}:
            raise DomainError(N_("a triangular initiative needs a receiver and a first or second offerer"),
                              record=label, field="participants")

    def actor_keys(self) -> list[str]:
        return [p.actor for p in self.participants if p.actor]

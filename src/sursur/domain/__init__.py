"""The cooperation model: plain dataclasses and enums, no database, no web, no I/O."""

from .actor import Actor, ActorKind, Measure, TimelineEntry
from .agreement import Agreement, AgreementKind, AgreementStatus
from .dataset import Dataset
from .dates import PartialDate
from .errors import DomainError
from .initiative import (CooperationType, Figure, Flow, FlowKind, Initiative, InitiativeStatus, Instrument,
                         Modality, Participation, Role, Text)
from .network import MemberCount, Membership, Network, ThematicUnit
from .practice import Demand, Practice
from .source import Citation, Source, SourceKind
from .theme import Theme, ThemeScheme, parse_theme_id

__all__ = [
    "Actor", "ActorKind", "Agreement", "AgreementKind", "AgreementStatus", "Citation", "CooperationType",
    "Dataset", "Demand", "DomainError", "Figure", "Flow", "FlowKind", "Initiative", "InitiativeStatus",
    "Instrument", "Measure", "MemberCount", "Membership", "Modality", "Network", "PartialDate",
    "Participation", "Practice", "Role", "Source", "SourceKind", "Text", "Theme", "ThemeScheme",
    "ThematicUnit", "TimelineEntry", "parse_theme_id",
]

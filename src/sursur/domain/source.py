"""Where a record, or one fact on it, comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .errors import DomainError, N_


class SourceKind(str, Enum):
    ARTICLE = "article"
    REPORT = "report"
    DATASET = "dataset"
    WEBSITE = "website"
    DOCUMENT = "document"
    PERSONAL = "personal"  # stated by the user who registers it
    OTHER = "other"


@dataclass
class Source:
    """A cited work: an article, a report, a published data file."""

    key: str
    title: str
    kind: SourceKind = SourceKind.OTHER
    author: str | None = None
    year: int | None = None
    publisher: str | None = None
    url: str | None = None
    file: str | None = None
    note: str | None = None

    def __post_init__(self):
        self.kind = SourceKind(self.kind)
        require_key(self.key, "source")
        if not (self.title or "").strip():
            raise DomainError(N_("a source needs a title"), record=f"source {self.key}", field="title")


@dataclass(frozen=True)
class Citation:
    """One place in a source: 'Tabla 1, fila 3', 'sección 3.4', 'p. 12'."""

    source: str  # Source.key
    locator: str | None = None

    def __str__(self) -> str:
        return f"{self.source}, {self.locator}" if self.locator else self.source


def require_key(key: str, kind: str) -> None:
    if not key or not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,119}", key):
        raise DomainError(
            N_("'{key}' is not a valid key: use lowercase letters, digits, '-', '.' or '_' (e.g. medellin)"),
            record=kind, field="key", key=key)


def require_sources(sources: list[Citation], record: str) -> None:
    if not sources:
        raise DomainError(N_("every record needs at least one source"), record=record, field="sources")


def group_citations(citations: "list[Citation | None]") -> dict[str, list[str]]:
    """Each source once, in order, with its locators: {'espacios-2020': ['Tabla 1, fila 6', '3.3']}."""
    grouped: dict[str, list[str]] = {}
    for c in citations:
        if c is None:
            continue
        locators = grouped.setdefault(c.source, [])
        if c.locator and c.locator not in locators:
            locators.append(c.locator)
    return grouped

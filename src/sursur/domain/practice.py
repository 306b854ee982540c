"""Good practices a city can share, and the needs a city states."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import DomainError, N_
from .initiative import Text
from .source import Citation, require_key, require_sources
from .theme import parse_theme_id


@dataclass
class Practice:
    key: str
    owner: str  # Actor.key
    title: str
    summary: Text | None = None  # its language is also the title's
    themes: list[str] = field(default_factory=list)
    evidence: str | None = None
    recognition: str | None = None
    description: Text | None = None
    problem: str | None = None  # the problem it addresses
    results: str | None = None
    contact: str | None = None
    transfers: list[str] = field(default_factory=list)  # Initiative.key: the initiatives that carried it elsewhere
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "practice")
        label = f"practice {self.key}"
        if not (self.title or "").strip():
            raise DomainError(N_("a practice needs a title"), record=label, field="title")
        for theme in self.themes:
            parse_theme_id(theme)
        if len(set(self.transfers)) != len(self.transfers):
            raise DomainError(N_("an initiative is listed twice in the practice's transfers"), record=label,
                              field="transfers")
        require_sources(self.sources, label)

    @property
    def language(self) -> str | None:
        """The language of its title and summary (else of its description), if stated."""
        return (self.summary or self.description or Text("", None)).lang


@dataclass
class Demand:
    key: str
    actor: str
    need: Text
    themes: list[str] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)

    def __post_init__(self):
        require_key(self.key, "demand")
        label = f"demand {self.key}"
        if not (self.need and self.need.text.strip()):
            raise DomainError(N_("a demand needs a stated need"), record=label, field="need")
        for theme in self.themes:
            parse_theme_id(theme)
        require_sources(self.sources, label)

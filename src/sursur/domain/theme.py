"""Themes: the fields an initiative, agreement or practice works in, taken from shipped classifications.

A theme is named by a full id "scheme:code" (e.g. "segib:education", "dac:11220", "sdg:4"), so that
records can mix the classification a source uses with the ones analysis needs. The taxonomy itself
(labels, parents, crosswalk) is reference data: see sursur.reference.themes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .errors import DomainError, N_
from .language import DEFAULT_LANGUAGE, LANGUAGES



class ThemeScheme(str, Enum):
    MEDELLIN = "medellin"  # the eight strategic lines of Medellín's international cooperation
    SEGIB = "segib"  # SEGIB activity sectors of South–South cooperation (and their "ámbitos")
    DAC = "dac"  # OECD DAC/CRS 5-digit purpose codes
    DAC3 = "dac3"  # DAC 3-digit sector categories, parents of the 5-digit codes
    SDG = "sdg"  # the 17 Sustainable Development Goals


_EXAMPLE = "segib:education"


def parse_theme_id(text: str) -> tuple[ThemeScheme, str]:
    """Split "scheme:code" into its scheme and code; raise a ValueError (DomainError) saying why not."""
    valid = ", ".join(s.value for s in ThemeScheme)
    if not isinstance(text, str):
        raise DomainError(N_("a theme id must be text like '{example}', not {given!r}"),
                          example=_EXAMPLE, given=text)
    scheme_part, sep, code = text.strip().partition(":")
    if not sep:
        raise DomainError(N_("'{given}' is not a theme id: write scheme:code, e.g. '{example}' "
                             "(schemes: {schemes})"), given=text, example=_EXAMPLE, schemes=valid)
    # Schemes are a closed list, so their case carries no meaning; codes are compared as written.
    scheme_part = scheme_part.strip().lower()
    code = code.strip()
    try:
        scheme = ThemeScheme(scheme_part)
    except ValueError:
        raise DomainError(N_("'{given}' has an unknown theme scheme '{scheme}'; use one of: {schemes} "
                             "(e.g. '{example}')"), given=text, scheme=scheme_part, schemes=valid,
                          example=_EXAMPLE) from None
    if not code:
        raise DomainError(N_("'{given}' has no code after the scheme; write scheme:code, e.g. '{example}'"),
                          given=text, example=_EXAMPLE)
    return scheme, code


@dataclass(frozen=True)
class Theme:
    scheme: ThemeScheme
    code: str
    # Excluded from the hash because a dict cannot be hashed; id and parent identify a theme anyway.
    labels: dict[str, str] = field(hash=False)
    parent: str | None = None  # a full theme id, e.g. "segib:group.social" or "dac3:112"

    def __post_init__(self):
        object.__setattr__(self, "scheme", ThemeScheme(self.scheme))
        where = f"theme {self.scheme.value}:{self.code}"
        if not isinstance(self.code, str) or not self.code.strip() or self.code != self.code.strip():
            raise DomainError(N_("a theme code must be non-empty text without surrounding spaces"),
                              record=where, field="code")
        labels = dict(self.labels or {})
        for lang in LANGUAGES:
            if not (labels.get(lang) or "").strip():
                raise DomainError(N_("the label in '{lang}' is missing or empty"), record=where,
                                  field="labels", lang=lang)
        # A private copy, so that changing the caller's dict later cannot change a frozen theme.
        object.__setattr__(self, "labels", labels)
        if self.parent is not None:
            parse_theme_id(self.parent)
            if self.parent == self.id:
                raise DomainError(N_("a theme cannot be its own parent"), record=where, field="parent")

    @property
    def id(self) -> str:
        return f"{self.scheme.value}:{self.code}"

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.labels.get(lang) or self.labels[DEFAULT_LANGUAGE]

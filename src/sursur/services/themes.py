"""Checks that the theme ids records use exist in the shipped taxonomy."""

from __future__ import annotations

from ..domain import Dataset, DomainError
from ..domain.errors import N_
from ..reference.themes import taxonomy


def check_themes(data: Dataset) -> None:
    known = taxonomy()
    for kind, records in (("agreement", data.agreements), ("initiative", data.initiatives),
                          ("practice", data.practices), ("demand", data.demands)):
        for record in records:
            for theme in record.themes:
                if not known.exists(theme):
                    raise DomainError(N_("the theme '{theme}' does not exist (see docs/THEMES.md)"),
                                      record=f"{kind} {record.key}", field="themes", theme=theme)

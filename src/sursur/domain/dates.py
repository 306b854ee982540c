"""Dates as the sources give them: a year, a month or a day, never more precise than stated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import DomainError, N_

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        try:
            date(self.year, self.month or 1, self.day or 1)
        except (TypeError, ValueError):
            raise DomainError(N_("'{value}' is not a valid date; write YYYY, YYYY-MM or YYYY-MM-DD"),
                              value=str(self)) from None
        if self.day is not None and self.month is None:
            raise DomainError(N_("'{value}' is not a valid date; write YYYY, YYYY-MM or YYYY-MM-DD"),
                              value=str(self))

    @classmethod
    def parse(cls, value: "str | int | date | PartialDate | None") -> "PartialDate | None":
        if value is None or value == "":
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        match = _PATTERN.match(str(value).strip())
        if not match:
            raise DomainError(N_("'{value}' is not a valid date; write YYYY, YYYY-MM or YYYY-MM-DD"),
                              value=str(value))
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

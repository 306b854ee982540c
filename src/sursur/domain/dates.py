"""Dates as the sources give them: a year, a month or a day, never more precise than stated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import DomainError, N_

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """Ordered by the first day it can be (2010 before 2010-05); `ends_before` asks whether one surely
    ends before another starts, which is what a check of 'it ends before it starts' needs."""

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

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            following = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(self.year, 12, 31)

    def _key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()

    def __le__(self, other: "PartialDate") -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: "PartialDate") -> bool:
        return self._key() > other._key()

    def __ge__(self, other: "PartialDate") -> bool:
        return self._key() >= other._key()

    def ends_before(self, other: "PartialDate") -> bool:
        """Whether this date, read as a span, surely ends before `other` starts (2010 does not end before
        2010-05; 2009 does)."""
        return self.last_day() < other.first_day()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

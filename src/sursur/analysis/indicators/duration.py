"""duration: how long initiatives last, in months, by instrument.

An initiative's duration runs from the first day of its start to the last day of its end, in months of
365.25/12 days, to one decimal. It is measured only when both dates are known to the month or the day:
with a year alone ('2015' to '2017') it could be anything from a day to three years, so it is counted as
imprecise, not measured. With no end (ongoing, or not stated) it is unknown.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from ...domain import Initiative
from ...domain.errors import N_
from .scope import Scope
from .table import Table

COLUMNS = ["instrument", "initiatives", "measured", "months_median", "months_mean", "months_min", "months_max",
           "imprecise", "unknown"]
MONTH_DAYS = 365.25 / 12


def months(i: Initiative) -> float | None | str:
    """The duration in months; 'imprecise' when a date is only a year; None when a date is missing."""
    if i.start is None or i.end is None:
        return None
    if i.start.month is None or i.end.month is None:
        return "imprecise"
    days = (i.end.last_day() - i.start.first_day()).days + 1
    return round(days / MONTH_DAYS, 1)


def duration(scope: Scope) -> Table:
    table = Table("duration", COLUMNS)
    initiatives, undated = scope.initiatives()
    groups: dict[str, list[Initiative]] = defaultdict(list)
    for i in initiatives:
        groups[i.instrument.value].append(i)
    if len(groups) > 1:
        groups["all"] = initiatives
    for instrument, chosen in sorted(groups.items(), key=lambda g: (g[0] == "all", g[0])):
        found = [(i, months(i)) for i in chosen]
        measured = [m for _, m in found if isinstance(m, float)]
        table.add({"instrument": instrument, "initiatives": len(chosen), "measured": len(measured),
                   "months_median": statistics.median(measured) if measured else None,
                   "months_mean": round(statistics.fmean(measured), 1) if measured else None,
                   "months_min": min(measured, default=None), "months_max": max(measured, default=None),
                   "imprecise": sum(m == "imprecise" for _, m in found), "unknown": sum(m is None for _, m in found)},
                  [f"initiative:{i.key}" for i in chosen])
    table.note(N_("months from the first day of the start to the last day of the end; measured only when both "
                  "dates are known at least to the month ('imprecise': a date is only a year; 'unknown': no "
                  "start or no end)"))
    if initiatives and not any(r["measured"] for r in table.rows):
        table.note(N_("no initiative in this scope has a start and an end known to the month: durations cannot "
                      "be measured"))
    table.note_scope(undated, empty=not initiatives)
    return table

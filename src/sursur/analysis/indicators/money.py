"""Amounts in US dollars: a flow's own USD, or its amount at the dated rate of its own date or year.

A flow with no date or year of its own is not converted (its initiative's year would be a guess), nor
is one in a currency or at a date the shipped rates do not cover (reference/rates.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...domain import Flow
from ...domain.errors import N_
from ...reference.rates import rates_info, to_usd
from .table import Table


def flow_usd(flow: Flow) -> Decimal | None:
    if flow.amount is None:
        return None
    return to_usd(flow.amount, flow.currency, flow.date or flow.year)


def note_conversion(table: Table, converted: int, not_converted: int) -> None:
    """The two notes every table with USD figures carries: where the rates come from, and what was not
    converted."""
    if converted:
        info = rates_info()
        table.note(N_("{count} amounts in other currencies converted to USD at the ECB's euro reference rates "
                      "({first} to {last}): the rate of the flow's day, or the average of its month or year"),
                   count=converted, first=info.first.isoformat(), last=info.last.isoformat())
    if not_converted:
        table.note(N_("{count} amounts could not be converted to USD (a currency the ECB does not publish, a "
                      "date outside its rates, or a flow with no date): shown in their currency only"),
                   count=not_converted)

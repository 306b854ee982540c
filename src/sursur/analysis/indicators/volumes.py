"""volumes: amounts by year, direction and flow kind, in each currency; in USD only where known."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...domain import Flow, Initiative
from ...domain.errors import N_
from .scope import Scope, initiative_year
from .table import Table

COLUMNS = ["year", "direction", "kind", "currency", "flows", "amount", "unknown_amounts", "amount_usd"]


def flow_year(flow: Flow, initiative: Initiative) -> int | None:
    return flow.year or (flow.date.year if flow.date else None) or initiative_year(initiative)


def direction(scope: Scope, flow: Flow) -> str:
    """offered (from the actor), received (to it), or unattributed (no actor asked, or neither side)."""
    if scope.mine(flow.from_actor):
        return "offered"
    if scope.mine(flow.to_actor):
        return "received"
    return "unattributed"


def volumes(scope: Scope) -> Table:
    table = Table("volumes", COLUMNS)
    groups: dict[tuple, list[tuple[str, Flow]]] = defaultdict(list)
    undated = 0
    for i in scope.data.initiatives:
        if scope.actor is not None and not any(scope.mine(p.actor) for p in i.participants):
            continue
        for n, flow in enumerate(i.flows):
            year = flow_year(flow, i)
            if not scope.in_period(year):
                undated += year is None
                continue
            groups[(year, direction(scope, flow), flow.kind.value, flow.currency)].append((f"flow:{i.key}#{n}", flow))
    no_rate = 0
    for (year, way, kind, currency), flows in sorted(groups.items(), key=lambda g: tuple(str(x) for x in g[0])):
        known = [f.amount for _, f in flows if f.amount is not None]
        amount = sum(known, Decimal(0)) if known else None
        usd = amount if currency == "USD" else None
        if currency not in (None, "USD") and amount is not None:
            no_rate += len(known)
        table.add({"year": year, "direction": way, "kind": kind, "currency": currency, "flows": len(flows),
                   "amount": amount, "unknown_amounts": len(flows) - len(known), "amount_usd": usd},
                  [rid for rid, _ in flows])
    unknown = sum(r["unknown_amounts"] for r in table.rows)
    if unknown:
        table.note(N_("{count} flows have no known amount: they are counted, not summed (never as 0)"),
                   count=unknown)
    if no_rate:
        table.note(N_("{count} amounts are in currencies with no dated USD rate in sursur: shown in their "
                      "currency, not converted"), count=no_rate)
    if undated:
        table.note(N_("{count} flows have no year and are outside any period asked for"), count=undated)
    if not table.rows:
        table.note(N_("no flows in this scope"))
    return table

"""volumes: amounts by year, direction and flow kind, in each currency; in USD where a rate is known."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...domain import Flow, Initiative
from ...domain.errors import N_
from .money import flow_usd, note_conversion
from .scope import Scope, initiative_year
from .table import Table

COLUMNS = ["year", "direction", "kind", "currency", "flows", "amount", "unknown_amounts", "amount_usd",
           "not_converted"]


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
    for i in scope.relevant_initiatives():
        for n, flow in enumerate(i.flows):
            year = flow_year(flow, i)
            if not scope.in_period(year):
                undated += year is None
                continue
            groups[(year, direction(scope, flow), flow.kind.value, flow.currency)].append((f"flow:{i.key}#{n}", flow))
    converted = not_converted = 0
    for (year, way, kind, currency), flows in sorted(groups.items(), key=lambda g: tuple(str(x) for x in g[0])):
        known = [f for _, f in flows if f.amount is not None]
        amount = sum((f.amount for f in known), Decimal(0)) if known else None
        in_usd = [flow_usd(f) for f in known]
        missing = sum(v is None for v in in_usd)
        if currency != "USD":
            converted += len(known) - missing
        not_converted += missing
        table.add({"year": year, "direction": way, "kind": kind, "currency": currency, "flows": len(flows),
                   "amount": amount, "unknown_amounts": len(flows) - len(known),
                   "amount_usd": sum(in_usd, Decimal(0)) if known and not missing else None,
                   "not_converted": missing}, [rid for rid, _ in flows])
    unknown = sum(r["unknown_amounts"] for r in table.rows)
    if unknown:
        table.note(N_("{count} flows have no known amount: they are counted, not summed (never as 0)"),
                   count=unknown)
    note_conversion(table, converted, not_converted)
    if undated:
        table.note(N_("{count} flows have no year and are outside any period asked for"), count=undated)
    if not table.rows:
        table.note(N_("no flows in this scope"))
    return table


GIVEN = ("disbursement", "in_kind_estimate")


def by_year(table: Table, kinds: tuple[str, ...] = GIVEN) -> tuple[list[int], dict[str, list[Decimal | None]]]:
    """The volumes table as the chart shows it (the article's Gráfico 1): per year, USD offered and
    received over the flows of these kinds. A year whose amounts are not all known in USD is None for that
    direction (drawn as unknown, never as a smaller bar or 0)."""
    cells: dict[tuple[int, str], Decimal | None] = {}
    for row in table.rows:
        if row["year"] is None or row["kind"] not in kinds or row["direction"] not in ("offered", "received"):
            continue
        key = (row["year"], row["direction"])
        known = row["amount_usd"] is not None and not row["unknown_amounts"]
        if key in cells and cells[key] is None:
            continue
        cells[key] = (cells.get(key) or Decimal(0)) + row["amount_usd"] if known else None
    years = sorted({year for year, _ in cells})
    return years, {way: [cells.get((y, way)) if (y, way) in cells else Decimal(0) for y in years]
                   for way in ("offered", "received")}

"""cost-sharing: who pays for an initiative, where more than one party contributes.

A contribution is a flow from a party with an amount in USD or convertible to it (money.py). What was
given counts (disbursements and in-kind estimates); an initiative with only commitments counts its
commitments, and the row says which. An initiative is cost-shared when two or more parties contribute;
each row gives its total and the share of the largest contributor, and, for one actor, that actor's
share. Flows with no amount, no rate or no giver are not contributions, and are counted in a note.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...domain import FlowKind, Initiative
from ...domain.errors import N_
from .money import flow_usd, note_conversion
from .scope import Scope
from .table import Table

COLUMNS = ["initiative", "basis", "contributors", "total_usd", "largest_share", "actor_usd", "actor_share"]
GIVEN = {FlowKind.DISBURSEMENT, FlowKind.IN_KIND_ESTIMATE}


def contributions(scope: Scope, i: Initiative) -> tuple[str | None, dict[str, Decimal], list[str], int, int]:
    """(basis, USD by contributor — the asked actor's bodies folded into it —, flow ids, converted, lost)."""
    given = [(n, f) for n, f in enumerate(i.flows) if f.kind in GIVEN]
    basis, flows = ("given", given) if given else ("committed", [(n, f) for n, f in enumerate(i.flows)
                                                                 if f.kind is FlowKind.COMMITMENT])
    by: dict[str, Decimal] = defaultdict(Decimal)
    records, converted, lost = [], 0, 0
    for n, flow in flows:
        usd = flow_usd(flow) if flow.from_actor else None
        if usd is None:
            lost += 1
            continue
        converted += flow.currency != "USD"
        giver = scope.actor if scope.mine(flow.from_actor) else flow.from_actor
        by[giver] += usd
        records.append(f"flow:{i.key}#{n}")
    return (basis if flows else None), dict(by), records, converted, lost


def cost_sharing(scope: Scope) -> Table:
    table = Table("cost-sharing", COLUMNS)
    initiatives, undated = scope.initiatives()
    with_flows = converted = lost = 0
    for i in initiatives:
        if not i.flows:
            continue
        with_flows += 1
        basis, by, records, c, l = contributions(scope, i)
        converted, lost = converted + c, lost + l
        total = sum(by.values(), Decimal(0))
        if len(by) < 2 or not total:
            continue
        mine = by.get(scope.actor) if scope.actor else None
        table.add({"initiative": i.key, "basis": basis, "contributors": len(by), "total_usd": total,
                   "largest_share": round(float(max(by.values()) / total), 4),
                   "actor_usd": mine, "actor_share": None if mine is None else round(float(mine / total), 4)},
                  [f"initiative:{i.key}", *records])
    if with_flows:
        table.note(N_("{shared} of {with_flows} initiatives with flows have two or more contributors with a "
                      "known amount; those are the rows"), shared=len(table.rows), with_flows=with_flows)
    if lost:
        table.note(N_("{count} flows are not counted as contributions: no amount, no giver, or no USD rate"),
                   count=lost)
    note_conversion(table, converted, 0)
    table.note_scope(undated)
    if not with_flows:
        table.note(N_("cost-sharing cannot be computed here: no initiative in this scope records its flows"))
    return table

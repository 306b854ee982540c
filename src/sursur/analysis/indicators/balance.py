"""balance: B = (O − R) / (O + R) per actor, by count of initiatives and by value in USD.

O counts the initiatives an actor offers in (offerer, first or second offerer, funder, or both), R those
it receives in (receiver, or both). B runs from −1 (only receives) to +1 (only offers); no O and no R
is unknown, not 0.
"""

from __future__ import annotations

from decimal import Decimal

from ...domain import Role
from ...domain.errors import N_
from .scope import Scope
from .table import Table

OFFERING = {Role.OFFERER, Role.FIRST_OFFERER, Role.SECOND_OFFERER, Role.FUNDER, Role.BOTH}
RECEIVING = {Role.RECEIVER, Role.BOTH}
COLUMNS = ["actor", "offered", "received", "balance", "offered_usd", "received_usd", "balance_usd"]


def ratio(offered, received):
    total = offered + received
    return None if not total else (offered - received) / total


def balance(scope: Scope) -> Table:
    table = Table("balance", COLUMNS)
    initiatives, undated = scope.initiatives()
    actors = [scope.actor] if scope.actor else sorted({p.actor for i in initiatives for p in i.participants
                                                      if p.actor})
    for key in actors:
        mine = (lambda k, key=key: scope.mine(k)) if scope.actor else (lambda k, key=key: k == key)
        offered, received, records = set(), set(), []
        usd = {"offered": Decimal(0), "received": Decimal(0)}
        valued = False
        for i in initiatives:
            roles = {p.role for p in i.participants if mine(p.actor)}
            if roles & OFFERING:
                offered.add(i.key)
            if roles & RECEIVING:
                received.add(i.key)
            if roles & (OFFERING | RECEIVING):
                records.append(f"initiative:{i.key}")
            for n, flow in enumerate(i.flows):
                side = "offered" if mine(flow.from_actor) else "received" if mine(flow.to_actor) else None
                if side and flow.currency == "USD" and flow.amount is not None:
                    usd[side] += flow.amount
                    valued = True
                    records.append(f"flow:{i.key}#{n}")
        if not records:
            continue
        o, r = len(offered), len(received)
        table.add({"actor": key, "offered": o, "received": r, "balance": _round(ratio(o, r)),
                   "offered_usd": usd["offered"] if valued else None,
                   "received_usd": usd["received"] if valued else None,
                   "balance_usd": _round(ratio(usd["offered"], usd["received"])) if valued else None}, records)
    table.note(N_("B = (O − R) / (O + R): +1 only offers, −1 only receives; by value only over flows in USD"))
    if undated:
        table.note(N_("{count} initiatives have no year and are outside the period asked for"), count=undated)
    return table


def _round(value):
    return None if value is None else round(float(value), 4)

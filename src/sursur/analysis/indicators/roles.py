"""dual-role: actors that both offer and receive cooperation, and since when (the article's 'doble rol'
of Medellín: a receiver that became an offerer).

Offering and receiving are counted as in balance.py (one account per actor, shared): O the initiatives
an actor offers in, R those it receives in; an initiative where it holds the role 'both' counts in each.
"""

from __future__ import annotations

from ...domain.errors import N_
from .balance import accounts_of
from .scope import Scope
from .table import Table

COLUMNS = ["actor", "offered", "received", "both_roles", "dual", "first_offered", "first_received"]


def dual_role(scope: Scope) -> Table:
    table = Table("dual-role", COLUMNS)
    initiatives, undated = scope.initiatives()
    accounts, _, _ = accounts_of(scope, initiatives, values=False)
    rows = []
    for key, account in accounts.items():
        if not (account.offered or account.received):
            continue
        years = account.years
        rows.append(({"actor": key, "offered": len(account.offered), "received": len(account.received),
                      "both_roles": len(account.both), "dual": bool(account.offered and account.received),
                      "first_offered": min(years["offered"], default=None),
                      "first_received": min(years["received"], default=None)},
                     [r for r in account.records if r.startswith("initiative:")]))
    rows.sort(key=lambda item: (not item[0]["dual"], -(item[0]["offered"] + item[0]["received"]), item[0]["actor"]))
    for row, records in rows:
        table.add(row, records)
    if scope.actor is None and rows:
        table.note(N_("{dual} of {total} actors both offer and receive"), dual=sum(r["dual"] for r, _ in rows),
                   total=len(rows))
    table.note(N_("first_offered and first_received are the first years with a dated initiative in that role; "
                  "undated initiatives are counted but give no year"))
    if undated:
        table.note(N_("{count} initiatives have no year and are outside the period asked for"), count=undated)
    if not rows:
        table.note(N_("no initiatives with an offering or receiving role in this scope"))
    return table

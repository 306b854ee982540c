"""key-figures: an actor's headline numbers, each taken from the indicator that computes it.

Partners (partners-by-area), initiatives and agreements in scope (the scope's own rule), the share of
South–South relations under one scheme (south-south) and the offer/reception balance by count and by
value (balance). Nothing is computed twice: the home page, the API and the report show these rows.
"""

from __future__ import annotations

from ...domain.errors import N_
from ..schemes import DEFAULT_SCHEME
from .balance import balance
from .partners import partners_by_area
from .scope import NeedsActor, Scope
from .south_south import south_south
from .table import Table

COLUMNS = ["figure", "value"]


def key_figures(scope: Scope) -> Table:
    if scope.actor is None:
        raise NeedsActor(N_("key-figures is about one actor: name the actor (--actor medellin on the command line, actor=medellin in the API)"))
    table = Table("key-figures", COLUMNS)
    partners = partners_by_area(scope)
    by_partner: dict[str, set[str]] = {}
    for row, records in zip(partners.rows, partners.records):
        if row["partner"]:
            by_partner.setdefault(row["partner"], set()).update(records)
    table.add({"figure": "partners", "value": len(by_partner)}, [r for rs in by_partner.values() for r in rs])
    initiatives, _ = scope.initiatives()
    agreements, _ = scope.agreements()
    table.add({"figure": "initiatives", "value": len(initiatives)}, [f"initiative:{i.key}" for i in initiatives])
    table.add({"figure": "agreements", "value": len(agreements)}, [f"agreement:{g.key}" for g in agreements])
    scheme = scope.scheme or DEFAULT_SCHEME
    shares = south_south(Scope(scope.data, scope.actor, scope.start, scope.end, scheme))
    south = [(row, records) for row, records in zip(shares.rows, shares.records) if row["class"] == "south_south"]
    total = sum(row["relations"] for row in shares.rows)
    if south:
        table.add({"figure": "south_south_share", "value": south[0][0]["share"]}, south[0][1])
    else:  # no South–South relation: 0 of a known total; with no relations at all, unknown
        table.add({"figure": "south_south_share", "value": 0.0 if total else None}, [])
    table.note(N_("South–South share under the scheme {scheme}"), scheme=scheme)
    accounts = balance(scope)
    row = next((r for r in accounts.rows if r["actor"] == scope.actor), None)
    records = accounts.records[accounts.rows.index(row)] if row else []
    table.add({"figure": "balance", "value": row["balance"] if row else None}, records)
    table.add({"figure": "balance_usd", "value": row["balance_usd"] if row else None}, records)
    for note in partners.notes + accounts.notes:
        if note not in table.notes:
            table.notes.append(note)
    return table

"""south-south: the share of relations in each class (South–South, North–South, triangular…) under each
classification scheme, or under the one asked for.

Each relation (agreement or initiative in scope) is classified by analysis/classification.py under the
scheme; a person's override, where there is one, is what is counted (the table says how many). Shares
are of all the relations, unknown included: a relation with a party whose country is not recorded is
'unknown', never dropped.
"""

from __future__ import annotations

from collections import defaultdict

from ...domain.classification import RelationClass
from ...domain.errors import N_
from ...reference.countries import lists
from ..classification import Classifier, override_for
from ..schemes import SCHEMES, scheme as get_scheme
from .scope import Scope
from .table import Table

COLUMNS = ["scheme", "class", "relations", "share", "agreements", "initiatives", "decentralized", "overridden"]


def south_south(scope: Scope) -> Table:
    table = Table("south-south", COLUMNS)
    initiatives, undated_i = scope.initiatives()
    agreements, undated_g = scope.agreements()
    names = [scope.scheme] if scope.scheme else list(SCHEMES)
    infos = lists()
    by_record = defaultdict(list)
    for o in scope.data.overrides:
        by_record[(o.record_type, o.record_key)].append(o)
    for name in names:
        scheme = get_scheme(name)
        cells: dict[RelationClass, dict] = {}
        total = 0
        for record_type, key, value, local in Classifier(scope.data.actors, scheme).classes(agreements, initiatives):
            chosen = override_for(by_record[(record_type, key)], name) if by_record else None
            shown = chosen.value if chosen else value
            cell = cells.get(shown)
            if cell is None:
                cell = cells[shown] = {"records": [], "agreement": 0, "initiative": 0, "local": 0, "overridden": 0}
            cell["records"].append(f"{record_type}:{key}")
            cell[record_type] += 1
            cell["local"] += local is True
            cell["overridden"] += chosen is not None
            total += 1
        for value in RelationClass:  # the order tables show them in
            cell = cells.get(value)
            if cell is None:
                continue
            n = len(cell["records"])
            table.add({"scheme": name, "class": value.value, "relations": n, "share": round(n / total, 4),
                       "agreements": cell["agreement"], "initiatives": cell["initiative"],
                       "decentralized": cell["local"], "overridden": cell["overridden"]}, cell["records"])
        table.note(N_("{scheme}: the lists it reads: {lists}"), scheme=name,
                   lists="; ".join(f"{infos[k].key} ({infos[k].vintage})" for k in scheme.lists if k in infos))
    table.note(N_("shares are of all the relations in scope, unknown included; where a person overrode a "
                  "class, the override is counted (column 'overridden'); `sursur classify` shows the rule "
                  "that decided each relation"))
    table.note_scope(undated_i, undated_g, empty=not (initiatives or agreements))
    return table

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
from ..classification import Classifier, tally, with_override
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
    for name in names:
        scheme = get_scheme(name)
        classifier = Classifier(scope.data.actors, scheme)
        results = [classifier.agreement(g) for g in agreements] + [classifier.initiative(i) for i in initiatives]
        results = [with_override(r, scope.data.overrides) for r in results]
        counted = tally(results)
        by_class = defaultdict(list)
        for r in results:
            by_class[r.shown].append(r)
        for value in RelationClass:
            chosen = by_class.get(value)
            if not chosen:
                continue
            table.add({"scheme": name, "class": value.value, "relations": counted.counts[value],
                       "share": round(counted.share(value), 4),
                       "agreements": sum(r.record_type == "agreement" for r in chosen),
                       "initiatives": sum(r.record_type == "initiative" for r in chosen),
                       "decentralized": sum(r.decentralized is True for r in chosen),
                       "overridden": sum(r.override is not None for r in chosen)},
                      [f"{r.record_type}:{r.key}" for r in chosen])
        table.note(N_("{scheme}: the lists it reads: {lists}"), scheme=name,
                   lists="; ".join(f"{infos[k].key} ({infos[k].vintage})" for k in scheme.lists if k in infos))
    table.note(N_("shares are of all the relations in scope, unknown included; where a person overrode a "
                  "class, the override is counted (column 'overridden'); `sursur classify` shows the rule "
                  "that decided each relation"))
    if undated_i or undated_g:
        table.note(N_("{initiatives} initiatives and {agreements} agreements have no year and are outside the "
                      "period asked for"), initiatives=undated_i, agreements=undated_g)
    if not (initiatives or agreements):
        table.note(N_("no initiatives or agreements in this scope"))
    return table

"""comembership: pairs of actors that share city networks; the weight is how many networks they share.

Two cities in the same networks meet in the same assemblies and thematic units: a tie that agreements
and initiatives do not show. Own bodies count as their actor, as in the relation graph. With a period, a
membership counts when it overlaps it (joined by its last year, not left before its first); a membership
with no joining date (a founding member counts from the founding) is then left out and counted in a note.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ...domain.errors import N_
from ..indicators.scope import Scope, UnknownActor
from ..indicators.table import Table
from .fold import Folding
from .networks import joined_year

COLUMNS = ["actor", "partner", "shared", "networks"]


def comembership(scope: Scope, fold: bool = True, actor: str | None = None) -> Table:
    data = scope.data
    if actor is not None and actor not in data.actors:
        raise UnknownActor(actor, data.actors)
    folding = Folding(data.actors, fold)
    table = Table("comembership", COLUMNS)
    members: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # network → node → ids
    undated = 0
    networks = {n.key: n for n in data.networks}
    for m in data.memberships:
        if scope.dated:
            joined = joined_year(m, networks.get(m.network))
            if joined is None:
                undated += 1
                continue
            if (scope.end is not None and joined > scope.end) or \
                    (scope.start is not None and m.left is not None and m.left.year < scope.start):
                continue
        members[m.network][folding(m.actor)].append(f"membership:{m.actor}@{m.network}")
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for network in sorted(members):
        for pair in combinations(sorted(members[network]), 2):
            pairs[pair].append(network)
    wanted = folding(actor) if actor else None
    if wanted and wanted != actor:
        table.note(N_("{actor} is one of {node}'s own bodies: these are {node}'s shared networks"), actor=actor,
                   node=wanted)
    for (a, b), networks in sorted(pairs.items(), key=lambda p: (-len(p[1]), p[0])):
        if wanted and wanted not in (a, b):
            continue
        if wanted == b:
            a, b = b, a
        records = [r for n in networks for r in members[n][a] + members[n][b]]
        table.add({"actor": a, "partner": b, "shared": len(networks), "networks": networks}, records)
    if undated:
        table.note(N_("{count} memberships have no joining date and are outside the period asked for"),
                   count=undated)
    if not table.rows:
        table.note(N_("no two actors share a network in this scope"))
    return table

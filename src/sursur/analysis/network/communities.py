"""communities: groups of actors more tied among themselves than to the rest (Louvain).

Louvain (networkx's `louvain_communities`, resolution 1, weighted by the number of relations) with a fixed
seed, so the same data always gives the same communities. Modularity Q = Σ_c [L_c / m − γ (d_c / 2m)²]
(L_c: weight inside community c; d_c: total weighted degree of its members; m: total weight; γ = 1) says
how much more tied the communities are inside than chance would tie them: above about 0.3 is usually
read as a clear structure. An actor with no tie is a community of its own. Communities are numbered by
size, largest first.
"""

from __future__ import annotations

import networkx as nx

from ...domain.errors import N_
from ..indicators.table import Table
from .graph import Relations

SEED = 1995  # any fixed number; this one is the year Mercociudades was founded
COLUMNS = ["community", "size", "ties", "members"]


def partition(graph: nx.Graph) -> tuple[list[list[str]], float | None]:
    """(the communities, each a sorted list of keys, largest first; the modularity, None with no ties)."""
    if not graph.number_of_edges():
        return [[key] for key in sorted(graph.nodes)], None
    found = nx.community.louvain_communities(graph, weight="weight", resolution=1, seed=SEED)
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return groups, round(nx.community.modularity(graph, found, weight="weight"), 4)


def communities(rel: Relations) -> Table:
    table = rel.table("communities", COLUMNS)
    if not rel.graph.number_of_edges():
        table.note(N_("with no ties there are no communities to find"))
        return table
    groups, modularity = partition(rel.graph)
    for number, members in enumerate(groups, 1):
        inside = rel.graph.subgraph(members)
        table.add({"community": number, "size": len(members), "ties": inside.number_of_edges(),
                   "members": members}, [r for key in members for r in rel.records[key]])
    table.note(N_("Louvain communities (seed {seed}); modularity Q = {modularity} (above about 0.3 reads as a "
                  "clear structure)"), seed=SEED, modularity=modularity)
    return table

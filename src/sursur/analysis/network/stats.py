"""stats: the relation graph in a few figures.

nodes N and ties E of the relation graph; density = 2E / (N (N − 1)) (the share of possible ties that
exist, unknown for N < 2); connected components; the offer graph's actors and arcs with its reciprocity r
and Garlaschelli–Loffredo ρ (see reciprocity.py); the number of Louvain communities and their modularity
(see communities.py).
"""

from __future__ import annotations

import networkx as nx

from ...domain.errors import N_
from ..indicators.table import Table
from .communities import partition
from .graph import Relations
from .reciprocity import measure

COLUMNS = ["measure", "value"]


def stats(rel: Relations) -> Table:
    table = rel.table("stats", COLUMNS)
    graph = rel.graph
    n = graph.number_of_nodes()
    if not n:
        return table
    everything = rel.all_records()
    arcs = sorted({r for _, _, recs in rel.offers.edges(data="records") for r in recs})
    reciprocity = measure(rel.offers)
    groups, modularity = partition(graph) if graph.number_of_edges() else (None, None)
    rows = [
        ("nodes", n, everything), ("ties", graph.number_of_edges(), everything),
        ("density", round(nx.density(graph), 4) if n > 1 else None, everything),
        ("components", nx.number_connected_components(graph), everything),
        ("offer_actors", reciprocity.actors, arcs), ("offer_arcs", reciprocity.arcs, arcs),
        ("reciprocity", reciprocity.r, arcs), ("expected_reciprocity", reciprocity.density, arcs),
        ("reciprocity_rho", reciprocity.rho, arcs),
        ("communities", len(groups) if groups is not None else None, everything),
        ("modularity", modularity, everything),
    ]
    for measure_, value, records in rows:
        table.add({"measure": measure_, "value": value}, records)
    table.note(N_("density = 2E / (N (N − 1)); reciprocity r = L↔ / L over the offer arcs; ā = L / (N (N − 1)); "
                  "ρ = (r − ā) / (1 − ā); communities by Louvain"))
    return table

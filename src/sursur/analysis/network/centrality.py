"""centrality: degree, betweenness and eigenvector centrality of each actor in the relation graph.

- degree: the actor's neighbours; degree centrality = degree / (N − 1), unknown when N = 1.
- relations: the agreements and initiatives the actor takes part in (its records).
- betweenness: the share of shortest paths between two other actors that pass through the actor,
  counted in steps (the weights are counts of relations, not distances), normalised by
  (N − 1)(N − 2) / 2; 0 when no path passes through it. Exact up to EXACT_UP_TO actors (its cost grows
  as N × ties: about 10 s for 2 000 actors); above, estimated from SAMPLE shortest-path sources drawn with
  a fixed seed (Brandes and Pich's sampling, networkx's `k`), and a note says so.
- eigenvector: the leading eigenvector of the weighted adjacency matrix, scaled to length 1: an actor is
  central when its partners are. It is defined on a connected graph only: on a disconnected one it is
  computed on the largest component and left unknown elsewhere; when the iteration does not converge,
  or the graph has no tie, it is unknown for everyone.
"""

from __future__ import annotations

import networkx as nx

from ...domain.errors import N_
from ..indicators.table import Table
from .graph import Relations

EXACT_UP_TO = 2000
SAMPLE = 100
SEED = 1995
COLUMNS = ["actor", "degree", "relations", "degree_centrality", "betweenness", "eigenvector"]


def centrality(rel: Relations, exact_up_to: int = EXACT_UP_TO, sample: int = SAMPLE) -> Table:
    graph = rel.graph
    table = rel.table("centrality", COLUMNS)
    n = graph.number_of_nodes()
    if not n:
        return table
    if n <= exact_up_to:
        betweenness = nx.betweenness_centrality(graph, normalized=True)
    else:
        k = min(sample, n)
        betweenness = nx.betweenness_centrality(graph, k=k, normalized=True, seed=SEED)
        table.note(N_("betweenness is estimated from {k} of the {n} actors as path sources (seed {seed}): "
                      "exact only up to {limit} actors"), k=k, n=n, seed=SEED, limit=exact_up_to)
    eigen = eigenvector(graph, table)
    rows = []
    for key in graph.nodes:
        degree = graph.degree(key)
        rows.append({"actor": key, "degree": degree, "relations": len(rel.records[key]),
                     "degree_centrality": _round(degree / (n - 1)) if n > 1 else None,
                     "betweenness": _round(betweenness[key]), "eigenvector": _round(eigen.get(key))})
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["actor"]))
    for row in rows:
        table.add(row, rel.records[row["actor"]])
    table.note(N_("degree centrality = neighbours / (N − 1); betweenness counts steps, normalised by "
                  "(N − 1)(N − 2) / 2; eigenvector is weighted by the number of relations, scaled to length 1"))
    return table


def eigenvector(graph: nx.Graph, table) -> dict[str, float]:
    """The eigenvector centrality where it is defined; {} (and a note in `table`) where it is not."""
    if not graph.number_of_edges():
        table.note(N_("eigenvector centrality is undefined on a graph with no ties"))
        return {}
    components = sorted((c for c in nx.connected_components(graph)), key=len, reverse=True)
    if len(components) > 1 and len(components[0]) == len(components[1]):
        table.note(N_("eigenvector centrality is undefined: the graph has {count} components and several of "
                      "the largest size"), count=len(components))
        return {}
    core = graph.subgraph(components[0])
    try:
        values = nx.eigenvector_centrality(core, max_iter=1000, weight="weight")
    except nx.PowerIterationFailedConvergence:
        table.note(N_("eigenvector centrality did not converge and is left unknown"))
        return {}
    if len(components) > 1:
        table.note(N_("the graph has {count} components: eigenvector centrality is computed on the largest "
                      "({size} of {total} actors) and unknown for the others"), count=len(components),
                   size=core.number_of_nodes(), total=graph.number_of_nodes())
    return values


def _round(value):
    return None if value is None else round(float(value), 4)

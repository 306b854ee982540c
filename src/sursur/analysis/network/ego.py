"""ego: an actor's ego network: its partners (neighbours) and the ties among them.

Rows: first the actor's own ties, then the ties between two of its partners. The share of possible ties
among its k partners that exist, T / (k (k − 1) / 2), is its clustering coefficient: near 1, its partners
also work with each other; near 0, it is their only link.
"""

from __future__ import annotations

from ...domain.errors import N_
from ..indicators.scope import UnknownActor
from ..indicators.table import Table
from .graph import Relations

COLUMNS = ["actor", "partner", "relations", "agreements", "initiatives"]


def ego(rel: Relations, actor: str) -> Table:
    if actor not in rel.folding.actors:
        raise UnknownActor(actor, rel.folding.actors)
    table = rel.table("ego", COLUMNS)
    node = rel.folding(actor)
    if node != actor:
        table.note(N_("{actor} is one of {node}'s own bodies: this is {node}'s ego network"), actor=actor, node=node)
    if node not in rel.graph:
        table.note(N_("{actor} takes part in no agreement or initiative in this scope"), actor=node)
        return table
    graph = rel.graph
    partners = sorted(graph[node], key=lambda p: (-graph[node][p]["weight"], p))
    among = sorted((a, b) if a < b else (b, a) for a, b in graph.subgraph(partners).edges)
    for a, b in [(node, p) for p in partners] + among:
        data = graph[a][b]
        table.add({"actor": a, "partner": b, "relations": data["weight"], "agreements": data["agreements"],
                   "initiatives": data["initiatives"]}, data["records"])
    k = len(partners)
    table.note(N_("{actor}: {partners} partners and {ties} ties among them (clustering {clustering})"),
               actor=node, partners=k, ties=len(among),
               clustering=round(len(among) / (k * (k - 1) / 2), 4) if k > 1 else "?")
    return table

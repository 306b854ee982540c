"""The relation graph for Gephi and network analysis: actors as nodes, agreements and initiatives as edges."""

from __future__ import annotations

import networkx as nx

from .output import output_file


def relation_graph(actors, results, relations_by_key) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for actor in actors:
        graph.add_node(actor.key, label=actor.name, kind=actor.kind.value, country=actor.country or "")
    for result in results:
        parties = relations_by_key[(result.record_type, result.key)]
        for index, a in enumerate(parties):
            for b in parties[index + 1:]:
                graph.add_edge(a, b, key=f"{result.record_type}:{result.key}", record=result.record_type,
                               relation=result.key, scheme=result.scheme, relation_class=result.value.value,
                               decentralized="" if result.decentralized is None else str(result.decentralized).lower())
    return graph


def write_graph(graph: nx.MultiGraph, target, fmt: str) -> None:
    with output_file(target) as partial:
        if fmt == "graphml":
            nx.write_graphml(graph, partial)
        else:
            nx.write_gexf(graph, partial)

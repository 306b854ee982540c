"""The relation graph and the directed offer graph, built once from a Scope.

Relation graph (undirected): actors as nodes; an agreement joins its parties and an initiative joins its
participants pairwise (a clique: every two actors of the same initiative are tied, whatever their roles).
A tie's weight is the number of relations (agreements and initiatives) behind it, and it keeps their
record ids. A node is an actor that takes part in at least one relation in scope, so an actor whose only
relation names no other actor is a node with no tie.

Offer graph (directed): an arc offerer → receiver for each offering and each receiving participant of an
initiative (the roles of `balance`: offerer, first or second offerer, funder and 'both' offer; receiver
and 'both' receive), and an arc from_actor → to_actor for each flow that names both ends.

Described parties ("ciudades chilenas de Mercociudades") name no actor and are no node.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from ...domain.errors import N_
from ..indicators.balance import OFFERING, RECEIVING
from ..indicators.scope import Scope
from ..indicators.table import Note, Table
from .fold import Folding


@dataclass
class Relations:
    graph: nx.Graph  # edge data: weight, records, agreements, initiatives
    offers: nx.DiGraph  # edge data: records
    records: dict[str, list[str]]  # node → the relations it takes part in
    folding: Folding
    notes: list[Note] = field(default_factory=list)

    def table(self, name: str, columns: list[str]) -> Table:
        """A table for a measure on this graph, carrying what the reader must know about the graph."""
        table = Table(name, columns)
        table.notes.extend(self.notes)
        return table

    def all_records(self) -> list[str]:
        return sorted({r for recs in self.records.values() for r in recs})


def relations(scope: Scope, fold: bool = True) -> Relations:
    folding = Folding(scope.data.actors, fold)
    initiatives, undated_i = scope.initiatives()
    agreements, undated_g = scope.agreements()
    node_records: dict[str, set[str]] = defaultdict(set)
    ties: dict[tuple[str, str], set[str]] = defaultdict(set)
    arcs: dict[tuple[str, str], set[str]] = defaultdict(set)
    lonely, described = 0, 0

    def join(record: str, keys: set[str]) -> None:
        nonlocal lonely
        for key in keys:
            node_records[key].add(record)
        for pair in combinations(sorted(keys), 2):
            ties[pair].add(record)
        lonely += len(keys) < 2

    for g in agreements:
        join(f"agreement:{g.key}", {folding(p) for p in g.parties if p})
    for i in initiatives:
        record = f"initiative:{i.key}"
        join(record, {folding(p.actor) for p in i.participants if p.actor})
        described += sum(1 for p in i.participants if not p.actor)
        offerers = {folding(p.actor) for p in i.participants if p.actor and p.role in OFFERING}
        receivers = {folding(p.actor) for p in i.participants if p.actor and p.role in RECEIVING}
        for arc in ((o, r) for o in offerers for r in receivers if o != r):
            arcs[arc].add(record)
        for n, flow in enumerate(i.flows):
            if flow.from_actor and flow.to_actor and folding(flow.from_actor) != folding(flow.to_actor):
                arcs[(folding(flow.from_actor), folding(flow.to_actor))].add(f"flow:{i.key}#{n}")

    # Sorted insertion: the same data always gives the same graph, and Louvain the same communities.
    graph = nx.Graph()
    graph.add_nodes_from(sorted(node_records))
    for (a, b), recs in sorted(ties.items()):
        graph.add_edge(a, b, weight=len(recs), records=sorted(recs),
                       agreements=sum(r.startswith("agreement:") for r in recs),
                       initiatives=sum(r.startswith("initiative:") for r in recs))
    offers = nx.DiGraph()
    offers.add_nodes_from(sorted({k for arc in arcs for k in arc}))
    for (a, b), recs in sorted(arcs.items()):
        offers.add_edge(a, b, records=sorted(recs))

    result = Relations(graph, offers, {k: sorted(v) for k, v in node_records.items()}, folding)
    _notes(result, undated_i, undated_g, lonely, described)
    return result


def _notes(rel: Relations, undated_i: int, undated_g: int, lonely: int, described: int) -> None:
    def note(msgid, **params):
        rel.notes.append(Note(msgid, params))

    folded = {body: node for body, node in rel.folding.folded().items() if node in rel.records}
    if folded:
        shown = [f"{body} → {node}" for body, node in list(folded.items())[:10]]
        note(N_("own bodies are counted as the actor they belong to ({folded}); --bodies keeps them apart"),
             folded=", ".join(shown) + (f", … (+{len(folded) - 10})" if len(folded) > 10 else ""))
    if lonely:
        note(N_("{count} relations name fewer than two distinct actors and make no tie"), count=lonely)
    if described:
        note(N_("{count} participants are described parties with no actor and are not in the graph"),
             count=described)
    if undated_i or undated_g:
        note(N_("{initiatives} initiatives and {agreements} agreements have no year and are outside the "
                "period asked for"), initiatives=undated_i, agreements=undated_g)
    if not rel.graph.number_of_edges():
        note(N_("no agreement or initiative in this scope ties two actors: the graph has no ties"))

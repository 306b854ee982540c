"""reciprocity: whether those who offer to an actor also receive from it (the directed offer graph).

Plain reciprocity r = L↔ / L: of the L arcs offerer → receiver, the share whose reverse arc also exists.
It grows with density alone, so it is compared with the reciprocity a random graph of the same density
would have, ā = L / (N (N − 1)) (N: actors in the offer graph), as Garlaschelli and Loffredo (2004) do:

    ρ = (r − ā) / (1 − ā)

ρ > 0: more mutual than chance (partners offer to each other); ρ ≈ 0: as chance; ρ < 0: less than chance
(some only offer, others only receive). r is unknown with no arc; ρ also when ā = 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ...domain.errors import N_
from ..indicators.table import Table
from .graph import Relations

COLUMNS = ["offerer", "receiver", "reciprocated", "relations"]


@dataclass
class Reciprocity:
    actors: int  # N
    arcs: int  # L
    reciprocated: int  # L↔
    r: float | None
    density: float | None  # ā
    rho: float | None


def measure(offers: nx.DiGraph) -> Reciprocity:
    n, arcs = offers.number_of_nodes(), offers.number_of_edges()
    mutual = sum(1 for a, b in offers.edges if offers.has_edge(b, a))
    r = mutual / arcs if arcs else None
    density = arcs / (n * (n - 1)) if n > 1 else None
    rho = (r - density) / (1 - density) if r is not None and density is not None and density < 1 else None
    return Reciprocity(n, arcs, mutual, _round(r), _round(density), _round(rho))


def reciprocity(rel: Relations) -> Table:
    table = rel.table("reciprocity", COLUMNS)
    offers = rel.offers
    for a, b, data in sorted(offers.edges(data=True), key=lambda e: (not offers.has_edge(e[1], e[0]), e[0], e[1])):
        table.add({"offerer": a, "receiver": b, "reciprocated": offers.has_edge(b, a),
                   "relations": len(data["records"])}, data["records"])
    result = measure(offers)
    if not result.arcs:
        table.note(N_("no initiative or flow in this scope says who offers to whom: reciprocity is unknown"))
        return table
    table.note(N_("r = L↔ / L = {mutual} / {arcs} = {r}; ā = L / (N (N − 1)) with N = {actors} = {density}; "
                  "ρ = (r − ā) / (1 − ā) = {rho} (above 0: more mutual than chance)"),
               mutual=result.reciprocated, arcs=result.arcs, r=result.r, actors=result.actors,
               density=result.density, rho="?" if result.rho is None else result.rho)
    return table


def _round(value):
    return None if value is None else round(float(value), 4)

"""Network analytics: the relation graph of actors (agreements and initiatives as ties), the directed offer
graph, and city networks' members over time. Each measure returns a `Table` whose rows carry the records
behind them, like the indicators; docs/NETWORK.md says how each is computed and read.

    rel = relations(Scope(snapshot, start=2010), fold=True)
    centrality(rel), communities(rel), reciprocity(rel), stats(rel), ego(rel, "medellin")
    growth(snapshot, "mercociudades"), comembership(Scope(snapshot))
"""

from __future__ import annotations

from ...domain.errors import N_
from .centrality import centrality
from .comembership import comembership
from .communities import SEED, communities, partition
from .ego import ego
from .fold import Folding
from .graph import Relations, relations
from .growth import growth
from .networks import UnknownNetwork, find_network
from .reciprocity import Reciprocity, measure as measure_reciprocity, reciprocity
from .stats import stats

# The measures on the relation graph, by name, with their one-line description (a msgid).
GRAPH_MEASURES = {
    "stats": (stats, N_("nodes, ties, density, components, reciprocity r and ρ, communities, modularity")),
    "centrality": (centrality, N_("degree, betweenness and eigenvector centrality of each actor")),
    "communities": (communities, N_("groups of actors more tied among themselves (Louvain, fixed seed)")),
    "reciprocity": (reciprocity, N_("who offers to whom, and whether it is returned (r and ρ)")),
}

__all__ = ["GRAPH_MEASURES", "SEED", "Folding", "Reciprocity", "Relations", "UnknownNetwork", "centrality",
           "comembership", "communities", "ego", "find_network", "growth", "measure_reciprocity", "partition",
           "reciprocity", "relations", "stats"]

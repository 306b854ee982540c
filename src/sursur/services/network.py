"""Running a network measure: the records read once (the same snapshot as the indicators), a Table back."""

from __future__ import annotations

from ..analysis.indicators import Scope, Table
from ..analysis.network import GRAPH_MEASURES, comembership, ego, growth, relations
from ..store import Store
from .indicators import snapshot


def run_graph_measure(store: Store, name: str, start: int | None = None, end: int | None = None,
                      fold: bool = True) -> Table:
    """stats, centrality, communities or reciprocity of the relation graph in a period."""
    compute = GRAPH_MEASURES[name][0]
    return compute(relations(Scope(snapshot(store), None, start, end), fold))


def run_ego(store: Store, actor: str, start: int | None = None, end: int | None = None,
            fold: bool = True) -> Table:
    data = snapshot(store)
    return ego(relations(Scope(data, None, start, end), fold), actor)


def run_growth(store: Store, network: str, start: int | None = None, end: int | None = None) -> Table:
    return growth(snapshot(store), network, start, end)


def run_comembership(store: Store, start: int | None = None, end: int | None = None, fold: bool = True,
                     actor: str | None = None) -> Table:
    return comembership(Scope(snapshot(store), None, start, end), fold, actor)

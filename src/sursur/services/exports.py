"""Exports: spreadsheets in the import's own columns, GeoJSON and the relation graph."""

from __future__ import annotations

import json
from pathlib import Path

from ..domain.errors import N_
from ..interchange.geo import feature_collection
from ..interchange.graph import relation_graph, write_graph
from ..interchange.problems import refuse
from ..interchange.tables import KINDS, write_table
from ..interchange.tables.export import rows_for
from ..store import Store
from .classification import classify


def export_table(store: Store, kind: str, target: Path) -> int:
    if kind not in KINDS:
        raise refuse(target.name, N_("'{kind}' is not a kind of table; use one of: {choices}"), kind=kind,
                     choices=", ".join(KINDS))
    with store.reading() as repo:
        keys, rows = rows_for(kind, repo.dataset())
    write_table(target, keys, rows)
    return len(rows)


def _relations(store: Store, scheme: str | None):
    with store.reading() as repo:
        actors = repo.actors()
        parties = {("agreement", g.key): g.parties for g in repo.agreements()}
        parties |= {("initiative", i.key): i.actor_keys() for i in repo.initiatives()}
    return actors, classify(store, scheme), parties


def export_geojson(store: Store, target: Path, scheme: str | None = None) -> int:
    collection = feature_collection(*_relations(store, scheme))
    target.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return len(collection["features"])


def export_graph(store: Store, target: Path, fmt: str, scheme: str | None = None) -> tuple[int, int]:
    graph = relation_graph(*_relations(store, scheme))
    write_graph(graph, target, fmt)
    return graph.number_of_nodes(), graph.number_of_edges()

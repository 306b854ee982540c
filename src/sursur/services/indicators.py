"""Running an indicator: the records read once, the scope checked, the table returned."""

from __future__ import annotations

from ..analysis.indicators import Scope, Snapshot, Table, indicator
from ..store import Store


def snapshot(store: Store) -> Snapshot:
    with store.reading() as repo:
        return Snapshot({a.key: a for a in repo.actors()}, repo.agreements(), repo.initiatives(),
                        repo.networks(), repo.memberships())


def run_indicator(store: Store, name: str, actor: str | None = None, start: int | None = None,
                  end: int | None = None) -> Table:
    compute = indicator(name)  # an unknown name is refused before anything is read
    return compute(Scope(snapshot(store), actor, start, end))

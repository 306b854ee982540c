"""Running an indicator: the records read once, the scope checked, the table returned."""

from __future__ import annotations

from ..analysis.indicators import USES_SCHEME, Scope, Snapshot, Table, indicator
from ..domain.errors import N_
from ..store import Store
from .classification import read_overrides


def snapshot(store: Store) -> Snapshot:
    with store.reading() as repo:
        return Snapshot({a.key: a for a in repo.actors()}, repo.agreements(), repo.initiatives(),
                        repo.networks(), repo.memberships(), read_overrides(repo.conn))


def run_indicator(store: Store, name: str, actor: str | None = None, start: int | None = None,
                  end: int | None = None, scheme: str | None = None) -> Table:
    compute = indicator(name)  # an unknown name is refused before anything is read
    table = compute(Scope(snapshot(store), actor, start, end, scheme))
    if scheme is not None and name not in USES_SCHEME:
        table.note(N_("--scheme changes only these indicators: {names}"), names=", ".join(sorted(USES_SCHEME)))
    return table

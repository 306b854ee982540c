"""Running an indicator: the records read once, the scope checked, the table returned."""

from __future__ import annotations

from ..analysis.indicators import USES_SCHEME, Scope, Snapshot, Table, UnknownActor, indicator
from ..domain.errors import N_
from ..store import Store
from ..store.rows import many_objects
from .classification import read_overrides


def snapshot(store: Store, actor: str | None = None) -> Snapshot:
    """Everything indicators read; with `actor`, only what its indicators need: its relations (its own
    bodies' included), the actors they name and those actors' parents (no indicator reads networks)."""
    with store.reading() as repo, many_objects():
        if actor is None:
            return Snapshot({a.key: a for a in repo.actors()}, repo.agreements(), repo.initiatives(),
                            repo.networks(), repo.memberships(), read_overrides(repo.conn))
        family = repo.family(actor)
        if not family:
            raise UnknownActor(actor, dict.fromkeys(repo.actor_keys()))
        agreements, initiatives = repo.relations_of(family)
        named = set(family) | {p for g in agreements for p in g.parties}
        for i in initiatives:
            named |= {p.actor for p in i.participants if p.actor}
            named |= {k for f in i.flows for k in (f.from_actor, f.to_actor) if k}
            if i.reporter:
                named.add(i.reporter)
        keys = {(g.key, "agreement") for g in agreements} | {(i.key, "initiative") for i in initiatives}
        overrides = [o for o in read_overrides(repo.conn) if (o.record_key, o.record_type) in keys]
        return Snapshot({a.key: a for a in repo.actors_by_key(named)}, agreements, initiatives,
                        overrides=overrides)


def run_indicator(store: Store, name: str, actor: str | None = None, start: int | None = None,
                  end: int | None = None, scheme: str | None = None) -> Table:
    compute = indicator(name)  # an unknown name is refused before anything is read
    table = compute(Scope(snapshot(store, actor), actor, start, end, scheme))
    if scheme is not None and name not in USES_SCHEME:
        table.note(N_("--scheme changes only these indicators: {names}"), names=", ".join(sorted(USES_SCHEME)))
    return table

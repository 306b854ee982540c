"""Classifying the stored relations: computed classes, the source's own, and people's overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select

from ..analysis.classification import Classifier, RelationResult, Tally, tally, with_override
from ..analysis.indicators.scope import Scope, Snapshot
from ..analysis.schemes import SCHEMES, scheme as get_scheme
from ..domain import Citation, DomainError
from ..domain.classification import Override, RelationClass
from ..domain.errors import N_
from ..store import Store
from ..store import tables as t


Records = Snapshot  # what classification reads: actors, agreements, initiatives and overrides


def read_records(store: Store) -> Snapshot:
    with store.reading() as repo:
        return Snapshot({a.key: a for a in repo.actors()}, repo.agreements(), repo.initiatives(),
                        overrides=read_overrides(repo.conn))


def read_overrides(conn) -> list[Override]:
    sources = dict(conn.execute(select(t.sources.c.id, t.sources.c.key)).all())
    rows = conn.execute(select(t.classification_overrides).order_by(t.classification_overrides.c.id))
    return [Override(r.record_type, r.record_key, r.value, r.justification,
                     Citation(sources[r.source_id], r.source_locator), r.scheme) for r in rows]


def relations_of(records: Snapshot, actor: str) -> tuple[list, list]:
    """An actor's agreements and initiatives, those of its own bodies included (ACI and EDU count for
    Medellín). An unknown actor is refused with the closest keys."""
    scope = Scope(records, actor)
    return scope.agreements()[0], scope.initiatives()[0]


def classify_records(records: Records, scheme: str | None, actor: str | None) -> list[RelationResult]:
    agreements, initiatives = (relations_of(records, actor) if actor
                               else (records.agreements, records.initiatives))
    classifier = Classifier(records.actors, get_scheme(scheme))
    results = [classifier.agreement(g) for g in agreements] + [classifier.initiative(i) for i in initiatives]
    return [with_override(r, records.overrides) for r in results]


def classify(store: Store, scheme: str | None = None, actor: str | None = None) -> list[RelationResult]:
    """Every relation (or an actor's) under a scheme, with the source's class and overrides beside it."""
    get_scheme(scheme)  # an unknown scheme is refused before anything is read
    return classify_records(read_records(store), scheme, actor)


@dataclass(frozen=True)
class Comparison:
    actor: str
    tallies: dict[str, Tally]  # scheme name → tally of the actor's relations


def compare(store: Store, actor: str) -> Comparison:
    """The actor's relations tallied under every scheme, side by side: how the answer moves with the rule."""
    records = read_records(store)
    return Comparison(actor, {name: tally(classify_records(records, name, actor)) for name in SCHEMES})


def disagreements(store: Store, scheme: str | None = None, actor: str | None = None) -> list[RelationResult]:
    """Relations where the source's own class, or a person's override, differs from the computed one."""
    return [r for r in classify(store, scheme, actor)
            if (r.stated and r.stated != r.value) or (r.override and r.override != r.value)]


def set_override(store: Store, override: Override) -> None:
    if override.scheme is not None:
        get_scheme(override.scheme)
    with store.transaction() as repo:
        table = t.agreements if override.record_type == "agreement" else t.initiatives
        if repo.conn.execute(select(table.c.id).where(table.c.key == override.record_key)).first() is None:
            raise DomainError(N_("there is no {kind} with the key '{key}'"), record="override",
                              kind=override.record_type, key=override.record_key)
        source_id = repo.conn.execute(select(t.sources.c.id).where(t.sources.c.key == override.source.source)).scalar()
        if source_id is None:
            raise DomainError(N_("cites the source '{key}', which does not exist"), record="override",
                              field="--source", key=override.source.source)
        _remove(repo.conn, override.record_type, override.record_key, override.scheme)
        repo.conn.execute(insert(t.classification_overrides).values(
            record_type=override.record_type, record_key=override.record_key, scheme=override.scheme,
            value=override.value.value, justification=override.justification, source_id=source_id,
            source_locator=override.source.locator,
            created_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))


def remove_override(store: Store, record_type: str, key: str, scheme: str | None = None) -> int:
    with store.transaction() as repo:
        return _remove(repo.conn, record_type, key, scheme)


def _remove(conn, record_type: str, key: str, scheme: str | None) -> int:
    table = t.classification_overrides
    where = (table.c.record_type == record_type) & (table.c.record_key == key)
    where &= table.c.scheme.is_(None) if scheme is None else table.c.scheme == scheme
    return conn.execute(delete(table).where(where)).rowcount


def overrides(store: Store) -> list[Override]:
    with store.reading() as repo:
        return read_overrides(repo.conn)


__all__ = ["Comparison", "RelationClass", "classify", "compare", "disagreements", "overrides", "relations_of",
           "remove_override", "set_override"]

"""Reading records for the CLI and the pages: one place, so both faces show the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Actor, Agreement, Demand, Initiative, Membership, Network, Practice, Source
from ..store import Store


@dataclass
class Overview:
    counts: dict[str, int]
    sources: list[Source]


def actors(store: Store, kind: str | None = None, country: str | None = None) -> list[Actor]:
    with store.reading() as repo:
        return repo.actors(kind=kind, country=country)


def actor_names(store: Store) -> dict[str, str]:
    """key → name, to show names where records refer to actors by key."""
    return {a.key: a.name for a in actors(store)}


def agreements(store: Store) -> list[Agreement]:
    with store.reading() as repo:
        return repo.agreements()


def initiatives(store: Store) -> list[Initiative]:
    with store.reading() as repo:
        return repo.initiatives()


def networks(store: Store) -> tuple[list[Network], list[Membership]]:
    with store.reading() as repo:
        return repo.networks(), repo.memberships()


def practices(store: Store) -> list[Practice]:
    with store.reading() as repo:
        return repo.practices()


def demands(store: Store, actor: str | None = None) -> list[Demand]:
    with store.reading() as repo:
        return repo.demands(actor)


def overview(store: Store) -> Overview:
    with store.reading() as repo:
        return Overview(counts=repo.counts(), sources=repo.sources())


def one(store: Store, record_type: str, key: str):
    """One actor, agreement or initiative by its key; None when there is none."""
    from sqlalchemy import select

    from ..store import search
    from ..store.rows import Reader

    if search.has_control_characters(key):
        return None  # no key holds one
    table = search.TABLES[record_type]
    with store.reading() as repo:
        found = Reader(repo.conn).records(record_type, repo.conn.execute(select(table).where(table.c.key == key)))
        return found[0] if found else None


def actor_choices(store: Store, limit: int = 300) -> list[tuple[str, str]]:
    """(key, name) of the actors with the most relations, by name: what an actor picker offers."""
    with store.reading() as repo:
        return sorted(((key, name) for key, name, _ in repo.busiest_actors(limit)), key=lambda kn: kn[1].lower())

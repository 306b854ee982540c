"""Reading records for the CLI and the pages: one place, so both faces show the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Actor, Agreement, Demand, Initiative, Membership, Network, Practice, Source
from ..domain.errors import N_, UserError
from ..reference.text import fold
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


class ActorNotFound(UserError):
    parameter = "actor"

    def __init__(self, name: str, close: list[str]):
        super().__init__(N_("there is no actor called '{name}'; the closest names are: {close}") if close else
                         N_("there is no actor called '{name}'; check the name on the actors page"),
                         name=name, close="; ".join(close))


class AmbiguousActor(UserError):
    parameter = "actor"

    def __init__(self, name: str, actors: list[Actor]):
        super().__init__(N_("'{name}' is the name of several actors; give the key of the one you mean: {choices}"),
                         name=name, choices="; ".join(f"{a.key} ({a.name}, {a.country or '?'})" for a in actors))


def closest_names(names: dict[str, str], asked: str) -> list[str]:
    """Of {key: name}, the names closest to what was asked (by name or by key, accents and case ignored)."""
    import difflib

    folded: dict[str, str] = {}
    for key, name in names.items():
        folded.setdefault(fold(name), name)
        folded.setdefault(fold(key), name)
    found = difflib.get_close_matches(fold(asked), list(folded), n=8, cutoff=0.6)
    return list(dict.fromkeys(folded[f] for f in found))[:5]


def find_actor(store: Store, asked: str) -> Actor:
    """An actor by its key or its name (accents and case ignored); an unknown one is refused with the closest
    names."""
    asked = (asked or "").strip()
    with store.reading() as repo:
        found = repo.actor(asked) if asked else None
        if found is not None:
            return found
        names = {a.key: a.name for a in repo.actors()}
        same = [k for k, name in names.items() if fold(name) == fold(asked) or k == asked.lower()]
        if len(same) == 1:
            return repo.actor(same[0])
        if same:
            raise AmbiguousActor(asked, sorted((a for a in repo.actors_by_key(set(same)) if a.key in same),
                                               key=lambda a: a.key))
    raise ActorNotFound(asked, closest_names(names, asked))


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

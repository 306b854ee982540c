"""Resolving place names, remembering the choices people confirm, and placing the stored actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select, update

from ..domain import Actor, ActorKind, DomainError
from ..domain.actor import parents_first
from ..domain.errors import N_
from ..reference.country_names import resolve_country
from ..reference.places import Candidate, Place, Resolution, place_by_id, resolve_place
from ..reference.text import fold
from ..store import Store
from ..store import tables as t


def _country(text: str | None) -> str | None:
    return resolve_country(text) if text else None


def _choice(conn, name: str, country: str | None) -> Place | None:
    table = t.place_choices
    place_id = conn.execute(select(table.c.place_id).where(
        table.c.query == fold(name), table.c.country == (country or ""))).scalar()
    return place_by_id(place_id) if place_id else None


def resolve(name: str, country: str | None = None, store: Store | None = None,
            near: tuple[float, float] | None = None) -> Resolution:
    """A name (and optionally a country, in any of the three languages) to a place, or candidates.

    A choice a user confirmed for the same name and country wins over the computed answer.
    """
    iso3 = _country(country)
    if store is not None:
        with store.reading() as repo:
            chosen = _choice(repo.conn, name, iso3)
        if chosen is not None:
            return Resolution(query=name, country=iso3, status="resolved", place=chosen,
                              candidates=(Candidate(chosen, 1.0),), reason=N_("confirmed earlier by a user"),
                              reason_params={})
    return resolve_place(name, iso3, near)


def confirm(store: Store, name: str, country: str | None, place_id: str) -> Place:
    """Stores the user's choice of place for a name, to be reused by every later resolution."""
    place = place_by_id(place_id)
    if place is None:
        raise DomainError(N_("there is no place with the id '{key}'"), record="places confirm", field="--place",
                          key=place_id)
    iso3 = _country(country)
    with store.transaction() as repo:
        table = t.place_choices
        repo.conn.execute(delete(table).where(table.c.query == fold(name), table.c.country == (iso3 or "")))
        repo.conn.execute(insert(table).values(query=fold(name), country=iso3 or "", place_id=place.id,
                                               confirmed_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return place


@dataclass
class GeocodeReport:
    placed: list[tuple[Actor, Place, str]] = field(default_factory=list)  # actor, place, how
    ambiguous: list[tuple[Actor, Resolution]] = field(default_factory=list)
    unresolved: list[tuple[Actor, Resolution]] = field(default_factory=list)
    skipped: list[tuple[Actor, str]] = field(default_factory=list)  # actor, reason msgid


def _resolve_actor(actor: Actor, store: Store) -> Resolution:
    first = None
    for name in [actor.name, *actor.other_names]:
        found = resolve(name, actor.country, store)
        if found.status == "resolved":
            return found
        first = first or found
    return first


def geocode_actors(store: Store) -> GeocodeReport:
    """Fills the place of every actor that lacks one; lists what stayed ambiguous or unresolved.

    Cities and provinces are resolved by name within their country; a national government is placed at
    its country; a body of a city or province (the ACI) at its parent's place. Other actors (universities,
    agencies, NGOs) are left without a place: their seat is not a fact sursur has.
    """
    report = GeocodeReport()
    with store.reading() as repo:
        actors = {a.key: a for a in repo.actors()}
    places: dict[str, str] = {k: a.place for k, a in actors.items() if a.place}

    def place_of(actor: Actor) -> tuple[Place | None, str | None, Resolution | None]:
        if actor.kind.subnational_government:
            found = _resolve_actor(actor, store)
            return (found.place, "name", found) if found.status == "resolved" else (None, None, found)
        if actor.kind is ActorKind.NATIONAL_GOVERNMENT and actor.country:
            return place_by_id(f"country:{actor.country}"), "country", None
        return None, None, None

    todo = [a for a in actors.values() if not a.place]
    for actor in parents_first(todo):
        place, how, found = place_of(actor)
        if place is None and found is None and actor.parent and places.get(actor.parent):
            place, how = place_by_id(places[actor.parent]), "parent"
        if place is not None:
            places[actor.key] = place.id
            report.placed.append((actor, place, how))
        elif found is not None and found.status == "ambiguous":
            report.ambiguous.append((actor, found))
        elif found is not None:
            report.unresolved.append((actor, found))
        else:
            report.skipped.append((actor, N_("not a government: its seat is not a recorded fact")))
    with store.transaction() as repo:
        for actor, place, _ in report.placed:
            repo.conn.execute(update(t.actors).where(t.actors.c.key == actor.key).values(place=place.id))
    return report


__all__ = ["GeocodeReport", "confirm", "geocode_actors", "resolve"]

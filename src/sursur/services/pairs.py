"""Importing twinning lists and network rosters: every side through the place resolver, never guessed.

A side resolves to a place (a source's coordinates may settle namesakes), and a place to one actor:
the actor already placed there, else one known by that name in that country, else a new one. What stays
ambiguous or unresolved is written to a report file beside the input, with the candidates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..domain import (Actor, ActorKind, Agreement, Citation, Dataset, Measure, Membership, Network, Source,
                      SourceKind)
from ..domain.errors import N_
from ..i18n import gettext_for
from ..interchange.pairs import Side, read_pairs, read_roster
from ..interchange.problems import ImportRefused, Problem
from ..interchange.tables import write_table
from ..interchange.tables.values import slug
from ..reference.country_names import UnknownCountry, resolve_country
from ..reference.places import Resolution, place_by_id, resolve_place
from ..reference.text import fold
from ..store import SaveReport, Store
from ..store import tables as t


@dataclass
class PlacingReport:
    file: str
    rows: int = 0
    pairs: int = 0
    duplicates: int = 0
    reversed: int = 0
    self_pairs: list[int] = field(default_factory=list)
    members: int = 0
    cities: int = 0
    countries: int = 0
    ambiguous: int = 0
    unresolved: int = 0
    problems: list[Problem] = field(default_factory=list)
    report_file: Path | None = None
    saved: SaveReport | None = None


class Placer:
    """Turns sides (name, country, point) into actors, reusing what the database already has."""

    def __init__(self, store: Store, file: str):
        self.file = file
        self.source = Source(key=slug("file", file), title=file, kind=SourceKind.DATASET, file=file)
        with store.reading() as repo:
            self.actors = {a.key: a for a in repo.actors()}
            choices = repo.conn.execute(select(t.place_choices.c.query, t.place_choices.c.country,
                                               t.place_choices.c.place_id)).all()
        self.choices = {(q, c or None): p for q, c, p in choices}
        self.by_place = {a.place: a.key for a in self.actors.values() if a.place}
        self.by_name = {(fold(n), a.country): a.key for a in self.actors.values() for n in (a.name, *a.other_names)}
        self.touched: dict[str, Actor] = {}
        self.countries: dict[str, str | None] = {}
        self.unsettled: list[tuple[int, Side, Resolution | None, str]] = []

    def country(self, written: str | None) -> str | None:
        if written not in self.countries:
            try:
                self.countries[written] = resolve_country(written) if written else None
            except UnknownCountry:
                self.countries[written] = None
        return self.countries[written]

    def resolve(self, side: Side) -> Resolution:
        iso3 = self.country(side.country)
        chosen = self.choices.get((fold(side.name), iso3))
        if chosen and (place := place_by_id(chosen)):
            return Resolution(side.name, iso3, "resolved", place, (), N_("confirmed earlier by a user"), {})
        return resolve_place(side.name, iso3, side.point)

    def actor_for(self, row: int, side: Side) -> str | None:
        """The actor key for a side, or None (recorded as ambiguous or unresolved)."""
        if side.country and self.country(side.country) is None:
            self.unsettled.append((row, side, None, N_("the country '{country}' is not one sursur knows")))
            return None
        found = self.resolve(side)
        if found.status != "resolved":
            self.unsettled.append((row, side, found, found.status))
            return None
        place = found.place
        key = self.by_place.get(place.id) or self.by_name.get((fold(side.name), place.country))
        cite = Citation(self.source.key, f"fila {row}")
        if key is None:
            key = self._new_key(side.name, place.country, place.id)
            kind = ActorKind.MUNICIPALITY if place.kind == "city" else ActorKind.PROVINCE
            actor = Actor(key=key, name=side.name, kind=kind, country=place.country, place=place.id,
                          other_names=[place.name] if fold(place.name) != fold(side.name) else [],
                          population=Measure(side.population, source=cite) if side.population else None,
                          sources=[cite])
            self.actors[key] = actor
            self.touched[key] = actor
        elif not self.actors[key].place:
            existing = self.actors[key]
            self.touched[key] = existing = Actor(**{**existing.__dict__, "place": place.id})
            self.actors[key] = existing
        self.by_place[place.id] = key
        self.by_name[(fold(side.name), place.country)] = key
        return key

    def _new_key(self, name: str, country: str, place_id: str) -> str:
        for key in (slug(name), slug(name, country), slug(name, country, place_id.split(":")[-1])):
            if key not in self.actors:
                return key
        return slug(name, place_id)

    def write_unsettled(self, target: Path, lang: str) -> Path | None:
        if not self.unsettled:
            return None
        gettext = gettext_for(lang)
        rows = []
        for row, side, found, status in self.unsettled:
            reason = (gettext(found.reason).format(**found.reason_params) if found and found.reason
                      else gettext(status).format(country=side.country))
            candidates = "; ".join(f"{c.place.id} {c.place.name} ({c.place.country})" for c in found.candidates) if found else ""
            rows.append([row, side.name, side.country or "", gettext(found.status) if found else gettext("unresolved"),
                         reason, candidates])
        write_table(target, [gettext("row"), gettext("name"), gettext("country"), gettext("status"), gettext("reason"),
                             gettext("candidates")], rows)
        return target


def default_report_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.unresolved.csv")


def import_twinnings(store: Store, path: Path, *, lang: str = "es", report_path: Path | None = None) -> PlacingReport:
    file, rows, problems = read_pairs(path)
    if problems:
        raise ImportRefused(problems)
    placer = Placer(store, file)
    report = PlacingReport(file, rows=len(rows))
    seen: dict[tuple[str, str], Agreement] = {}
    orientation: dict[tuple[str, str], tuple[str, str]] = {}
    for pair in rows:
        a, b = placer.actor_for(pair.row, pair.a), placer.actor_for(pair.row, pair.b)
        if a is None or b is None:
            continue
        if a == b:
            report.self_pairs.append(pair.row)
            continue
        key = tuple(sorted((a, b)))
        if key in seen:
            if orientation[key] == (a, b):
                report.duplicates += 1
            else:
                report.reversed += 1
            seen[key].sources.append(Citation(placer.source.key, f"fila {pair.row}"))
            continue
        orientation[key] = (a, b)
        seen[key] = Agreement(key=slug("twinning", *key), kind="twinning", parties=list(key),
                              signed=str(pair.year) if pair.year else None,
                              sources=[Citation(placer.source.key, f"fila {pair.row}")])
    report.pairs = len(seen)
    return _finish(store, report_path or default_report_path(path), placer, report,
                   Dataset(agreements=list(seen.values())), lang)


def import_members(store: Store, path: Path, network: str, *, joined: int | None = None,
                   lang: str = "es", report_path: Path | None = None) -> PlacingReport:
    roster = read_roster(path)
    placer = Placer(store, roster.file)
    report = PlacingReport(roster.file, rows=len(roster.members) + len(roster.not_found))
    network_key = slug(network)
    with store.reading() as repo:
        networks = {n.key: n for n in repo.networks()}
    data = Dataset()
    if network_key not in networks:
        actor = placer.actors.get(network_key) or Actor(key=network_key, name=network, kind=ActorKind.CITY_NETWORK,
                                                         sources=[Citation(placer.source.key)])
        placer.touched[network_key] = placer.actors[network_key] = actor
        data.networks = [Network(key=network_key, actor=network_key, sources=[Citation(placer.source.key)])]
    members: dict[str, Membership] = {}
    for position, side in roster.members:
        key = placer.actor_for(position, side)
        if key and key not in members:
            members[key] = Membership(actor=key, network=network_key, joined=str(joined) if joined else None,
                                      sources=[Citation(placer.source.key, f"#{position}")])
    for name in roster.not_found:
        placer.unsettled.append((0, Side(name, None, None, None), None,
                                 N_("the file itself lists it as not found")))
    data.memberships = list(members.values())
    report.members = len(members)
    return _finish(store, report_path or default_report_path(path), placer, report, data, lang)


def _finish(store: Store, report_path: Path, placer: Placer, report: PlacingReport, data: Dataset,
            lang: str) -> PlacingReport:
    data.sources = [placer.source]
    data.actors = list(placer.touched.values())
    involved = {p for g in data.agreements for p in g.parties} | {m.actor for m in data.memberships}
    report.cities = len(involved)
    report.countries = len({placer.actors[k].country for k in involved if placer.actors[k].country})
    statuses = Counter(status for _, _, found, status in placer.unsettled if found is not None)
    report.ambiguous = statuses.get("ambiguous", 0)
    report.unresolved = len(placer.unsettled) - report.ambiguous
    with store.transaction() as repo:
        report.saved = repo.save(data)
    report.report_file = placer.write_unsettled(report_path, lang)
    return report

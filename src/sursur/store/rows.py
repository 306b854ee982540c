"""Reading records back from the tables into domain objects, children fetched in bulk."""

from __future__ import annotations

import dataclasses
import gc
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Connection, select

from ..domain import (Actor, Agreement, Citation, Demand, Figure, Flow, FlowKind, Initiative, InitiativeStatus,
                      Instrument, Measure, MemberCount, Membership, Modality, Network, PartialDate, Participation,
                      Practice, Role, Source, Text, ThematicUnit, TimelineEntry)
from ..domain.initiative import CooperationType
from ..domain.classification import StatedClass
from . import tables as t

MEASURES = ("population", "area_km2", "gdp_usd")


_SPECS: dict[type, tuple[dict, tuple]] = {}


def restore(cls, **values):
    """A record read back from the store, built without its checks: it passed them when it was written,
    and checking a million flows again costs more than reading them. Fields not given take their defaults."""
    spec = _SPECS.get(cls)
    if spec is None:
        fields = dataclasses.fields(cls)
        spec = _SPECS[cls] = ({f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
                              tuple((f.name, f.default_factory) for f in fields
                                    if f.default_factory is not dataclasses.MISSING))
    plain, factories = spec
    state = {**plain, **values}
    for name, make in factories:
        if name not in values:
            state[name] = make()
    obj = object.__new__(cls)
    obj.__dict__ = state
    return obj


@contextmanager
def many_objects():
    """Around a read that builds millions of objects: the cyclic garbage collector would walk them all
    again and again (records hold no cycles: reference counting frees them). Afterwards they are moved
    out of the collector's sight (gc.freeze), so later work on them does not pay for them either."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@lru_cache(maxsize=65536)
def stored_date(value: str | None) -> PartialDate | None:
    """Dates are immutable: one object per distinct stored value."""
    return PartialDate.parse(value)


def _members(cls) -> dict:
    return {m.value: m for m in cls}


ROLES, FLOW_KINDS, MODALITIES = _members(Role), _members(FlowKind), _members(Modality)
INSTRUMENTS, STATUSES, COOPERATION_TYPES = _members(Instrument), _members(InitiativeStatus), _members(CooperationType)

CHUNK = 10_000  # ids per IN list: under SQLite's 32 766 bound variables and PostgreSQL's 65 535


class Reader:
    """Turns rows into domain objects; caches the id→key maps it needs for one read.

    `whole=True` says the rows being read are every row of their table: children are then read without
    an IN list (one scan instead of many lookups)."""

    def __init__(self, conn: Connection, whole: bool = False):
        self.conn, self.whole = conn, whole
        self._keys: dict[str, dict[int, str]] = {}
        self._read_whole: set[str] = set()  # tables whose every key is in _keys
        self._citations: dict[tuple, Citation] = {}

    def keys(self, table, ids=None) -> dict[int, str]:
        """id → key of a table's rows: all of them (reading everything, or ids None), else only those of
        `ids` not read yet (a page of records names a few actors among many thousands)."""
        known = self._keys.setdefault(table.name, {})
        if self.whole or ids is None:
            if table.name not in self._read_whole:
                known.update(self.conn.execute(select(table.c.id, table.c.key)).all())
                self._read_whole.add(table.name)
            return known
        missing = sorted({i for i in ids if i is not None and i not in known})
        for n in range(0, len(missing), CHUNK):
            known.update(self.conn.execute(select(table.c.id, table.c.key)
                                           .where(table.c.id.in_(missing[n:n + CHUNK]))).all())
        return known

    def cite(self, source_id, locator) -> Citation | None:
        if source_id is None:
            return None
        found = self._citations.get((source_id, locator))
        if found is None:  # citations are immutable: one object per distinct place
            found = self._citations[(source_id, locator)] = Citation(self.keys(t.sources)[source_id], locator)
        return found

    def _grouped(self, query, column, ids: list[int], by: str) -> dict[int, list]:
        grouped: dict[int, list] = defaultdict(list)
        if not ids:
            return grouped
        if self.whole:
            batches = [query]
        else:
            batches = [query.where(column.in_(ids[n:n + CHUNK])) for n in range(0, len(ids), CHUNK)]
        for batch in batches:
            result = self.conn.execute(batch)
            at = list(result.keys()).index(by)
            for row in result.all():  # fetchall: one call into the driver, not one per row
                grouped[row[at]].append(row)
        return grouped

    def children(self, table, fk: str, ids: list[int], order: str | None = "position") -> dict[int, list]:
        query = select(table)
        if order:
            query = query.order_by(table.c[fk], table.c[order])
        return self._grouped(query, table.c[fk], ids, fk)

    def polymorphic(self, table, record_type: str, ids: list[int]) -> dict[int, list]:
        query = (select(table).where(table.c.record_type == record_type)
                 .order_by(table.c.record_id, table.c.position))
        return self._grouped(query, table.c.record_id, ids, "record_id")

    def citations(self, record_type: str, ids: list[int]) -> dict[int, list[Citation]]:
        return {rid: [self.cite(r.source_id, r.source_locator) for r in rows]
                for rid, rows in self.polymorphic(t.citations, record_type, ids).items()}

    def themes(self, record_type: str, ids: list[int]) -> dict[int, list[str]]:
        return {rid: [r.theme for r in rows] for rid, rows in self.polymorphic(t.record_themes, record_type, ids).items()}

    def stated(self, row) -> StatedClass | None:
        if row.stated_class is None:
            return None
        return StatedClass(row.stated_class, self.cite(row.stated_id, row.stated_locator))

    # --- records -------------------------------------------------------------------------------------

    def records(self, record_type: str, rows) -> list:
        """Rows of the initiatives, agreements or actors table, as those records."""
        return {"initiative": self.initiatives, "agreement": self.agreements, "actor": self.actors}[record_type](rows)

    def sources(self, rows) -> list[Source]:
        return [Source(key=r.key, kind=r.kind, title=r.title, author=r.author, year=r.year,
                       publisher=r.publisher, url=r.url, file=r.file, note=r.note) for r in rows]

    def actors(self, rows) -> list[Actor]:
        rows = list(rows)
        ids = [r.id for r in rows]
        names = self.children(t.actor_names, "actor_id", ids)
        measures = self.children(t.actor_measures, "actor_id", ids, order=None)
        timeline = self.children(t.actor_timeline, "actor_id", ids)
        cites = self.citations("actor", ids)
        actor_keys = self.keys(t.actors, [r.parent_id for r in rows])
        result = []
        for r in rows:
            stated = {m.name: Measure(value=m.value, year=m.year, approximate=m.approximate, note=m.note,
                                      source=self.cite(m.source_id, m.source_locator))
                      for m in measures[r.id]}
            result.append(Actor(
                key=r.key, name=r.name, kind=r.kind, country=r.country, country_basis=r.country_basis,
                other_names=[n.name for n in names[r.id]],
                parent=actor_keys.get(r.parent_id), place=r.place, founded=r.founded, website=r.website,
                note=r.note, iati_ref=r.iati_ref, **{name: stated.get(name) for name in MEASURES},
                timeline=[TimelineEntry(PartialDate.parse(e.date), e.text, self.cite(e.source_id, e.source_locator))
                          for e in timeline[r.id]],
                sources=cites.get(r.id, [])))
        return result

    def agreements(self, rows) -> list[Agreement]:
        rows = list(rows)
        ids = [r.id for r in rows]
        parties = self.children(t.agreement_parties, "agreement_id", ids)
        themes = self.themes("agreement", ids)
        cites = self.citations("agreement", ids)
        actor_keys = self.keys(t.actors, [p.actor_id for found in parties.values() for p in found])
        return [Agreement(key=r.key, kind=r.kind, area=r.area, signed=r.signed, ended=r.ended, status=r.status,
                          parties=[actor_keys[p.actor_id] for p in parties[r.id]], stated_class=self.stated(r),
                          themes=themes.get(r.id, []), sources=cites.get(r.id, [])) for r in rows]

    def initiatives(self, rows) -> list[Initiative]:
        rows = list(rows)
        ids = [r.id for r in rows]
        kinds = self.children(t.initiative_types, "initiative_id", ids)
        countries = self.children(t.initiative_countries, "initiative_id", ids)
        parts = self.children(t.participations, "initiative_id", ids)
        flows = self.children(t.flows, "initiative_id", ids)
        figures = self.children(t.figures, "initiative_id", ids)
        themes = self.themes("initiative", ids)
        cites = self.citations("initiative", ids)
        named = [r.reporter_id for r in rows] + [p.actor_id for found in parts.values() for p in found]
        named += [i for found in flows.values() for f in found for i in (f.from_actor_id, f.to_actor_id)]
        actor_keys = self.keys(t.actors, named)
        agreement_keys = self.keys(t.agreements, [r.agreement_id for r in rows])
        result = []
        for r in rows:
            result.append(restore(
                Initiative, key=r.key, title=r.title, modality=MODALITIES[r.modality],
                instrument=INSTRUMENTS[r.instrument], status=STATUSES[r.status or "unknown"],
                description=Text(r.description, r.description_lang) if r.description else None,
                start=stored_date(r.start), end=stored_date(r.end), agreement=agreement_keys.get(r.agreement_id),
                stated_class=self.stated(r), iati_identifier=r.iati_identifier, reporter=actor_keys.get(r.reporter_id),
                cooperation_types=[COOPERATION_TYPES[k.type] for k in kinds[r.id]],
                countries=[c.country for c in countries[r.id]],
                # Participation and Flow check nothing when built (their initiative does): plain constructors
                participants=[Participation(ROLES[p.role], actor_keys.get(p.actor_id), p.party, p.country)
                              for p in parts[r.id]],
                flows=[Flow(FLOW_KINDS[f.kind], f.amount, f.currency, f.year, stored_date(f.date),
                            actor_keys.get(f.from_actor_id), actor_keys.get(f.to_actor_id),
                            self.cite(f.source_id, f.source_locator)) for f in flows[r.id]],
                figures=[Figure(f.name, f.value, self.cite(f.source_id, f.source_locator)) for f in figures[r.id]],
                themes=themes.get(r.id, []), sources=cites.get(r.id, [])))
        return result

    def networks(self, rows) -> list[Network]:
        rows = list(rows)
        ids = [r.id for r in rows]
        counts = self.children(t.network_member_counts, "network_id", ids, order="year")
        units = self.children(t.thematic_units, "network_id", ids)
        cites = self.citations("network", ids)
        actor_keys = self.keys(t.actors)
        return [Network(key=r.key, actor=actor_keys[r.actor_id], founded=r.founded,
                        thematic_unit_count=r.thematic_unit_count,
                        member_counts=[MemberCount(c.year, c.count, self.cite(c.source_id, c.source_locator))
                                       for c in counts[r.id]],
                        thematic_units=[ThematicUnit(u.name, self.cite(u.source_id, u.source_locator))
                                        for u in units[r.id]],
                        sources=cites.get(r.id, [])) for r in rows]

    def memberships(self, rows) -> list[Membership]:
        rows = list(rows)
        cites = self.citations("membership", [r.id for r in rows])
        actor_keys, network_keys = self.keys(t.actors), self.keys(t.networks)
        return [Membership(actor=actor_keys[r.actor_id], network=network_keys[r.network_id], joined=r.joined,
                           left=r.left, founding=r.founding, sources=cites.get(r.id, [])) for r in rows]

    def practices(self, rows) -> list[Practice]:
        rows = list(rows)
        ids = [r.id for r in rows]
        themes, cites = self.themes("practice", ids), self.citations("practice", ids)
        transfers = self.children(t.practice_transfers, "practice_id", ids)
        actor_keys = self.keys(t.actors, [r.owner_id for r in rows])
        initiative_keys = self.keys(t.initiatives, [x.initiative_id for found in transfers.values() for x in found])
        return [Practice(key=r.key, owner=actor_keys[r.owner_id], title=r.title,
                         summary=Text(r.summary, r.summary_lang) if r.summary else None,
                         description=Text(r.description, r.description_lang) if r.description else None,
                         problem=r.problem, results=r.results, contact=r.contact,
                         evidence=r.evidence, recognition=r.recognition,
                         transfers=[initiative_keys[x.initiative_id] for x in transfers.get(r.id, [])],
                         themes=themes.get(r.id, []), sources=cites.get(r.id, [])) for r in rows]

    def demands(self, rows) -> list[Demand]:
        rows = list(rows)
        ids = [r.id for r in rows]
        themes, cites = self.themes("demand", ids), self.citations("demand", ids)
        actor_keys = self.keys(t.actors)
        return [Demand(key=r.key, actor=actor_keys[r.actor_id], need=Text(r.need, r.need_lang),
                       themes=themes.get(r.id, []), sources=cites.get(r.id, [])) for r in rows]

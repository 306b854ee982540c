"""The one way services read and write records, inside a transaction the service opens."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, union_all

from ..domain import Actor, Agreement, Dataset, Demand, Initiative, Membership, Network, Practice, Source
from ..domain.actor import parents_first
from . import tables as t
from .bulk import BulkWriter
from .rows import Reader
from .search import has_control_characters
from .writer import SaveReport, Writer


class Repository:
    def __init__(self, conn: Connection):
        self.conn = conn

    # --- writing ------------------------------------------------------------------------------------

    def save(self, data: Dataset, *, bump: bool = True) -> SaveReport:
        """Writes a whole dataset (inside the caller's transaction); records are matched by key. `bump=False`:
        the caller already raised the versions of the records it changes (an edit claims its version)."""
        data.check_references(known_actors=self.actor_keys(), known_sources=self.source_keys(),
                              known_agreements=self._keys(t.agreements), known_networks=self._keys(t.networks),
                              known_initiatives=self._keys(t.initiatives) if data.practices else frozenset())
        writer = Writer(self.conn, bump=bump)
        for source in data.sources:
            writer.source(source)
        for actor in parents_first(data.actors):
            writer.actor(actor)
        for agreement in data.agreements:
            writer.agreement(agreement)
        for initiative in data.initiatives:
            writer.initiative(initiative)
        for network in data.networks:
            writer.network(network)
        for membership in data.memberships:
            writer.membership(membership)
        for practice in data.practices:
            writer.practice(practice)
        for demand in data.demands:
            writer.demand(demand)
        return writer.report

    def bulk_writer(self) -> BulkWriter:
        """For saving many batches in this transaction (an import): the same records as `save`, written
        with a few statements per batch instead of many per record. See store/bulk.py."""
        return BulkWriter(self.conn)

    # --- reading ------------------------------------------------------------------------------------

    def _keys(self, table) -> set[str]:
        return set(self.conn.execute(select(table.c.key)).scalars())

    def actor_keys(self) -> set[str]:
        return self._keys(t.actors)

    def source_keys(self) -> set[str]:
        return self._keys(t.sources)

    def actor_refs(self) -> dict[str, str]:
        """IATI organisation ref → actor key, for the actors that have one."""
        return dict(self.conn.execute(select(t.actors.c.iati_ref, t.actors.c.key)
                                      .where(t.actors.c.iati_ref.is_not(None))).all())

    def initiative_identifiers(self) -> dict[str, str | None]:
        """Initiative key → its IATI identifier (None for records that did not come from IATI)."""
        return dict(self.conn.execute(select(t.initiatives.c.key, t.initiatives.c.iati_identifier)).all())

    def initiatives_by_key(self, keys: list[str]) -> list[Initiative]:
        if not keys:
            return []
        query = select(t.initiatives).where(t.initiatives.c.key.in_(keys))
        return Reader(self.conn).initiatives(self.conn.execute(query))

    def family(self, key: str) -> set[str]:
        """An actor's key and those of its own bodies, at any depth (an agency of the city, its office…)."""
        if has_control_characters(key):
            return set()  # no key holds one
        ids = set(self.conn.execute(select(t.actors.c.id).where(t.actors.c.key == key)).scalars())
        frontier = set(ids)
        while frontier:
            below = set(self.conn.execute(select(t.actors.c.id).where(t.actors.c.parent_id.in_(frontier))).scalars())
            frontier = below - ids
            ids |= frontier
        return set(self.conn.execute(select(t.actors.c.key).where(t.actors.c.id.in_(ids))).scalars())

    def relations_of(self, keys: set[str]) -> tuple[list[Agreement], list[Initiative]]:
        """The agreements and initiatives any of these actors takes part in (read with subqueries, so an
        actor's records come back without reading the rest)."""
        ids = select(t.actors.c.id).where(t.actors.c.key.in_(sorted(keys)))
        agreement_ids = select(t.agreement_parties.c.agreement_id).where(t.agreement_parties.c.actor_id.in_(ids))
        initiative_ids = select(t.participations.c.initiative_id).where(t.participations.c.actor_id.in_(ids))
        reader = Reader(self.conn)
        agreements = reader.agreements(self.conn.execute(
            select(t.agreements).where(t.agreements.c.id.in_(agreement_ids)).order_by(t.agreements.c.key)))
        initiatives = reader.initiatives(self.conn.execute(
            select(t.initiatives).where(t.initiatives.c.id.in_(initiative_ids))
            .order_by(t.initiatives.c.start.desc().nulls_last(), t.initiatives.c.key)))
        return agreements, initiatives

    def actors_by_key(self, keys: set[str]) -> list[Actor]:
        """These actors and, up their parent chains, every actor they belong to."""
        found: dict[str, Actor] = {}
        wanted = set(keys)
        reader = Reader(self.conn)
        while wanted:
            batch = sorted(wanted)
            for n in range(0, len(batch), 10_000):
                rows = self.conn.execute(select(t.actors).where(t.actors.c.key.in_(batch[n:n + 10_000])))
                for actor in reader.actors(rows):
                    found[actor.key] = actor
            wanted = {a.parent for a in found.values() if a.parent and a.parent not in found}
        return list(found.values())

    def busiest_actors(self, limit: int) -> list[tuple[str, str, int]]:
        """(key, name, initiatives and agreements it takes part in), the busiest first."""
        both = union_all(select(t.participations.c.actor_id.label("actor_id")),
                         select(t.agreement_parties.c.actor_id)).subquery()
        query = (select(t.actors.c.key, t.actors.c.name, func.count().label("n"))
                 .join(both, both.c.actor_id == t.actors.c.id)
                 .group_by(t.actors.c.key, t.actors.c.name).order_by(func.count().desc(), t.actors.c.key).limit(limit))
        return [tuple(row) for row in self.conn.execute(query).all()]

    def busiest_actor(self) -> str | None:
        found = self.busiest_actors(1)
        return found[0][0] if found else None

    def counts(self) -> dict[str, int]:
        tables = (t.sources, t.actors, t.agreements, t.initiatives, t.networks, t.memberships, t.practices,
                  t.demands)
        return {table.name: self.conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables}

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def sources(self) -> list[Source]:
        return Reader(self.conn).sources(self.conn.execute(select(t.sources).order_by(t.sources.c.key)))

    def actors(self, kind: str | None = None, country: str | None = None) -> list[Actor]:
        query = select(t.actors).order_by(t.actors.c.name, t.actors.c.key)
        if kind:
            query = query.where(t.actors.c.kind == kind)
        if country:
            query = query.where(t.actors.c.country == country.upper())
        return Reader(self.conn, whole=not (kind or country)).actors(self.conn.execute(query))

    def actor(self, key: str) -> Actor | None:
        found = Reader(self.conn).actors(self.conn.execute(select(t.actors).where(t.actors.c.key == key)))
        return found[0] if found else None

    def agreements(self) -> list[Agreement]:
        query = select(t.agreements).order_by(t.agreements.c.key)
        return Reader(self.conn, whole=True).agreements(self.conn.execute(query))

    def initiatives(self) -> list[Initiative]:
        # Undated last on every backend (SQLite and PostgreSQL disagree on where NULL sorts by default).
        query = select(t.initiatives).order_by(t.initiatives.c.start.desc().nulls_last(), t.initiatives.c.key)
        return Reader(self.conn, whole=True).initiatives(self.conn.execute(query))

    def networks(self) -> list[Network]:
        return Reader(self.conn).networks(self.conn.execute(select(t.networks).order_by(t.networks.c.key)))

    def memberships(self, network: str | None = None) -> list[Membership]:
        query = select(t.memberships).order_by(t.memberships.c.id)
        if network:
            query = query.join(t.networks).where(t.networks.c.key == network)
        return Reader(self.conn).memberships(self.conn.execute(query))

    def practices(self) -> list[Practice]:
        return Reader(self.conn).practices(self.conn.execute(select(t.practices).order_by(t.practices.c.key)))

    def demands(self, actor: str | None = None) -> list[Demand]:
        """The stated needs (of one actor, or of all), by key."""
        query = select(t.demands).order_by(t.demands.c.key)
        if actor is not None:
            query = query.join(t.actors, t.actors.c.id == t.demands.c.actor_id).where(t.actors.c.key == actor)
        return Reader(self.conn).demands(self.conn.execute(query))

    def dataset(self) -> Dataset:
        """Everything stored, as one dataset (for comparisons and export)."""
        reader = Reader(self.conn)
        return Dataset(sources=self.sources(), actors=self.actors(), agreements=self.agreements(),
                       initiatives=self.initiatives(), networks=self.networks(), memberships=self.memberships(),
                       practices=self.practices(),
                       demands=self.demands())

"""Writing domain records into the tables: insert or update by key, children replaced whole.

A record equal to what is stored is not touched, so saving the same data twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, insert, select, update

from ..domain import (Actor, Agreement, Citation, Demand, Initiative, Membership, Network, Practice, Source)
from . import tables as t
from . import values as v
from .rows import Reader


@dataclass
class SaveReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


def bumped(table) -> dict:
    """A changed record's version rises (editable tables only), whoever writes it: an import that changes a
    record makes an edit opened before it stale, so the edit cannot silently undo the import."""
    return {"version": table.c.version + 1} if "version" in table.c else {}


class Writer:
    def __init__(self, conn: Connection, *, bump: bool = True):
        self.conn = conn
        self.report = SaveReport()
        self.bump = bump  # False: the caller already raised the version (services/editing.py claims it first)

    # --- helpers ------------------------------------------------------------------------------------

    def _id(self, table, key: str | None) -> int | None:
        if key is None:
            return None
        return self.conn.execute(select(table.c.id).where(table.c.key == key)).scalar_one()

    def _cite(self, citation: Citation | None, prefix: str = "source") -> dict:
        return v.cite(self._id, citation, prefix)

    def _stated(self, stated) -> dict:
        return v.stated(self._id, stated)

    def _upsert(self, table, kind: str, key: str, values: dict, stored, wanted) -> tuple[int, bool]:
        """Returns (row id, whether the children must be rewritten)."""
        row_id = self.conn.execute(select(table.c.id).where(table.c.key == key)).scalar()
        if row_id is None:
            row_id = self.conn.execute(insert(table).values(key=key, **values)).inserted_primary_key[0]
            self.report.count("created", kind)
            return row_id, True
        if stored == wanted:
            self.report.count("unchanged", kind)
            return row_id, False
        self.conn.execute(update(table).where(table.c.id == row_id).values(**values, **self._bumped(table)))
        self.report.count("updated", kind)
        return row_id, True

    def _bumped(self, table) -> dict:
        return bumped(table) if self.bump else {}

    def _replace(self, table, fk: str, owner_id: int, rows: list[dict]) -> None:
        self.conn.execute(delete(table).where(table.c[fk] == owner_id))
        if rows:
            self.conn.execute(insert(table), [{fk: owner_id, **row} for row in rows])

    def _replace_polymorphic(self, record_type: str, record_id: int, citations: list[Citation],
                             themes: list[str] | None = None) -> None:
        for table in (t.citations, t.record_themes):
            self.conn.execute(delete(table).where(table.c.record_type == record_type,
                                                  table.c.record_id == record_id))
        owner = {"record_type": record_type, "record_id": record_id}
        for table, rows in v.polymorphic_rows(self._id, citations, themes):
            if rows:
                self.conn.execute(insert(table), [{**owner, **row} for row in rows])

    def _stored(self, table, key: str, read):
        row = self.conn.execute(select(table).where(table.c.key == key)).first()
        return read([row])[0] if row else None

    # --- records ------------------------------------------------------------------------------------

    def source(self, s: Source) -> None:
        self._upsert(t.sources, "sources", s.key, v.source_values(s),
                     self._stored(t.sources, s.key, Reader(self.conn).sources), s)

    def actor(self, a: Actor) -> None:
        stored = self._stored(t.actors, a.key, Reader(self.conn).actors)
        row_id, rewrite = self._upsert(t.actors, "actors", a.key, v.actor_values(self._id, a), stored, a)
        if not rewrite:
            return
        for table, rows in v.actor_children(self._id, a):
            self._replace(table, v.OWNER_FK["actor"], row_id, rows)
        self._replace_polymorphic("actor", row_id, a.sources)

    def agreement(self, g: Agreement) -> None:
        stored = self._stored(t.agreements, g.key, Reader(self.conn).agreements)
        values = dict(kind=g.kind.value, area=g.area, status=g.status.value,
                      signed=str(g.signed) if g.signed else None, ended=str(g.ended) if g.ended else None,
                      **self._stated(g.stated_class))
        row_id, rewrite = self._upsert(t.agreements, "agreements", g.key, values, stored, g)
        if not rewrite:
            return
        self._replace(t.agreement_parties, "agreement_id", row_id, [
            {"position": i, "actor_id": self._id(t.actors, key)} for i, key in enumerate(g.parties)])
        self._replace_polymorphic("agreement", row_id, g.sources, g.themes)

    def initiative(self, i: Initiative) -> None:
        stored = self._stored(t.initiatives, i.key, Reader(self.conn).initiatives)
        values = v.initiative_values(self._id, i)
        row_id, rewrite = self._upsert(t.initiatives, "initiatives", i.key, values, stored, i)
        if not rewrite:
            return
        for table, rows in v.initiative_children(self._id, i):
            self._replace(table, v.OWNER_FK["initiative"], row_id, rows)
        self._replace_polymorphic("initiative", row_id, i.sources, i.themes)

    def network(self, n: Network) -> None:
        stored = self._stored(t.networks, n.key, Reader(self.conn).networks)
        values = dict(actor_id=self._id(t.actors, n.actor), founded=str(n.founded) if n.founded else None,
                      thematic_unit_count=n.thematic_unit_count)
        row_id, rewrite = self._upsert(t.networks, "networks", n.key, values, stored, n)
        if not rewrite:
            return
        self._replace(t.network_member_counts, "network_id", row_id, [
            {"year": c.year, "count": c.count, **self._cite(c.source)} for c in n.member_counts])
        self._replace(t.thematic_units, "network_id", row_id, [
            {"position": i, "name": u.name, **self._cite(u.source)} for i, u in enumerate(n.thematic_units)])
        self._replace_polymorphic("network", row_id, n.sources)

    def membership(self, m: Membership) -> None:
        actor_id, network_id = self._id(t.actors, m.actor), self._id(t.networks, m.network)
        where = (t.memberships.c.actor_id == actor_id) & (t.memberships.c.network_id == network_id)
        row = self.conn.execute(select(t.memberships).where(where)).first()
        values = dict(joined=str(m.joined) if m.joined else None, left=str(m.left) if m.left else None,
                      founding=m.founding)
        if row is None:
            row_id = self.conn.execute(insert(t.memberships).values(
                actor_id=actor_id, network_id=network_id, **values)).inserted_primary_key[0]
            self.report.count("created", "memberships")
        elif Reader(self.conn).memberships([row])[0] == m:
            self.report.count("unchanged", "memberships")
            return
        else:
            row_id = row.id
            self.conn.execute(update(t.memberships).where(where).values(**values, **self._bumped(t.memberships)))
            self.report.count("updated", "memberships")
        self._replace_polymorphic("membership", row_id, m.sources)

    def practice(self, p: Practice) -> None:
        stored = self._stored(t.practices, p.key, Reader(self.conn).practices)
        values = dict(owner_id=self._id(t.actors, p.owner), title=p.title,
                      summary=p.summary.text if p.summary else None,
                      summary_lang=p.summary.lang if p.summary else None,
                      evidence=p.evidence, recognition=p.recognition,
                      description=p.description.text if p.description else None,
                      description_lang=p.description.lang if p.description else None,
                      problem=p.problem, results=p.results, contact=p.contact)
        row_id, rewrite = self._upsert(t.practices, "practices", p.key, values, stored, p)
        if rewrite:
            self._replace(t.practice_transfers, "practice_id", row_id, [
                {"position": i, "initiative_id": self._id(t.initiatives, key)} for i, key in enumerate(p.transfers)])
            self._replace_polymorphic("practice", row_id, p.sources, p.themes)

    def demand(self, d: Demand) -> None:
        stored = self._stored(t.demands, d.key, Reader(self.conn).demands)
        values = dict(actor_id=self._id(t.actors, d.actor), need=d.need.text, need_lang=d.need.lang)
        row_id, rewrite = self._upsert(t.demands, "demands", d.key, values, stored, d)
        if rewrite:
            self._replace_polymorphic("demand", row_id, d.sources, d.themes)

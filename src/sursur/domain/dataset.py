"""A set of records that travel together (a built-in case, an import) and must refer to each other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .actor import Actor
from .agreement import Agreement
from .errors import DomainError, N_
from .initiative import Initiative
from .network import Membership, Network
from .practice import Demand, Practice
from .source import Citation, Source


@dataclass
class Dataset:
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    demands: list[Demand] = field(default_factory=list)

    def check_references(self, known_actors: set[str] = frozenset(), known_sources: set[str] = frozenset(),
                         known_agreements: set[str] = frozenset(), known_networks: set[str] = frozenset(),
                         known_initiatives: set[str] = frozenset()) -> None:
        """Every key a record names must exist here or among the known ones; keys are unique per kind."""
        for kind, records in (("source", self.sources), ("actor", self.actors), ("agreement", self.agreements),
                              ("initiative", self.initiatives), ("network", self.networks),
                              ("practice", self.practices), ("demand", self.demands)):
            repeated = [k for k, n in Counter(r.key for r in records).items() if n > 1]
            if repeated:
                raise DomainError(N_("the key '{key}' is used twice"), record=kind, key=repeated[0])
        actors = {a.key for a in self.actors} | set(known_actors)
        sources = {s.key for s in self.sources} | set(known_sources)
        agreements = {a.key for a in self.agreements} | set(known_agreements)
        networks = {n.key for n in self.networks} | set(known_networks)
        initiatives = {i.key for i in self.initiatives} | set(known_initiatives)

        def actor(key, label, fieldname):
            if key and key not in actors:
                raise DomainError(N_("refers to the actor '{key}', which does not exist"), record=label,
                                  field=fieldname, key=key)

        def cited(citations: list[Citation | None], label):
            for c in citations:
                if c is not None and c.source not in sources:
                    raise DomainError(N_("cites the source '{key}', which does not exist"), record=label,
                                      field="sources", key=c.source)

        for a in self.actors:
            label = f"actor {a.key}"
            actor(a.parent, label, "parent")
            cited(a.sources + [m.source for m in (a.population, a.area_km2, a.gdp_usd) if m]
                  + [t.source for t in a.timeline], label)
        for g in self.agreements:
            for party in g.parties:
                actor(party, f"agreement {g.key}", "parties")
            cited(g.sources + [g.stated_class.source if g.stated_class else None], f"agreement {g.key}")
        for i in self.initiatives:
            label = f"initiative {i.key}"
            for p in i.participants:
                actor(p.actor, label, "participants")
            actor(i.reporter, label, "reporter")
            for f in i.flows:
                actor(f.from_actor, label, "flows.from")
                actor(f.to_actor, label, "flows.to")
            if i.agreement and i.agreement not in agreements:
                raise DomainError(N_("refers to the agreement '{key}', which does not exist"), record=label,
                                  field="agreement", key=i.agreement)
            cited(i.sources + [f.source for f in i.flows] + [f.source for f in i.figures]
                  + [i.stated_class.source if i.stated_class else None], label)
        for n in self.networks:
            actor(n.actor, f"network {n.key}", "actor")
            cited(n.sources + [c.source for c in n.member_counts] + [u.source for u in n.thematic_units],
                  f"network {n.key}")
        for m in self.memberships:
            label = f"membership {m.actor}@{m.network}"
            actor(m.actor, label, "actor")
            if m.network not in networks:
                raise DomainError(N_("refers to the network '{key}', which does not exist"), record=label,
                                  field="network", key=m.network)
            cited(m.sources, label)
        for p in self.practices:
            actor(p.owner, f"practice {p.key}", "owner")
            for key in p.transfers:
                if key not in initiatives:
                    raise DomainError(N_("refers to the initiative '{key}', which does not exist"),
                                      record=f"practice {p.key}", field="transfers", key=key)
            cited(p.sources, f"practice {p.key}")
        for d in self.demands:
            actor(d.actor, f"demand {d.key}", "actor")
            cited(d.sources, f"demand {d.key}")

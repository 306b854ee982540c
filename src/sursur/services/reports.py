"""The cooperation report's content: one actor, one period, one scheme, read once and computed by the same
indicator functions the pages, the API and the command line call (analysis/indicators).

`build_report` returns the data; sursur/reports renders it as HTML or PDF in the reader's language.
Nothing here is written: a report is a reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..analysis.classification import Classifier, RelationResult, with_override
from ..analysis.indicators import INDICATORS, Scope, Snapshot, Table
from ..analysis.indicators.scope import initiative_year
from ..analysis.indicators.volumes import by_year
from ..analysis.schemes import DEFAULT_SCHEME, Scheme, scheme as get_scheme
from ..domain import Actor, Agreement, Initiative, Membership, Network, Source
from ..domain.source import Citation
from ..store import Store
from .indicators import snapshot
from .maps import Member, PartnerMap, network_members, partner_map
from .records import find_actor

# The indicators the report shows, in its order; each is the one function the API serves under that name.
SHOWN = ("key-figures", "partners-by-area", "volumes", "south-south", "balance", "portfolio", "concentration",
         "data-quality")
ALL_SCHEMES = ("south-south",)  # shown under every scheme side by side, whatever scheme the report is in


@dataclass
class NetworkPart:
    """A network the actor (or one of its bodies) belongs to, with its members for the map."""

    network: Network
    name: str
    memberships: list[Membership]  # the actor's own
    members: list[Member]


@dataclass
class Relation:
    """One initiative or agreement in the list, classified under the report's scheme."""

    record_type: str  # initiative | agreement
    record: Initiative | Agreement
    year: int | None
    partners: list[str]  # actor keys of the other parties
    result: RelationResult


@dataclass
class ReportData:
    actor: Actor
    start: int | None
    end: int | None
    scheme: Scheme
    generated: datetime
    data_as_of: datetime | None  # None: the database does not record when it last changed
    revision: int
    names: dict[str, str]  # actor key → name, for every actor the report names
    tables: dict[str, Table]  # indicator name → its table, as the API returns it
    years: list[int] = field(default_factory=list)  # the volumes chart (Gráfico 1); empty: amounts unknown
    series: dict[str, list] = field(default_factory=dict)
    partner_map: PartnerMap | None = None
    networks: list[NetworkPart] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # every source the report's records cite
    undated: int = 0  # the actor's initiatives and agreements with no year: outside any period asked for

    @property
    def empty(self) -> bool:
        """No initiative or agreement in scope: the report says so and stays short."""
        return not self.relations

    @property
    def initiatives(self) -> list[Relation]:
        return [r for r in self.relations if r.record_type == "initiative"]

    @property
    def agreements(self) -> list[Relation]:
        return [r for r in self.relations if r.record_type == "agreement"]


def build_report(store: Store, actor: str, start: int | None = None, end: int | None = None,
                 scheme: str | None = None) -> ReportData:
    """Everything the report shows. An unknown actor is refused with the closest names; a bad period or
    scheme with what is wrong (the indicators' own checks)."""
    chosen = get_scheme(scheme or DEFAULT_SCHEME)
    found = find_actor(store, actor)
    data = snapshot(store, found.key)
    scope = Scope(data, found.key, start, end, chosen.name)  # the period checked before anything is computed
    tables = {name: INDICATORS[name][0](Scope(data, found.key, start, end,
                                              None if name in ALL_SCHEMES else chosen.name)) for name in SHOWN}
    years, series = by_year(tables["volumes"])
    report = ReportData(found, start, end, chosen, datetime.now(timezone.utc), store.changed_at(),
                        store.data_revision(), {k: a.name for k, a in data.actors.items()}, tables, years, series)
    report.relations = _relations(data, scope, chosen)
    report.undated = scope.initiatives()[1] + scope.agreements()[1]
    report.partner_map = partner_map(store, found.key, chosen.name, start, end, data)
    report.networks = _networks(store, data, found.key)
    report.sources = _sources(store, data, report)
    return report


def _relations(data: Snapshot, scope: Scope, chosen: Scheme) -> list[Relation]:
    classifier = Classifier(data.actors, chosen)
    found = []
    # Most recent first (a report that cannot list them all lists the latest); undated last.
    for g in sorted(scope.agreements()[0], key=lambda g: (g.signed is None, -(g.signed.year if g.signed else 0),
                                                          g.key)):
        found.append(Relation("agreement", g, g.signed.year if g.signed else None,
                              [p for p in g.parties if not scope.mine(p)],
                              with_override(classifier.agreement(g), data.overrides)))
    for i in sorted(scope.initiatives()[0], key=lambda i: (initiative_year(i) is None, -(initiative_year(i) or 0),
                                                           i.key)):
        partners = list(dict.fromkeys(p.actor for p in i.participants if p.actor and not scope.mine(p.actor)))
        found.append(Relation("initiative", i, initiative_year(i),
                              partners, with_override(classifier.initiative(i), data.overrides)))
    return found


def _networks(store: Store, data: Snapshot, actor: str) -> list[NetworkPart]:
    scope = Scope(data, actor)
    with store.reading() as repo:
        mine = [m for m in repo.memberships() if scope.mine(m.actor) or m.actor == actor]
        networks = {n.key: n for n in repo.networks() if n.key in {m.network for m in mine}}
        names = {a.key: a.name for a in repo.actors_by_key({n.actor for n in networks.values()})}
    return [NetworkPart(n, names.get(n.actor, n.key), [m for m in mine if m.network == key],
                        network_members(store, key)) for key, n in sorted(networks.items())]


def _sources(store: Store, data: Snapshot, report: ReportData) -> list[Source]:
    cited: list[Citation | None] = list(report.actor.sources)
    for relation in report.relations:
        r = relation.record
        cited += r.sources
        if r.stated_class:
            cited.append(r.stated_class.source)
        if relation.record_type == "initiative":
            cited += [f.source for f in r.flows]
        for key in relation.partners:
            if key in data.actors:
                cited += data.actors[key].sources
    for part in report.networks:
        cited += part.network.sources
        for m in part.memberships:
            cited += m.sources
    shown = {(r.record_type, r.record.key) for r in report.relations}
    cited += [o.source for o in data.overrides if (o.record_type, o.record_key) in shown]
    wanted = list(dict.fromkeys(c.source for c in cited if c is not None))
    with store.reading() as repo:
        known = {s.key: s for s in repo.sources()}
    return [known[k] for k in wanted if k in known]

"""data-quality: what a reader of an actor's figures should distrust, counted, with the records behind it.

Each row is one check over the relations in scope (the actor's initiatives and agreements in the period)
and the actors they name: how many records fail it, out of how many were looked at. Nothing here is
corrected: a missing amount stays unknown, an unplaced partner stays unplaced; the rows say where to look.
A record id is 'initiative:KEY', 'agreement:KEY', 'flow:KEY#N' or 'actor:KEY'.
"""

from __future__ import annotations

from collections import defaultdict

from ...domain import ActorKind
from ...domain.classification import RelationClass
from ...domain.errors import N_
from ..classification import Classifier, override_for
from ..schemes import DEFAULT_SCHEME, scheme as get_scheme
from .money import flow_usd
from .scope import NeedsActor, Scope
from .table import Table

INTERNATIONAL = (ActorKind.MULTILATERAL, ActorKind.CITY_NETWORK)  # no country of their own, by design
COLUMNS = ["check", "count", "of"]  # not "records": the API gives every row its record ids under that name

# The checks in the order the report lists them; docs/INDICATORS.md says what each means.
CHECKS = ("relations_without_source", "actors_without_source", "initiatives_without_flows",
          "flows_amount_unknown", "flows_not_converted", "partners_without_country", "places_missing",
          "class_unknown", "relations_overridden", "source_class_differs")


def data_quality(scope: Scope) -> Table:
    if scope.actor is None:
        raise NeedsActor(N_("data-quality is about one actor: name the actor (--actor medellin on the command "
                            "line, actor=medellin in the API)"))
    table = Table("data-quality", COLUMNS)
    initiatives, undated_i = scope.initiatives()
    agreements, undated_g = scope.agreements()
    relations = [("initiative", i) for i in initiatives] + [("agreement", g) for g in agreements]
    found: dict[str, list[str]] = defaultdict(list)
    looked: dict[str, int] = defaultdict(int)

    def check(name: str, record: str, fails: bool) -> None:
        looked[name] += 1
        if fails:
            found[name].append(record)

    named: set[str] = {scope.actor}
    for kind, r in relations:
        rid = f"{kind}:{r.key}"
        check("relations_without_source", rid, not r.sources)
        named |= set(r.parties) if kind == "agreement" else {p.actor for p in r.participants if p.actor}
    for i in initiatives:
        check("initiatives_without_flows", f"initiative:{i.key}", not i.flows)
        for n, flow in enumerate(i.flows):
            fid = f"flow:{i.key}#{n}"
            check("flows_amount_unknown", fid, flow.amount is None)
            if flow.amount is not None:
                check("flows_not_converted", fid, flow_usd(flow) is None)
    actors = scope.data.actors
    for key in sorted(named):
        actor = actors.get(key)
        if actor is None:
            continue
        aid = f"actor:{key}"
        check("actors_without_source", aid, not actor.sources)
        if not scope.mine(key) and actor.kind not in INTERNATIONAL:
            check("partners_without_country", aid, actor.country is None)
        if actor.kind.subnational_government:
            _place(check, actor, actors)
    _classes(scope, relations, check)
    for name in CHECKS:
        table.add({"check": name, "count": len(found[name]), "of": looked[name]}, found[name])
    table.note(N_("classes under the scheme {scheme}"), scheme=scope.scheme or DEFAULT_SCHEME)
    table.note_scope(undated_i, undated_g, empty=not relations)
    return table


def _place(check, actor, actors) -> None:
    """A city or province with no place of its own nor a placed parent: not found among the known places, or
    its name fits several (`sursur actors geocode` says which, the place picker chooses). Telling the two
    apart here would mean loading the place index, seconds for a count the geocoder gives."""
    placed = bool(actor.place) or bool(actor.parent and actors.get(actor.parent) and actors[actor.parent].place)
    check("places_missing", f"actor:{actor.key}", not placed)


def _classes(scope: Scope, relations: list, check) -> None:
    """Under the scope's scheme: relations whose class is unknown, those a person overrode, and those whose
    source states a class that differs from the computed one."""
    name = scope.scheme or DEFAULT_SCHEME
    overrides = defaultdict(list)
    for o in scope.data.overrides:
        overrides[(o.record_type, o.record_key)].append(o)
    stated = {(kind, r.key): r.stated_class.value for kind, r in relations if r.stated_class}
    agreements = [r for kind, r in relations if kind == "agreement"]
    initiatives = [r for kind, r in relations if kind == "initiative"]
    for kind, key, value, _ in Classifier(scope.data.actors, get_scheme(name)).classes(agreements, initiatives):
        rid = f"{kind}:{key}"
        chosen = override_for(overrides[(kind, key)], name)
        check("class_unknown", rid, (chosen.value if chosen else value) is RelationClass.UNKNOWN)
        check("relations_overridden", rid, chosen is not None)
        if (kind, key) in stated:
            check("source_class_differs", rid, stated[(kind, key)] != value)

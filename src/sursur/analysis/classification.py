"""South–North classification of actors and relations under a scheme, with the reasons shown.

An actor takes the side of its country (or of its parent's country: an agency of a city); an
international body with no country is multilateral. A relation takes its class from its parties and
their roles: who provides, who receives, who supports. docs/METHODOLOGY.md explains each rule.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from ..domain import Actor, ActorKind, Agreement, Initiative, Role
from ..domain.classification import Override, RelationClass, Side
from ..reference.countries import facts
from .schemes import Scheme

PROVIDER_ROLES = {Role.OFFERER, Role.FIRST_OFFERER}
RECEIVER_ROLES = {Role.RECEIVER}
SUPPORT_ROLES = {Role.SECOND_OFFERER, Role.FUNDER}  # support the cooperation: can make it triangular
FACILITATOR_ROLES = {Role.FACILITATOR}  # convenes or hosts (a network, a bank's invitation): neither
# Role.BOTH and Role.PARTNER give no direction: the party is on both sides.


def position_of(role: Role) -> str:
    return ("provider" if role in PROVIDER_ROLES else "receiver" if role in RECEIVER_ROLES
            else "support" if role in SUPPORT_ROLES else "facilitator" if role in FACILITATOR_ROLES else "partner")


ROLE_POSITIONS = {role: position_of(role) for role in Role}
INTERNATIONAL_KINDS = {ActorKind.MULTILATERAL, ActorKind.CITY_NETWORK}


@dataclass(frozen=True)
class PartySide:
    """One party of a relation as the classification saw it."""

    label: str  # actor key, or the described party
    country: str | None
    side: Side
    position: str  # provider | receiver | partner | support | facilitator
    subnational: bool | None


@dataclass(frozen=True)
class RelationResult:
    record_type: str
    key: str
    scheme: str
    value: RelationClass
    decentralized: bool | None
    parties: tuple[PartySide, ...]
    reason: str  # machine-readable rule that decided: see REASONS
    stated: RelationClass | None = None
    override: RelationClass | None = None
    override_why: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def shown(self) -> RelationClass:
        """What a page shows first: a person's override, else the computed class (both are displayed)."""
        return self.override or self.value


class Classifier:
    """Classifies under one scheme; `actors` must hold every actor the records name (and their parents)."""

    def __init__(self, actors: dict[str, Actor], scheme: Scheme, on: date | None = None):
        self.actors, self.scheme, self.on = actors, scheme, on
        self._sides: dict[str, PartySide] = {}  # (key, position) → the party's side: asked once per actor
        self._decided: dict[tuple, tuple] = {}  # the parties' (side, position, subnational) → class, rule

    def _lineage(self, key: str):
        seen = set()
        while key and key in self.actors and key not in seen:
            seen.add(key)
            yield self.actors[key]
            key = self.actors[key].parent

    def country(self, key: str) -> str | None:
        return next((a.country for a in self._lineage(key) if a.country), None)

    def subnational(self, key: str) -> bool:
        """A city or province, or a body of one (ACI → Medellín)."""
        return any(a.kind.subnational_government for a in self._lineage(key))

    def side_of_country(self, country: str | None) -> Side:
        if not country:
            return Side.UNKNOWN
        return self.scheme.decide(facts(country, self.on))

    def actor_side(self, key: str) -> Side:
        country = self.country(key)
        if country:
            return self.side_of_country(country)
        if self.actors[key].kind in INTERNATIONAL_KINDS:
            return Side.MULTILATERAL
        return Side.UNKNOWN

    # --- relations ------------------------------------------------------------------------------------

    def agreement(self, g: Agreement) -> RelationResult:
        parties = [self._party(key, None, "partner") for key in g.parties]
        return self._result("agreement", g.key, parties, g.stated_class)

    def initiative(self, i: Initiative) -> RelationResult:
        parties = [self._party(p.actor, p, ROLE_POSITIONS[p.role]) for p in i.participants]
        return self._result("initiative", i.key, parties, i.stated_class)

    def classes(self, agreements: list[Agreement], initiatives: list[Initiative]):
        """(record type, key, class, decentralized) of each relation: the same decision as `agreement` and
        `initiative`, without the parties and reasons a page shows (for counting many relations)."""
        party = self._party
        for g in agreements:
            yield "agreement", g.key, *self._decide([party(k, None, "partner") for k in g.parties])[::2]
        for i in initiatives:
            yield "initiative", i.key, *self._decide([party(p.actor, p, ROLE_POSITIONS[p.role])
                                                      for p in i.participants])[::2]

    def _party(self, key: str | None, participation, position: str) -> PartySide:
        if key:
            found = self._sides.get((key, position))
            if found is None:
                found = self._sides[(key, position)] = PartySide(key, self.country(key), self.actor_side(key),
                                                                 position, self.subnational(key))
            return found
        # A described party ('ciudades chilenas'): its country may be known, its kind is not.
        country = participation.country
        return PartySide(participation.party, country, self.side_of_country(country), position, None)

    def _decide(self, parties: list[PartySide]) -> tuple[RelationClass, str, bool | None]:
        """(class, rule, decentralized). They depend only on the parties' sides, positions and kinds, which
        repeat across relations: each shape is decided once."""
        shape = tuple((p.side, p.position, p.subnational) for p in parties)
        found = self._decided.get(shape)
        if found is None:
            value, reason = decide(parties)
            found = self._decided[shape] = (value, reason, decentralized(parties))
        return found

    def _result(self, record_type: str, key: str, parties: list[PartySide], stated) -> RelationResult:
        value, reason, local = self._decide(parties)
        return RelationResult(record_type, key, self.scheme.name, value, local, tuple(parties),
                              reason, stated=stated.value if stated else None)


def with_override(result: RelationResult, overrides: list[Override]) -> RelationResult:
    """The result with a person's override beside it, if one applies: a scheme's own override beats an
    all-schemes one. The computed class stays; `shown` gives the override."""
    chosen = override_for([o for o in overrides if (o.record_type, o.record_key) == (result.record_type, result.key)],
                          result.scheme)
    if chosen is None:
        return result
    return dataclasses.replace(result, override=chosen.value, override_why=chosen.justification)


def override_for(record_overrides: list[Override], scheme: str) -> Override | None:
    """Of one record's overrides, the one that applies under `scheme`: its own, else an all-schemes one."""
    mine = [o for o in record_overrides if o.scheme in (None, scheme)]
    return max(mine, key=lambda o: o.scheme is not None) if mine else None


def decide(parties: list[PartySide]) -> tuple[RelationClass, str]:
    """The relation's class from its parties' sides and positions, and the name of the rule that decided."""
    main = [p for p in parties if p.position not in ("support", "facilitator")]
    support = [p for p in parties if p.position == "support"]
    main_sides = {p.side for p in main}
    if len(main) < 2:
        return RelationClass.UNKNOWN, "fewer_than_two_cooperating_parties"
    if (sum(p.side is Side.SOUTH for p in main) >= 2 and main_sides == {Side.SOUTH}
            and any(p.side in (Side.NORTH, Side.MULTILATERAL) for p in support)):
        return RelationClass.TRIANGULAR, "north_or_multilateral_supports_south"
    if Side.UNKNOWN in main_sides:
        return RelationClass.UNKNOWN, "a_party_has_no_known_country"
    if Side.MULTILATERAL in main_sides:
        return RelationClass.MULTILATERAL, "an_international_body_is_a_main_party"
    providers = {p.side for p in main if p.position == "provider"}
    receivers = {p.side for p in main if p.position == "receiver"}
    if len(providers) == 1 and len(receivers) == 1:
        pair = (providers.pop(), receivers.pop())
        return {(Side.SOUTH, Side.SOUTH): RelationClass.SOUTH_SOUTH,
                (Side.NORTH, Side.SOUTH): RelationClass.NORTH_SOUTH,
                (Side.SOUTH, Side.NORTH): RelationClass.SOUTH_NORTH,
                (Side.NORTH, Side.NORTH): RelationClass.NORTH_NORTH}[pair], "provider_to_receiver"
    if main_sides == {Side.SOUTH}:
        return RelationClass.SOUTH_SOUTH, "all_parties_south"
    if main_sides == {Side.NORTH}:
        return RelationClass.NORTH_NORTH, "all_parties_north"
    return RelationClass.NORTH_SOUTH, "north_and_south_without_direction"


def decentralized(parties: list[PartySide]) -> bool | None:
    """True when every main party is a subnational government or a body of one; None when one is unknown."""
    main = [p.subnational for p in parties if p.position not in ("support", "facilitator")]
    if not main or False in main:
        return False if main else None
    return None if None in main else True


@dataclass(frozen=True)
class Tally:
    """How many relations fall in each class, and their share of all (unknown included, never dropped)."""

    counts: dict[RelationClass, int]
    total: int

    def share(self, value: RelationClass) -> float | None:
        return self.counts.get(value, 0) / self.total if self.total else None


def tally(results: list[RelationResult], *, use_overrides: bool = True) -> Tally:
    counts = {value: 0 for value in RelationClass}
    for result in results:
        counts[result.shown if use_overrides else result.value] += 1
    return Tally(counts, len(results))


def country_sides(iso3: str, on: date | None = None) -> dict[str, Side]:
    """A country's side under every scheme."""
    from .schemes import SCHEMES

    found = facts(iso3, on)
    return {name: s.decide(found) for name, s in SCHEMES.items()}

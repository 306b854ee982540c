"""Which records an indicator reads: everything, or one actor's (with its own bodies), in a period."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain import Actor, Agreement, Initiative, Membership, Network
from ...domain.classification import Override
from ...domain.errors import N_, UserError


@dataclass
class Snapshot:
    """The records indicators read, loaded once by the service."""

    actors: dict[str, Actor]
    agreements: list[Agreement] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)  # people's classification overrides


def initiative_year(i: Initiative) -> int | None:
    return i.start.year if i.start else (i.end.year if i.end else None)


class Scope:
    """An actor (None: all), a period of years (either end open) and, for the indicators that classify,
    a scheme (None: all of them). Records with no year are kept when no period is asked for, and left
    out (and counted by the caller) when one is."""

    def __init__(self, data: Snapshot, actor: str | None = None, start: int | None = None,
                 end: int | None = None, scheme: str | None = None):
        if scheme is not None:
            from ..schemes import scheme as get_scheme

            get_scheme(scheme)  # an unknown scheme is refused with the valid names
        if actor is not None and actor not in data.actors:
            raise UnknownActor(actor, data.actors)
        if start is not None and end is not None and end < start:
            raise BadPeriod(N_("the period ends ({end}) before it starts ({start})"), start=start, end=end)
        self.data, self.actor, self.start, self.end, self.scheme = data, actor, start, end, scheme
        self._mine: dict[str, bool] = {}

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def in_period(self, year: int | None) -> bool:
        if not self.dated:
            return True
        if year is None:
            return False
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)

    def mine(self, key: str | None) -> bool:
        """Whether `key` is the actor or one of its own bodies (an agency of the city: parent chain)."""
        if key is None or self.actor is None:
            return False
        if key not in self._mine:
            seen, current, found = set(), key, False
            while current and current not in seen:
                if current == self.actor:
                    found = True
                    break
                seen.add(current)
                current = self.data.actors[current].parent if current in self.data.actors else None
            self._mine[key] = found
        return self._mine[key]

    def relevant_initiatives(self) -> list[Initiative]:
        """The actor's initiatives (all when no actor is asked), whatever their year."""
        if self.actor is None:
            return self.data.initiatives
        return [i for i in self.data.initiatives if any(self.mine(p.actor) for p in i.participants)]

    def initiatives(self) -> tuple[list[Initiative], int]:
        """(the initiatives in scope, how many of the actor's were left out for having no year)."""
        chosen, undated = [], 0
        for i in self.relevant_initiatives():
            year = initiative_year(i)
            if self.in_period(year):
                chosen.append(i)
            elif year is None:
                undated += 1
        return chosen, undated

    def agreements(self) -> tuple[list[Agreement], int]:
        chosen, undated = [], 0
        for g in self.data.agreements:
            if self.actor is not None and not any(self.mine(p) for p in g.parties):
                continue
            year = g.signed.year if g.signed else None
            if self.in_period(year):
                chosen.append(g)
            elif year is None:
                undated += 1
        return chosen, undated


class NeedsActor(UserError):
    """An indicator about one actor asked for without one."""

    parameter = "actor"  # the option or query parameter a caller must add


class BadPeriod(UserError):
    parameter = "to"


class UnknownActor(UserError):
    parameter = "actor"

    def __init__(self, key: str, actors: dict[str, Actor]):
        import difflib

        close = difflib.get_close_matches(key, list(actors), n=3, cutoff=0.5)
        super().__init__(N_("there is no actor '{key}'; the closest keys are: {close}") if close else
                         N_("there is no actor '{key}'; see `sursur actors list` for the keys"),
                         key=key, close=", ".join(close))

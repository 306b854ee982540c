"""The practice bank: practices behind filters (with the count each filter value gives), and one practice with
its owner and the history of its transfers (the initiatives that carried it elsewhere, and who received it).

The bank is small (a city has a handful of practices; a national bank, hundreds), so the filters run in Python
over every practice; the text search folds accents and case like Explore's.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from ..domain import Actor, Initiative, Practice
from ..domain.errors import N_, UserError
from ..domain.initiative import Participation, Role
from ..reference.text import fold
from ..reference.themes import taxonomy
from ..store import Store
from . import records
from .explore import BadFilter, check_printable

MAX_QUERY = 200
FACETS = ("owner", "theme", "country", "language")


class PracticeNotFound(UserError):
    """A practice key that names none: a 404, with the closest keys."""

    status = 404
    parameter = None

    def __init__(self, key: str, close: list[str]):
        super().__init__(N_("there is no practice '{key}'; the closest keys are: {close}") if close else
                         N_("there is no practice '{key}'; see the practice bank for the keys"),
                         key=key, close=", ".join(close))


@dataclass(frozen=True)
class BankFilters:
    q: str | None = None
    owner: str | None = None  # actor key
    theme: str | None = None  # theme id; the themes under it count too
    country: str | None = None  # the owner's country, ISO 3166 alpha-3
    language: str | None = None  # the language of the practice's title and summary

    def active(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Bank:
    filters: BankFilters
    practices: list[Practice]
    total: int  # every practice recorded, before the filters
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # counts over the matches
    owners: dict[str, Actor] = field(default_factory=dict)


def bank_filters(params: dict) -> BankFilters:
    """Filters from query parameters, each checked: a value that cannot be used is a BadFilter naming it."""
    wanted = {name: (params.get(name) or "").strip() or None for name in ("q", *FACETS)}
    check_printable(wanted)
    if wanted["q"] and len(wanted["q"]) > MAX_QUERY:
        raise BadFilter("q", N_("{parameter}: at most {limit} characters"), limit=MAX_QUERY)
    if wanted["theme"] and not taxonomy().exists(wanted["theme"]):
        raise BadFilter("theme", N_("{parameter}: '{value}' is not a theme id (e.g. segib:gender); see the themes "
                                    "offered in the list"), value=wanted["theme"])
    if wanted["country"]:
        wanted["country"] = wanted["country"].upper()
    return BankFilters(**wanted)


def _under(theme_id: str, wanted: str) -> bool:
    """The practice's theme is the wanted one or one of the themes under it."""
    tax = taxonomy()
    current = theme_id if tax.exists(theme_id) else None
    while current:
        if current == wanted:
            return True
        current = tax.get(current).parent
    return theme_id == wanted


def _values(p: Practice, owner: Actor | None) -> dict[str, list[str]]:
    return {"owner": [p.owner], "theme": list(p.themes), "country": [owner.country] if owner and owner.country
            else [], "language": [p.language] if p.language else []}


def _keeps(p: Practice, owner: Actor | None, f: BankFilters) -> bool:
    if f.q:
        text = fold(" ".join(x for x in (p.title, p.summary.text if p.summary else "") if x))
        if not all(word in text for word in fold(f.q).split()):
            return False
    values = _values(p, owner)
    if f.theme and not any(_under(t, taxonomy().get(f.theme).id) for t in p.themes):
        return False
    return all(not getattr(f, name) or getattr(f, name) in values[name] for name in ("owner", "country", "language"))


def bank(store: Store, filters: BankFilters = BankFilters()) -> Bank:
    """The practices that match every filter, by title, with per-value counts over those matches."""
    every = records.practices(store)
    owners = {a.key: a for a in records.actors(store)}
    found = sorted((p for p in every if _keeps(p, owners.get(p.owner), filters)), key=lambda p: fold(p.title))
    facets = {}
    for name in FACETS:
        counted = Counter(v for p in found for v in dict.fromkeys(_values(p, owners.get(p.owner))[name]))
        facets[name] = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    return Bank(filters, found, len(every), facets, owners)


@dataclass
class Transfer:
    """One initiative that carried the practice elsewhere; `initiative` is None if it is not recorded."""

    key: str
    initiative: Initiative | None
    receivers: list[Participation]


@dataclass
class PracticeDetail:
    practice: Practice
    owner: Actor | None
    transfers: list[Transfer]


def detail(store: Store, key: str) -> PracticeDetail:
    """One practice with its owner and its transfers; PracticeNotFound (404) with the closest keys."""
    every = {p.key: p for p in records.practices(store)}
    practice = every.get(key)
    if practice is None:
        raise PracticeNotFound(key, difflib.get_close_matches(key, list(every), n=3, cutoff=0.5))
    transfers = []
    for initiative_key in practice.transfers:
        found = records.one(store, "initiative", initiative_key)
        receivers = [p for p in found.participants if p.role is Role.RECEIVER] if found else []
        transfers.append(Transfer(initiative_key, found, receivers))
    return PracticeDetail(practice, records.one(store, "actor", practice.owner), transfers)


__all__ = ["Bank", "BankFilters", "PracticeDetail", "PracticeNotFound", "Transfer", "bank", "bank_filters",
           "detail"]

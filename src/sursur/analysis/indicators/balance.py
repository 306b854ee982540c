"""balance: B = (O − R) / (O + R) per actor, by count of initiatives and by value in USD.

O counts the initiatives an actor offers in (offerer, first or second offerer, funder, or both), R those
it receives in (receiver, or both). B runs from −1 (only receives) to +1 (only offers); no O and no R
is unknown, not 0. By value, O and R are the USD amounts of the flows from and to the actor (converted
at dated rates where needed: money.py); flows inside one actor (a city to its own agency) count for
neither side. A side whose initiatives carry no valued flow is unknown (never 0), and so is B by value.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ...domain import Role
from ...domain.errors import N_
from .money import flow_usd, note_conversion
from .scope import Scope, initiative_year
from .table import Table

OFFERING = {Role.OFFERER, Role.FIRST_OFFERER, Role.SECOND_OFFERER, Role.FUNDER, Role.BOTH}
RECEIVING = {Role.RECEIVER, Role.BOTH}
COLUMNS = ["actor", "offered", "received", "balance", "offered_usd", "received_usd", "balance_usd"]


def ratio(offered, received):
    total = offered + received
    return None if not total else (offered - received) / total


class Account:
    """What one actor does in the initiatives in scope: which it offers in, which it receives in, the
    records behind, and its USD amounts given and received."""

    def __init__(self):
        self.offered: set[str] = set()
        self.received: set[str] = set()
        self.both: set[str] = set()  # initiatives where it holds the role 'both'
        self.years: dict[str, list[int]] = {"offered": [], "received": []}
        self.records: set[str] = set()
        self.usd = {"offered": Decimal(0), "received": Decimal(0)}
        self.valued: set[str] = set()  # the sides with at least one flow valued in USD

    def usd_of(self, side: str) -> Decimal | None:
        """A side's USD: known when one of its flows is valued, or when the side has no initiative at all
        (a true 0) and the other side is valued; a side whose initiatives carry no valued flow is unknown."""
        initiatives = self.offered if side == "offered" else self.received
        if side in self.valued or (not initiatives and self.valued):
            return self.usd[side]
        return None


def accounts_of(scope: Scope, initiatives, values: bool = True) -> tuple[dict[str, Account], int, int]:
    """Each actor's account (only the asked actor's, its bodies folded in, when the scope has one), and
    how many amounts were converted to USD and how many could not be (`values=False`: roles only)."""

    def who(key: str | None) -> str | None:
        if key is None or scope.actor is None:
            return key
        return scope.actor if scope.mine(key) else None

    accounts: dict[str, Account] = defaultdict(Account)
    converted = not_converted = 0
    for i in initiatives:
        roles: dict[str, set[Role]] = defaultdict(set)
        for p in i.participants:
            if (key := who(p.actor)) is not None:
                roles[key].add(p.role)
        year = initiative_year(i)
        for key, held in roles.items():
            account = accounts[key]
            for side, kinds, into in (("offered", OFFERING, account.offered), ("received", RECEIVING, account.received)):
                if held & kinds:
                    into.add(i.key)
                    if year is not None:
                        account.years[side].append(year)
            if Role.BOTH in held:
                account.both.add(i.key)
            if held & (OFFERING | RECEIVING):
                account.records.add(f"initiative:{i.key}")
        for n, flow in enumerate(i.flows if values else ()):
            giver, taker = who(flow.from_actor), who(flow.to_actor)
            if flow.amount is None or giver == taker:
                continue
            usd = flow_usd(flow)
            if usd is None:
                not_converted += 1
                continue
            converted += flow.currency != "USD"
            for key, side in ((giver, "offered"), (taker, "received")):
                if key is not None:
                    account = accounts[key]
                    account.usd[side] += usd
                    account.valued.add(side)
                    account.records.add(f"flow:{i.key}#{n}")
    return accounts, converted, not_converted


def balance(scope: Scope) -> Table:
    table = Table("balance", COLUMNS)
    initiatives, undated = scope.initiatives()
    accounts, converted, not_converted = accounts_of(scope, initiatives)
    for key in sorted(accounts):
        account = accounts[key]
        if not account.records:
            continue
        o, r = len(account.offered), len(account.received)
        given, taken = account.usd_of("offered"), account.usd_of("received")
        table.add({"actor": key, "offered": o, "received": r, "balance": _round(ratio(o, r)),
                   "offered_usd": given, "received_usd": taken,
                   "balance_usd": None if given is None or taken is None else _round(ratio(given, taken))},
                  list(account.records))
    table.note(N_("B = (O − R) / (O + R): +1 only offers, −1 only receives; by value over the flows with an "
                  "amount in USD or convertible to it"))
    note_conversion(table, converted, not_converted)
    table.note_scope(undated, empty=not initiatives)
    return table


def _round(value):
    return None if value is None else round(float(value), 4)

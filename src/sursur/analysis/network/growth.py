"""growth: a network's members year by year, as a source states them and as they are listed.

Two counts, never mixed:
- stated: the number of members a source gives for that year (`Network.member_counts`: Mercociudades 12
  in 1995, 307 in 2016), record 'network:KEY#YEAR'; unknown in the years no source speaks of.
- listed: the memberships recorded one by one that had joined by that year and not left: a member is
  counted in the year it joins and not in the year it leaves. A founding member with no joining date is
  counted from the network's founding; any other member with no joining date is counted in no year
  (and named in a note), because when it joined is unknown.
A stated count above the listed one says the list is incomplete, not that members are missing.
The rows run from the first to the last year either count speaks of (within --from/--to).
"""

from __future__ import annotations

from ...domain import Membership, Network
from ...domain.errors import N_
from ..indicators.scope import Scope, Snapshot
from ..indicators.table import Table
from .networks import find_network, joined_year

COLUMNS = ["year", "stated", "listed", "joined", "left"]


def growth(data: Snapshot, name: str, start: int | None = None, end: int | None = None) -> Table:
    network = find_network(data, name)
    scope = Scope(data, None, start, end)  # checks the period
    table = Table("growth", COLUMNS)
    members = [m for m in data.memberships if m.network == network.key]
    joined = {id(m): joined_year(m, network) for m in members}
    undated = sorted(m.actor for m in members if joined[id(m)] is None)
    stated = {c.year: c.count for c in network.member_counts}
    years = set(stated) | {y for y in joined.values() if y is not None} | {m.left.year for m in members if m.left}
    for year in range(min(years), max(years) + 1) if years else ():
        if not scope.in_period(year):
            continue
        listed = [m for m in members if joined[id(m)] is not None and joined[id(m)] <= year
                  and not (m.left and m.left.year <= year)]
        came = [m for m in members if joined[id(m)] == year]
        went = [m for m in members if m.left and m.left.year == year]
        records = [f"membership:{m.actor}@{network.key}" for m in listed + came + went]
        if year in stated:
            records.append(f"network:{network.key}#{year}")
        table.add({"year": year, "stated": stated.get(year), "listed": len(listed), "joined": len(came),
                   "left": len(went)}, records)
    _notes(table, network, members, undated)
    return table


def _notes(table: Table, network: Network, members: list[Membership], undated: list[str]) -> None:
    table.note(N_("stated: the members a source counts that year; listed: the recorded members that had "
                  "joined and not left; the two are never added together"))
    founding = [m for m in members if m.founding]
    if founding:
        table.note(N_("{count} members are listed as founding members"), count=len(founding))
    inferred = [m for m in founding if not m.joined and network.founded]
    if inferred:
        table.note(N_("{count} founding members with no joining date are counted from the founding ({year})"),
                   count=len(inferred), year=network.founded.year)
    if undated:
        table.note(N_("{count} listed members have no joining date and are counted in no year: {actors}"),
                   count=len(undated), actors=", ".join(undated))
    for row in table.rows:
        if row["stated"] is not None and row["stated"] != row["listed"]:
            table.note(N_("in {year} a source states {stated} members and {listed} are listed"),
                       year=row["year"], stated=row["stated"], listed=row["listed"])
    if not table.rows:
        table.note(N_("no member count or dated membership of {network} in this period"), network=network.key)

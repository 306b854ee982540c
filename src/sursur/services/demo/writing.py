"""Checking the options and the target database, and writing the records, all in one transaction: either
every record is written or none.

The rule that keeps synthetic data apart: it is only written into a database that holds no records at all.
A database that already holds exactly what the same options make is left as it is (so running the same
command twice is harmless: the second run writes nothing and says so); any other content (the Medellín case,
an import, records typed in, synthetic data made with other options) is refused, with nothing written.

How it writes: sources, actors and initiatives go through the store's batched writer (store/bulk.py) a few
thousand at a time; networks through `Repository.save`; agreements and memberships, of which there are
thousands but which the batched writer does not take, with one executemany per table, which is safe here
because the database was checked to be empty.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, insert, select

from ...domain import Agreement, Dataset, Initiative, Membership
from ...domain.errors import N_, UserError
from ...store import Store, describe
from ...store import tables as t
from ..themes import check_themes
from .actors import make_actors, make_networks
from .common import Sizes, synthetic_source
from .initiatives import make_agreements, make_initiatives

__all__ = ["DemoReport", "DemoRefused", "Sizes", "check_sizes", "generate_demo"]

MIN_ACTORS = 10  # enough for every kind of actor and of initiative to have someone to draw
SYNTHETIC_PREFIX = "synthetic-seed-"
BATCH = 2000  # initiatives per batch: ~10 000 rows in all, a few MB of objects
ACTOR_BATCH = 5000

Progress = Callable[[str, int, int], None]  # (stage: actors, agreements or initiatives; done; total)


class DemoRefused(UserError):
    """Bad options, or a database that holds other data; nothing was written."""


@dataclass
class DemoReport:
    sizes: Sizes
    url: str
    written: bool = True  # False: the database already held this very data
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    most_active: list[tuple[str, str, int]] = field(default_factory=list)  # (key, name, initiatives)


def check_sizes(sizes: Sizes) -> None:
    """Raises DemoRefused with what is wrong with the options, before anything is opened."""
    if sizes.initiatives == 0 < sizes.flows:
        raise DemoRefused(N_("flows belong to initiatives: --flows {flows} needs --initiatives of at least 1"),
                          flows=sizes.flows)
    for option, value, minimum in (("--actors", sizes.actors, MIN_ACTORS), ("--initiatives", sizes.initiatives, 1),
                                   ("--flows", sizes.flows, 0), ("--seed", sizes.seed, 0)):
        if value < minimum:
            raise DemoRefused(N_("{option} must be a whole number of at least {minimum} (got {value})"),
                              option=option, minimum=minimum, value=value)


def generate_demo(store: Store, sizes: Sizes, progress: Progress | None = None) -> DemoReport:
    """Writes the synthetic records into an empty database, or finds them already there (see the module's
    docstring); raises DemoRefused, with nothing written, for any other database."""
    check_sizes(sizes)
    started = time.perf_counter()
    report = DemoReport(sizes, describe(store.url))
    with store.transaction() as repo:
        if _already_there(repo.conn, sizes, report.url):
            report.written = False
            report.counts = _stored_counts(repo.conn)
            report.seconds = time.perf_counter() - started
            return report
        _write(repo, sizes, report, progress or (lambda stage, done, total: None))
        if repo.conn.dialect.name == "postgresql":
            repo.conn.exec_driver_sql("ANALYZE")  # the planner's statistics, as after any bulk load
    report.seconds = time.perf_counter() - started
    return report


# --- the target database --------------------------------------------------------------------------------

def _count(conn: Connection, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _stored_counts(conn: Connection) -> dict[str, int]:
    return {table.name: _count(conn, table) for table in (t.actors, t.networks, t.memberships, t.agreements,
                                                          t.initiatives, t.participations, t.flows)}


def _already_there(conn: Connection, sizes: Sizes, url: str) -> bool:
    """False for an empty database, True when it holds what these options make; otherwise refuses."""
    tables = (t.sources, t.actors, t.agreements, t.initiatives, t.networks, t.memberships, t.practices,
              t.demands, t.case_loads, t.classification_overrides)
    if not any(_count(conn, table) for table in tables):
        return False
    sources = conn.execute(select(t.sources.c.key, t.sources.c.note).order_by(t.sources.c.key)).all()
    real = [key for key, _ in sources if not key.startswith(SYNTHETIC_PREFIX)]
    if real or not sources or _count(conn, t.case_loads) or _count(conn, t.classification_overrides):
        raise DemoRefused(N_("the database {url} already holds data that is not synthetic (sources: {sources}); "
                             "synthetic data is never mixed with real data, so nothing was written. Generate "
                             "into a new database, e.g. --db demo.db"),
                          url=url, sources=", ".join(real[:5]) or "—")
    counts = _stored_counts(conn)
    if ([tuple(s) for s in sources] == [(sizes.source_key, sizes.note)] and counts["actors"] == sizes.actors
            and counts["initiatives"] == sizes.initiatives and counts["flows"] == sizes.flows
            and counts["agreements"] == sizes.agreements):
        return True
    raise DemoRefused(N_("the database {url} already holds synthetic data made with other options ({sources}); "
                         "nothing was written. Generate into a new database, or repeat the options it was made "
                         "with (they are in the note of its source)"),
                      url=url, sources=", ".join(key for key, _ in sources[:5]))


# --- writing ----------------------------------------------------------------------------------------------

def _write(repo, sizes: Sizes, report: DemoReport, progress: Progress) -> None:
    conn = repo.conn
    cast = make_actors(sizes)
    writer = repo.bulk_writer()
    writer.save(Dataset(sources=[synthetic_source(sizes)]))
    for start in range(0, len(cast.actors), ACTOR_BATCH):
        writer.save(Dataset(actors=cast.actors[start:start + ACTOR_BATCH]))
        progress("actors", min(start + ACTOR_BATCH, len(cast.actors)), len(cast.actors))
    networks, memberships = make_networks(sizes, cast)
    repo.save(Dataset(networks=networks))
    source_id = conn.execute(select(t.sources.c.id).where(t.sources.c.key == sizes.source_key)).scalar_one()
    actor_ids = dict(conn.execute(select(t.actors.c.key, t.actors.c.id)).all())
    _insert_memberships(conn, memberships, actor_ids, source_id)
    agreements = make_agreements(sizes, cast)
    check_themes(Dataset(agreements=agreements))
    _insert_agreements(conn, agreements, actor_ids, source_id)
    progress("agreements", len(agreements), len(agreements))
    writer = repo.bulk_writer()  # a new one: it reads the agreements' ids when it is made
    taking_part: Counter[str] = Counter()
    batch: list[Initiative] = []
    done = flows = participations = 0
    for initiative in make_initiatives(sizes, cast, agreements):
        batch.append(initiative)
        taking_part.update({p.actor for p in initiative.participants})
        flows += len(initiative.flows)
        participations += len(initiative.participants)
        if len(batch) == BATCH:
            done += _save_initiatives(writer, batch)
            progress("initiatives", done, sizes.initiatives)
    done += _save_initiatives(writer, batch)
    progress("initiatives", done, sizes.initiatives)
    report.counts = {"actors": len(cast.actors), "networks": len(networks), "memberships": len(memberships),
                     "agreements": len(agreements), "initiatives": done, "participations": participations,
                     "flows": flows}
    report.most_active = [(key, cast.names[key], n) for key, n in
                          sorted(taking_part.items(), key=lambda item: (-item[1], item[0]))[:5]]


def _save_initiatives(writer, batch: list[Initiative]) -> int:
    if not batch:
        return 0
    data = Dataset(initiatives=list(batch))
    check_themes(data)
    writer.save(data)
    batch.clear()
    return len(data.initiatives)


def _cited(record_type: str, ids: list[int], source_id: int) -> list[dict]:
    return [{"record_type": record_type, "record_id": i, "position": 0, "source_id": source_id,
             "source_locator": None} for i in ids]


def _insert_memberships(conn: Connection, memberships: list[Membership], actor_ids: dict[str, int],
                        source_id: int) -> None:
    """The rows Writer.membership writes, for a database known to hold none."""
    if not memberships:
        return
    network_ids = dict(conn.execute(select(t.networks.c.key, t.networks.c.id)).all())
    first = conn.execute(select(func.coalesce(func.max(t.memberships.c.id), 0))).scalar_one()
    conn.execute(insert(t.memberships), [
        {"actor_id": actor_ids[m.actor], "network_id": network_ids[m.network], "founding": m.founding,
         "joined": str(m.joined) if m.joined else None, "left": str(m.left) if m.left else None}
        for m in memberships])
    ids = list(conn.execute(select(t.memberships.c.id).where(t.memberships.c.id > first)
                            .order_by(t.memberships.c.id)).scalars())
    conn.execute(insert(t.citations), _cited("membership", ids, source_id))


def _insert_agreements(conn: Connection, agreements: list[Agreement], actor_ids: dict[str, int],
                       source_id: int) -> None:
    """The rows Writer.agreement writes, for a database known to hold none."""
    if not agreements:
        return
    conn.execute(insert(t.agreements), [
        {"key": g.key, "kind": g.kind.value, "area": g.area, "status": g.status.value,
         "signed": str(g.signed) if g.signed else None, "ended": str(g.ended) if g.ended else None,
         "stated_class": None, "stated_id": None, "stated_locator": None} for g in agreements])
    ids = dict(conn.execute(select(t.agreements.c.key, t.agreements.c.id)).all())
    conn.execute(insert(t.agreement_parties), [
        {"agreement_id": ids[g.key], "actor_id": actor_ids[party], "position": n}
        for g in agreements for n, party in enumerate(g.parties)])
    conn.execute(insert(t.citations), _cited("agreement", [ids[g.key] for g in agreements], source_id))
    conn.execute(insert(t.record_themes), [
        {"record_type": "agreement", "record_id": ids[g.key], "position": n, "theme": theme}
        for g in agreements for n, theme in enumerate(g.themes)])

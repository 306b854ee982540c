"""Indicators and network measures at scale, on SQLite and PostgreSQL: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_indicators.py                      # 20 000 actors, 200 000 initiatives,
                                                                         # 1 000 000 flows, on both backends
    .venv/bin/python benchmarks/bench_indicators.py --sqlite /tmp/demo_full.db   # reuse a generated file
    .venv/bin/python benchmarks/bench_indicators.py --actors 2000 --initiatives 20000 --flows 100000

The database is made by `sursur demo generate` (synthetic records, never mixed with real ones). Each
backend runs in its own process, so its peak memory is its own. For one actor, each indicator is timed
as the service runs it (reading that actor's records, then computing). For the whole database, the
records are read once (timed apart) and each indicator's computation is timed on them; the graph
measures are timed on the relation graph of the whole database. Targets (issue 5): one actor under
200 ms, the whole database under 5 s per indicator, the graph measures under 30 s, peak under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURSUR = [str(Path(sys.executable).parent / "sursur")]


def generate(url: str, args) -> float:
    started = time.perf_counter()
    subprocess.run([*SURSUR, "--db", url, "demo", "generate", "--actors", str(args.actors), "--initiatives",
                    str(args.initiatives), "--flows", str(args.flows), "--seed", str(args.seed)], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(url: str) -> dict:
    """Runs in a process of its own: every figure for one database."""
    from sqlalchemy import func, select

    from sursur.analysis.indicators import INDICATORS, Scope, indicator
    from sursur.analysis.network import GRAPH_MEASURES, relations
    from sursur.services.indicators import run_indicator, snapshot
    from sursur.store import Store
    from sursur.store import tables as t

    store = Store(url)
    with store.reading() as repo:
        busy = repo.conn.execute(
            select(t.actors.c.key, func.count()).join(t.participations, t.participations.c.actor_id == t.actors.c.id)
            .group_by(t.actors.c.key).order_by(func.count().desc(), t.actors.c.key)).all()
        counts = repo.counts()
    typical = busy[len(busy) // 2]
    result = {"counts": counts, "one_actor": {}, "whole": {}, "graph": {}}
    for label, (key, n) in (("busiest", busy[0]), ("typical", typical)):
        rows = {}
        for name in INDICATORS:
            run_indicator(store, name, key)  # warm: imports, rate table, country lists
            started = time.perf_counter()
            run_indicator(store, name, key)
            rows[name] = time.perf_counter() - started
        result["one_actor"][label] = {"actor": key, "initiatives": n, "seconds": rows}

    started = time.perf_counter()
    data = snapshot(store)
    result["whole_load"] = time.perf_counter() - started
    for name in INDICATORS:
        if name in ("partners-by-area", "key-figures"):
            continue  # about one actor only
        started = time.perf_counter()
        table = indicator(name)(Scope(data))
        result["whole"][name] = (time.perf_counter() - started, len(table.rows))

    started = time.perf_counter()
    graph = relations(Scope(data), True)
    result["graph"]["build"] = time.perf_counter() - started
    for name in ("centrality", "communities", "reciprocity", "stats"):
        started = time.perf_counter()
        GRAPH_MEASURES[name][0](graph)
        result["graph"][name] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def report(backend: str, r: dict, generated: float | None) -> None:
    c = r["counts"]
    print(f"\n== {backend}: {c['actors']} actors, {c['initiatives']} initiatives, {c['agreements']} agreements"
          + (f" (generated in {generated:.0f} s)" if generated else ""))
    print(f"one actor (service: reads its records, computes)      target < 200 ms")
    for label, one in r["one_actor"].items():
        worst = max(one["seconds"].values())
        print(f"  {label:8} {one['actor']} ({one['initiatives']} initiatives): "
              + ", ".join(f"{k} {v * 1000:.0f}" for k, v in one["seconds"].items()) + f" ms; slowest {worst * 1000:.0f} ms")
    print(f"whole database: reading every record once {r['whole_load']:.1f} s; then, per indicator   target < 5 s")
    for name, (seconds, rows) in r["whole"].items():
        print(f"  {name:15} {seconds:6.2f} s  ({rows} rows)   read + compute {r['whole_load'] + seconds:.1f} s")
    g = r["graph"]
    print(f"relation graph: built in {g['build']:.1f} s; " + ", ".join(
        f"{k} {v:.1f} s" for k, v in g.items() if k != "build") + "   target < 30 s each")
    print(f"peak memory of this process: {r['peak_mb']:.0f} MB   target < 2048 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--initiatives", type=int, default=200_000)
    parser.add_argument("--flows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sqlite", help="an already generated SQLite file (else one is generated)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: the child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return

    def child(url: str) -> dict:
        out = subprocess.run([sys.executable, __file__, "--measure", url], check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    with tempfile.TemporaryDirectory() as tmp:
        generated = None
        url = f"sqlite:///{args.sqlite}" if args.sqlite else f"sqlite:///{tmp}/demo.db"
        if not args.sqlite:
            generated = generate(url, args)
        report("SQLite", child(url), generated)
        if args.no_postgres:
            return
        sys.path.insert(0, str(ROOT))
        from tests.pg import PostgresServer

        server = PostgresServer().start()
        try:
            url = server.create_database("bench")
            generated = generate(url, args)
            report("PostgreSQL", child(url), generated)
        finally:
            server.stop()


if __name__ == "__main__":
    main()

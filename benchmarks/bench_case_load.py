"""How long `sursur case load medellin` takes: first load into a new database, and a reload.

    make benchmark                                   # SQLite, 5 rounds
    .venv/bin/python benchmarks/bench_case_load.py --rounds 10 --db postgresql://user@host/db_prefix

Prints the figures; asserts nothing. With --db postgresql://..., each round creates (and drops) a database
named after the URL's database with a round suffix, so the server must allow CREATE DATABASE.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sursur.services.cases import load_case
from sursur.store import Store, describe, normalize_url


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def fresh_urls(base: str | None, rounds: int, folder: Path):
    if not base:
        return [f"sqlite:///{folder / f'bench{n}.db'}" for n in range(rounds)]
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(normalize_url(base))
    names = [f"{url.database}_bench{n}" for n in range(rounds)]
    admin = f"host={url.host} port={url.port or 5432} user={url.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    return [url.set(database=name).render_as_string(hide_password=False) for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", help="a postgresql:// URL (default: new SQLite files)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        urls = fresh_urls(args.db, args.rounds, Path(folder))
        first, again, init = [], [], []
        for url in urls:
            store = None

            def open_store():
                nonlocal store
                store = Store(url, create=True, migrate=True)

            init.append(timed(open_store))
            first.append(timed(lambda: load_case(store, "medellin")))
            again.append(timed(lambda: load_case(store, "medellin")))
            store.close()
        script = Path(sys.executable).parent / "sursur"
        cli_db = urls[0]
        cli = timed(lambda: subprocess.run([str(script), "--db", cli_db, "case", "load", "medellin"],
                                           check=True, capture_output=True))

    def row(name, values):
        print(f"{name:<36} median {statistics.median(values) * 1000:8.1f} ms   "
              f"min {min(values) * 1000:8.1f} ms   max {max(values) * 1000:8.1f} ms")

    print(f"database: {describe(urls[0]).split('/')[0]}//…  rounds: {args.rounds}  python {sys.version.split()[0]}")
    row("create schema (migrations)", init)
    row("case load medellin, first time", first)
    row("case load medellin, again (no-op)", again)
    print(f"{'whole CLI command (process start)':<36} {cli * 1000:8.1f} ms")


if __name__ == "__main__":
    main()

"""The observatory's speed: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_web.py                          # pages on the case database
    .venv/bin/python benchmarks/bench_web.py --generated /tmp/demo_full.db   # + API p50/p95 there
    .venv/bin/python benchmarks/bench_web.py --load 10                # + requests/s for 10 s from a 2nd process

1. Server time of each page on the Medellín case (SQLite), measured in-process (ASGI, no network): the
   median and the slowest of `--repeat` runs after one warm-up. Target (issue 6): under 100 ms.
2. With `--generated FILE` (a `sursur demo generate` database): p50 and p95 of the API's list and
   indicator endpoints over many actors, in-process. Target: p95 under 150 ms.
3. With `--load SECONDS`: `sursur serve` in one process, loaded from a second one over loopback (Debian's
   `wrk` when installed, and a pool of Python threads keeping connections open), on a read endpoint;
   requests per second and errors. Target: ≥ 500/s. Repeated reads are answered from the server's answer
   cache (web/cache.py), as they would be in use; the first read of each is in the API figures above.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURSUR = str(Path(sys.executable).parent / "sursur")
PAGES = ["/", "/explore", "/explore?record=agreement&actor=medellin", "/actor/medellin", "/initiative/lima-parques",
         "/agreement/t1-barcelona", "/actors", "/agreements", "/initiatives", "/networks", "/methodology",
         "/api/v1/initiatives", "/api/v1/indicators/key-figures?actor=medellin"]


def case_db(folder: Path) -> str:
    db = str(folder / "case.db")
    for args in (["init"], ["case", "load", "medellin"], ["actors", "geocode"]):
        subprocess.run([SURSUR, "--db", db, *args], check=True, stdout=subprocess.DEVNULL)
    return db


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return elapsed


def pages(db: str, repeat: int) -> None:
    from fastapi.testclient import TestClient

    from sursur.store import Store
    from sursur.web.app import create_app

    computed, cached = TestClient(create_app(Store(db), cache=False)), TestClient(create_app(Store(db)))
    print(f"pages on the case database ({repeat} runs after a warm-up)      target < 100 ms")
    print(f"  {'':52} {'computed':>26}   {'from the cache':>14}")
    for url in PAGES:
        timed(computed, url), timed(cached, url)
        runs = [timed(computed, url) for _ in range(repeat)]
        hits = [timed(cached, url) for _ in range(repeat)]
        print(f"  {url:52} median {statistics.median(runs):6.1f} ms, slowest {max(runs):6.1f} ms   "
              f"median {statistics.median(hits):5.1f} ms")


def api(db: str, actors: int) -> None:
    from fastapi.testclient import TestClient

    from sursur.store import Store
    from sursur.web.app import create_app

    store = Store(db)
    with store.reading() as repo:
        keys = [k for k, _, _ in repo.busiest_actors(5000)]
    chosen = keys[len(keys) // 4:][:actors]  # ordinary actors, not the few giants
    client = TestClient(create_app(store, cache=False))  # every answer computed: no actor is asked twice anyway
    endpoints = {
        "list initiatives, page 1": lambda k: "/api/v1/initiatives?per_page=50",
        "list initiatives, page 1, facets=false": lambda k: "/api/v1/initiatives?per_page=50&facets=false",
        "list initiatives of an actor": lambda k: f"/api/v1/initiatives?actor={k}",
        "list agreements of an actor": lambda k: f"/api/v1/agreements?actor={k}",
        "list actors by country": lambda k: "/api/v1/actors?country=BRA",
        "indicator balance of an actor": lambda k: f"/api/v1/indicators/balance?actor={k}",
        "indicator key-figures of an actor": lambda k: f"/api/v1/indicators/key-figures?actor={k}",
    }
    print(f"API on {db} ({len(chosen)} actors each)                       target p95 < 150 ms")
    for name, make in endpoints.items():
        timed(client, make(chosen[0]))
        runs = sorted(timed(client, make(k)) for k in chosen)
        p95 = runs[min(len(runs) - 1, int(len(runs) * 0.95))]
        print(f"  {name:40} p50 {statistics.median(runs):7.1f} ms   p95 {p95:7.1f} ms")


def load(db: str, seconds: float, threads: int) -> None:
    import http.client
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([SURSUR, "--db", db, "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/api/v1/sources")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        path = "/api/v1/initiatives/lima-parques"
        if shutil.which("wrk"):  # Debian's wrk: a load generator in C, not limited by Python's GIL
            for header in ([], ["-H", "Accept-Encoding: gzip"]):
                run = subprocess.run(["wrk", "-t2", f"-c{threads * 2}", f"-d{int(seconds)}s", *header,
                                      f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
                rate = re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1)
                bad = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: [^\n]+)", run.stdout)
                print(f"load (wrk, {threads * 2} connections{', gzip' if header else ''}): GET {path}: "
                      f"{float(rate):.0f} requests/s, {'; '.join(bad) or 'no error'}      target >= 500/s")
        done, errors = [0] * threads, [0] * threads
        stop = time.monotonic() + seconds

        def worker(n: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while time.monotonic() < stop:
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    if response.status == 200:
                        done[n] += 1
                    else:
                        errors[n] += 1
                except OSError:
                    errors[n] += 1
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

        pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
        started = time.monotonic()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        elapsed = time.monotonic() - started
        print(f"load (Python threads): GET {path} from {threads} threads for {elapsed:.1f} s: {sum(done) / elapsed:.0f} requests/s, "
              f"{sum(errors)} errors      target >= 500/s, no error")
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--generated", help="a generated database file for the API figures")
    parser.add_argument("--actors", type=int, default=100)
    parser.add_argument("--load", type=float, default=0, help="seconds of load on one `sursur serve` process")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = case_db(Path(folder))
        pages(db, args.repeat)
        if args.generated:
            api(args.generated, args.actors)
        if args.load:
            load(db, args.load, args.threads)


if __name__ == "__main__":
    main()

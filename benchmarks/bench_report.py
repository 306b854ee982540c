"""The cooperation report's time and peak memory: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_report.py                          # Medellín, then a generated actor
    .venv/bin/python benchmarks/bench_report.py --sqlite /tmp/demo_full.db   # reuse a generated database
    .venv/bin/python benchmarks/bench_report.py --skip-generated             # Medellín only

Each report is made in a process of its own (as `sursur report` is), so its time includes loading
sursur, and its peak memory is its own. The time is split into reading and computing (build_report),
laying out the HTML, and printing the PDF. The generated database is made by `sursur demo generate`
(20 000 actors, 200 000 initiatives, 1 000 000 flows: a few minutes) unless --sqlite names one; the
actor whose initiatives are closest to 10 000 is reported on. Targets (issue 9): Medellín under 10 s,
the 10 000-initiative actor under 60 s.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURSUR = [str(Path(sys.executable).parent / "sursur")]


def one_report(url: str, actor: str, out: str, lang: str) -> dict:
    """Runs in a process of its own: one report, timed by stage."""
    began = time.perf_counter()
    from sursur.reports.html import render_html
    from sursur.reports.pdf import render_pdf
    from sursur.services.reports import build_report
    from sursur.store import Store

    loaded = time.perf_counter()
    data = build_report(Store(url), actor)
    built = time.perf_counter()
    html = render_html(data, lang)
    laid = time.perf_counter()
    pdf = render_pdf(html)
    printed = time.perf_counter()
    Path(out).write_bytes(pdf)  # before counting its pages
    return {"actor": data.actor.name, "initiatives": len(data.initiatives), "agreements": len(data.agreements),
            "pages": _pages(out), "bytes": len(pdf),
            "import_s": loaded - began, "build_s": built - loaded, "html_s": laid - built, "pdf_s": printed - laid,
            "total_s": printed - began}


def _pages(path: str) -> str:
    """The page count pdfinfo (poppler-utils) reads, or '?' without it."""
    if not shutil.which("pdfinfo"):
        return "?"
    found = re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout, re.M)
    return found.group(1) if found else "?"


def run(url: str, actor: str, out: str, lang: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", url, actor, out, lang], check=True,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures.update(wall_s=wall, peak_mb=max(peak, before) / 1024)
    return figures


def medellin_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'medellin.db'}"
    for step in (["init"], ["case", "load", "medellin"], ["actors", "geocode"]):
        subprocess.run([*SURSUR, "--db", url, *step], check=True, stdout=subprocess.DEVNULL)
    return url


def generated_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'generated.db'}"
    started = time.perf_counter()
    subprocess.run([*SURSUR, "--db", url, "demo", "generate"], check=True, stdout=subprocess.DEVNULL)
    print(f"generated database made in {time.perf_counter() - started:.0f} s")
    return url


def closest_to(url: str, wanted: int) -> tuple[str, int]:
    from sursur.store import Store

    Store(url, migrate=True)
    with Store(url).reading() as repo:
        busiest = repo.busiest_actors(50)
    key, _, n = min(busiest, key=lambda row: abs(row[2] - wanted))
    return key, n


def show(label: str, f: dict) -> None:
    print(f"{label}: {f['actor']}, {f['initiatives']:,} initiatives and {f['agreements']:,} agreements, "
          f"{f['pages']} pages, {f['bytes'] / 1024:,.0f} KB")
    print(f"  total {f['wall_s']:.1f} s (import {f['import_s']:.1f}, read and compute {f['build_s']:.1f}, "
          f"HTML {f['html_s']:.1f}, PDF {f['pdf_s']:.1f}); peak memory {f['peak_mb']:,.0f} MB")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(one_report(*sys.argv[2:6])))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite", help="a database made by `sursur demo generate` (default: make one)")
    parser.add_argument("--skip-generated", action="store_true", help="Medellín only")
    parser.add_argument("--lang", default="es")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        show("Medellín (target < 10 s)", run(medellin_db(folder), "medellin", str(folder / "m.pdf"), args.lang))
        if args.skip_generated:
            return
        url = f"sqlite:///{Path(args.sqlite).resolve()}" if args.sqlite else generated_db(folder)
        key, n = closest_to(url, 10_000)
        show(f"generated actor with {n:,} initiatives (target < 60 s)",
             run(url, key, str(folder / "g.pdf"), args.lang))


if __name__ == "__main__":
    main()

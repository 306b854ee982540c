"""How fast `sursur import iati` is, beside plain lxml iterparse and iatikit over the same files.

    .venv/bin/python benchmarks/bench_iati_import.py [--copies 10] [--data ../shared/data/iati] [--repeat 1]

Builds a corpus of COPIES copies of every file in the data folder (each activity's iati-identifier
suffixed with its copy, so every activity is a new record), then times, each in its own process:
  1. plain lxml iterparse: every iati-activity read and freed, nothing else;
  2. iatikit: every activity, and the fields sursur maps, read with iatikit's API and XPath;
  3. sursur's reading alone: IatiFile (schema validation included) and the mapping, writing nothing;
  4. sursur: `import_iati(..., skip_invalid=True)` into a new SQLite file, from interpreter start
     (imports, schema creation, validation, mapping, writing) to commit.
Prints MB, seconds and MB/s for each, and the ratios against the targets (sursur at least half as fast
as iatikit, and at least a third as fast as plain iterparse). With --repeat N each process runs N times
and its fastest run counts (a shared machine's noise is a few percent). Asserts nothing. Needs iatikit installed
for column 2 (`pip install iatikit`); without it, that column is skipped with the reason.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "iati"
_IDENTIFIER = re.compile(rb"(<iati-identifier>\s*)([^<]*?)(\s*</iati-identifier>)")

ITERPARSE = r"""
import sys, time, json
from lxml import etree
t = time.perf_counter(); n = 0
for path in sys.argv[1:]:
    for _, el in etree.iterparse(path, tag="iati-activity", resolve_entities=False, no_network=True):
        n += 1
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
print(json.dumps({"activities": n, "inner": time.perf_counter() - t}))
"""

IATIKIT = r"""
import sys, time, json
t = time.perf_counter()
from iatikit.data.dataset import Dataset
n = 0
for path in sys.argv[1:]:
    for a in Dataset(path).activities:
        n += 1
        # a.sector needs codelists that iatikit downloads from the network: read with XPath instead
        fields = (a.iati_identifier, a.title, a.description, a.start, a.end,
                  a.etree.xpath("sector/@code"), a.etree.xpath("sector/@vocabulary"),
                  a.etree.xpath("reporting-org/@ref"), a.etree.xpath("activity-status/@code"),
                  a.etree.xpath("collaboration-type/@code"), a.etree.xpath("recipient-country/@code"),
                  a.etree.xpath("recipient-region/@code"), a.etree.xpath("tag/@code"),
                  [(o.get("ref"), o.get("type"), o.get("role"), o.xpath("narrative/text()"))
                   for o in a.etree.xpath("participating-org")],
                  [(x.xpath("transaction-type/@code"), x.xpath("transaction-date/@iso-date"),
                    x.xpath("value/text()"), x.xpath("value/@currency"), x.xpath("value/@value-date"),
                    x.xpath("provider-org/@ref"), x.xpath("receiver-org/@ref"))
                   for x in a.etree.xpath("transaction")])
print(json.dumps({"activities": n, "inner": time.perf_counter() - t}))
"""

SURSUR_READ = r"""
import sys, time, json
t = time.perf_counter()
from sursur.interchange.iati import ActivityMapper, IatiFile, identifier_key
n = 0
for path in sys.argv[1:]:
    mapper = ActivityMapper(path, "iati-bench")
    for read in IatiFile(path):
        n += 1
        if read.activity is not None:
            mapper.map(read.activity, identifier_key(read.activity.identifier))
print(json.dumps({"activities": n, "inner": time.perf_counter() - t}))
"""

SURSUR = r"""
import sys, time, json
t = time.perf_counter()
from sursur.store import Store
from sursur.services.iati import import_iati
store = Store("sqlite:///" + sys.argv[1], create=True)
started = time.perf_counter()
report = import_iati(store, sys.argv[2:], skip_invalid=True)
print(json.dumps({"activities": report.total("activities"), "imported": report.total("imported"),
                  "refused": report.total("refused"), "flows": report.total("flows"),
                  "import": time.perf_counter() - started, "inner": time.perf_counter() - t}))
"""


def build_corpus(data: Path, copies: int, folder: Path) -> list[Path]:
    paths = []
    for copy in range(1, copies + 1):
        for source in sorted(data.glob("*.xml")):
            target = folder / f"c{copy:02d}_{source.name}"
            suffix = rb"\g<1>\g<2>-copy%02d\g<3>" % copy
            target.write_bytes(_IDENTIFIER.sub(suffix, source.read_bytes()))
            paths.append(target)
    return paths


def run(script: str, args: list[str], repeat: int = 1) -> tuple[float, dict]:
    """(seconds, what the script printed) of the fastest of `repeat` runs."""
    best: tuple[float, dict] | None = None
    for _ in range(max(1, repeat)):
        for path in args:  # the import writes a new database each time
            if path.endswith(".db"):
                Path(path).unlink(missing_ok=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
        if best is None or elapsed < best[0]:
            best = elapsed, json.loads(done.stdout.strip().splitlines()[-1])
    return best


def iatikit_missing() -> str | None:
    probe = subprocess.run([sys.executable, "-c", "import iatikit.data.dataset"], capture_output=True, text=True,
                           check=False)
    return None if probe.returncode == 0 else "iatikit is not installed (pip install iatikit)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each process; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sursur-iati-bench-") as tmp:
        folder = Path(tmp)
        paths = build_corpus(args.data, args.copies, folder)
        files = [str(p) for p in paths]
        mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {len(paths)} files, {mb:.1f} MB ({args.copies} copies of {args.data})")
        results: dict[str, float] = {}
        print(f"{'reader':<38}{'MB':>7}{'s':>9}{'MB/s':>9}  activities")
        for label, script, extra in (("lxml iterparse (plain)", ITERPARSE, []),
                                     ("iatikit (activities + fields)", IATIKIT, []),
                                     ("sursur read+validate+map, no store", SURSUR_READ, []),
                                     ("sursur import iati -> SQLite", SURSUR, [str(folder / "bench.db")])):
            if script is IATIKIT and (reason := iatikit_missing()):
                print(f"{label:<38}  skipped: {reason}")
                continue
            seconds, out = run(script, extra + files, args.repeat)
            results[label] = mb / seconds
            detail = f"{out['activities']}"
            if "imported" in out:
                detail += (f" read, {out['imported']} imported, {out['refused']} refused, {out['flows']} flows; "
                           f"import_iati alone {out['import']:.2f} s ({mb / out['import']:.1f} MB/s)")
            print(f"{label:<38}{mb:>7.1f}{seconds:>9.2f}{mb / seconds:>9.1f}  {detail}")
        ours = results.get("sursur import iati -> SQLite")
        plain = results.get("lxml iterparse (plain)")
        kit = results.get("iatikit (activities + fields)")
        print("targets (whole processes):")
        if ours and kit:
            met = "met" if ours / kit >= 0.5 else "NOT met"
            print(f"  sursur / iatikit   = {ours / kit:.2f}  (target >= 0.50: {met})")
        if ours and plain:
            print(f"  sursur / iterparse = {ours / plain:.2f}  (target >= 0.33: "
                  f"{'met' if ours / plain >= 1 / 3 else 'NOT met'})")


if __name__ == "__main__":
    main()

"""How fast and how well sursur reads place names: both sides of every row of a list of twinned towns.

    .venv/bin/python benchmarks/bench_twinnings_resolve.py [--file PATH] [--show 15] [--no-tracemalloc]

The default file is the Wikidata extract of European twinnings by rogorido (one row per pair: origin town
and country, sister town and country, each with coordinates and population). Every name is resolved with
`resolve_place(name, country)`, the country being the file's (an English name, read with
`resolve_country`, or failing that with hdx-python-country's fuzzy matching). The file's coordinates are
never used to resolve; they are used after, to check that a resolved town is the one the file means.

Prints figures; asserts nothing. The index is built once, timed apart from the resolving; memory is
the process's peak (getrusage), then, in a second build under tracemalloc, what the build allocates at
its peak and what the index keeps.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from sursur.reference.country_names import UnknownCountry, resolve_country
from sursur.reference.place_index import place_index
from sursur.reference.places import TERRITORIES, distance_km, resolve_place

DEFAULT_FILE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "twinnings" / \
    "rogorido_eu_sistercities_wikidata.tsv"
SIDES = (("origincityLabel", "origincountry", "originlat", "originlong"),
         ("sistercityLabel", "destination_countryLabel", "destinationlat", "destinationlong"))
NEAR_KM = 25.0


def read_names(path: Path) -> tuple[int, list[tuple[str, str, float | None, float | None]]]:
    """(rows, [(name, country as written, lat, lon)]) for both sides of every row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    names = []
    for row in rows:
        for name, country, lat, lon in SIDES:
            names.append((row[name].strip(), row[country].strip(), _number(row[lat]), _number(row[lon])))
    return len(rows), names


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def country_codes(written: set[str]) -> dict[str, str | None]:
    """The file's English country names → ISO3: sursur's own reading first, then hdx-python-country's."""
    from hdx.location.country import Country

    Country.set_use_live_default(False)
    codes = {}
    for name in written:
        try:
            codes[name] = resolve_country(name)
        except UnknownCountry:
            codes[name] = Country.get_iso3_country_code_fuzzy(name)[0] if name else None
    return codes


def in_country(place, code) -> bool:
    """In the file's country, or in one of its territories (the file files Nouméa under France)."""
    return code is not None and (place.country == code or place.country in TERRITORIES.get(code, ()))


def report(results, names, codes) -> None:
    status = collections.Counter(r.status for r in results)
    same = sum(1 for r, (_, c, _, _) in zip(results, names) if r.status == "resolved" and in_country(r.place, codes[c]))
    with_country = sum(1 for _, c, _, _ in names if codes[c])
    settled = same + sum(1 for r, (_, c, _, _) in zip(results, names) if r.status == "ambiguous" and codes[c]
                         and all(in_country(cand.place, codes[c]) for cand in r.candidates))
    suggested = sum(1 for r in results if r.status == "unresolved" and r.candidates)
    distances = [distance_km((r.place.lat, r.place.lon), (lat, lon)) for r, (_, _, lat, lon) in zip(results, names)
                 if r.status == "resolved" and r.place.lat is not None and lat is not None and lon is not None]
    near = sum(1 for d in distances if d <= NEAR_KM)
    print(f"  resolved                  {status['resolved']} ({status['resolved'] / len(names):.1%})")
    print(f"  ambiguous                 {status['ambiguous']} ({status['ambiguous'] / len(names):.1%})")
    print(f"  unresolved                {status['unresolved']} ({status['unresolved'] / len(names):.1%}; "
          f"{suggested} with names that come close)")
    print(f"  same country as the file  {same / len(names):.2%} of all names; "
          f"{same / with_country:.2%} of the {with_country} with a country")
    print(f"  country settled           {settled / len(names):.2%} (resolved, or ambiguous only between places "
          f"in the file's country)")
    if distances:
        print(f"  within {NEAR_KM:.0f} km of the file's point {near / len(distances):.2%} "
              f"of the {len(distances)} resolved names that both sides place")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--show", type=int, default=15, help="how many of the commonest failures to list")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the second, traced build")
    args = parser.parse_args()

    n_rows, names = read_names(args.file)
    codes = country_codes({country for _, country, _, _ in names})
    no_country = collections.Counter(c for _, c, _, _ in names if codes[c] is None)

    started = time.perf_counter()
    place_index()
    built = time.perf_counter() - started

    started = time.perf_counter()
    results = [resolve_place(name, codes[country]) for name, country, _, _ in names]
    resolving = time.perf_counter() - started
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"file                      {args.file}")
    print(f"rows                      {n_rows}")
    print(f"names                     {len(names)} ({len({(n, c) for n, c, _, _ in names})} distinct name+country)")
    print(f"names without a country   {sum(no_country.values())} ({', '.join(f'{c} {n}' for c, n in no_country.most_common())})")
    print(f"index build               {built:.2f} s")
    print(f"resolving                 {resolving:.2f} s ({len(names) / resolving:,.0f} names/s)")
    print(f"build + resolving         {built + resolving:.2f} s ({len(names) / (built + resolving):,.0f} names/s)")
    print(f"peak memory (maxrss)      {maxrss_mb:,.0f} MB")
    print("\nby name and country only:")
    report(results, names, codes)
    with_points = [resolve_place(name, codes[country], (lat, lon) if lat is not None and lon is not None else None)
                   for name, country, lat, lon in names]
    print("\nwith the file's coordinates to settle between namesakes (never to create a place):")
    report(with_points, names, codes)

    for label in ("ambiguous", "unresolved"):
        common = collections.Counter((n, codes[c]) for r, (n, c, _, _) in zip(results, names) if r.status == label)
        print(f"\ncommonest {label} (name, country, times):")
        for (name, code), times in common.most_common(args.show):
            print(f"  {times:4}  {name} ({code})")

    if not args.no_tracemalloc:
        place_index.cache_clear()
        gc.collect()
        tracemalloc.start()
        place_index()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"\ntraced index build        peak {peak / 2**20:,.0f} MiB, kept {current / 2**20:,.0f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

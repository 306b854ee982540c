"""The IATI codelists sursur maps from, with sursur's choice beside each code (data/iati/*.csv)."""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib.resources import as_file, files

from lxml import etree

_DATA = files("sursur.reference") / "data" / "iati"


@cache
def table(name: str) -> dict[str, dict[str, str]]:
    """code → the row of data/iati/NAME.csv (read once)."""
    with _DATA.joinpath(f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def column(name: str, col: str) -> dict[str, str]:
    """code → one column, e.g. column('organisation_type', 'sursur_kind')['11'] == 'municipality'."""
    return {code: row[col] for code, row in table(name).items()}


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The IATI 2.03 activity schema, read from the shipped copy; it imports only its neighbours."""
    folder = _DATA / "schema-2.03"
    with as_file(folder) as path:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        return etree.XMLSchema(etree.parse(str(path / "iati-activities-schema.xsd"), parser))

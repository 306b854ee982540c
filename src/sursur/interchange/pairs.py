"""Lists of places from other people's files: twinning lists (city pairs) and network rosters (members).

The columns are recognised by name in es/en/pt and in the forms published lists use (Wikidata
extracts: 'origincityLabel', 'destination_countryLabel'...). Reading gives raw sides — name, country
as written, point, population — and never resolves anything: services/ does that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import N_
from ..reference.text import fold
from .problems import ImportRefused, Problem, refuse
from .tables import read_table

ROLES = {
    "name_a": ("origincitylabel", "city a", "city_a", "ciudad a", "cidade a", "name a", "city", "ciudad", "cidade"),
    "country_a": ("origincountry", "country a", "pais a", "country", "pais"),
    "lat_a": ("originlat", "lat a", "latitude a", "latitud a"),
    "lon_a": ("originlong", "lon a", "longitude a", "longitud a"),
    "population_a": ("originpopulation", "population a", "poblacion a", "populacao a"),
    "name_b": ("sistercitylabel", "city b", "ciudad b", "cidade b", "name b", "sister city", "ciudad hermana",
               "cidade irma"),
    "country_b": ("destination countrylabel", "destination_countrylabel", "country b", "pais b"),
    "lat_b": ("destinationlat", "lat b", "latitude b", "latitud b"),
    "lon_b": ("destinationlong", "lon b", "longitude b", "longitud b"),
    "population_b": ("destinationpopulation", "population b", "poblacion b", "populacao b"),
    "year": ("year", "ano", "año", "since", "desde"),
}
_BY_NAME = {fold(alias): role for role, aliases in ROLES.items() for alias in aliases}


@dataclass(frozen=True)
class Side:
    name: str
    country: str | None  # as written
    point: tuple[float, float] | None
    population: int | None


@dataclass(frozen=True)
class PairRow:
    row: int
    a: Side
    b: Side
    year: int | None


def read_pairs(path: Path) -> tuple[str, list[PairRow], list[Problem]]:
    table = read_table(path)
    roles = {}
    for index, cell in enumerate(table.header):
        role = _BY_NAME.get(fold(cell))
        if role and role not in roles:
            roles[role] = index
    missing = [r for r in ("name_a", "country_a", "name_b", "country_b") if r not in roles]
    if missing:
        raise ImportRefused([Problem(table.file, N_("no column for '{role}': a twinning list needs the name and "
                                                    "the country of both cities (e.g. city_a, country_a, city_b, "
                                                    "country_b)"), {"role": role}, row=1) for role in missing])
    pairs, problems = [], []
    for number, cells in table.rows:
        def cell(role):
            index = roles.get(role)
            return cells[index].strip() if index is not None and index < len(cells) else ""
        try:
            pairs.append(PairRow(number, _side(cell, "a"), _side(cell, "b"), _int(cell("year"))))
        except ValueError as error:
            problems.append(Problem(table.file, N_("unreadable number: {reason}"), {"reason": str(error)}, row=number))
    return table.file, pairs, problems


def _side(cell, suffix) -> Side:
    lat, lon = _float(cell(f"lat_{suffix}")), _float(cell(f"lon_{suffix}"))
    point = (lat, lon) if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180 else None
    return Side(cell(f"name_{suffix}"), cell(f"country_{suffix}") or None, point, _int(cell(f"population_{suffix}")))


def _float(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(float(text)) if text else None


@dataclass(frozen=True)
class Roster:
    file: str
    members: list[tuple[int, Side]]  # (position in the file, member)
    not_found: list[str]  # names the file itself lists as unmatched


def read_roster(path: Path) -> Roster:
    """A JSON roster ({"members": [...], "not_found": [...]}, as network extracts publish) or a table."""
    if path.suffix.lower() != ".json":
        table = read_table(path)
        header = [fold(h) for h in table.header]
        name = next((i for i, h in enumerate(header) if h in ("name", "nombre", "nome", "city", "ciudad", "cidade")), None)
        country = next((i for i, h in enumerate(header) if h in ("country", "pais")), None)
        if name is None:
            raise refuse(table.file, N_("a roster needs a 'name' column (nombre, nome) and, best, a 'country' one"))
        members = [(n, Side(cells[name], cells[country] if country is not None and country < len(cells) else None,
                            None, None)) for n, cells in table.rows if name < len(cells) and cells[name]]
        return Roster(table.file, members, [])
    try:
        raw = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise refuse(path.name, N_("this is not a JSON file sursur can read: {reason}"), reason=str(error)) from None
    items = raw.get("members") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise refuse(path.name, N_("the JSON has no list of members (a 'members' list, or a list at the top)"))
    members = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        name = item.get("wikidata_name") or item.get("name") or item.get("name_on_website")
        lat, lon = item.get("latitude"), item.get("longitude")
        population = item.get("population")
        members.append((position, Side(str(name or "").strip(), item.get("country_name") or item.get("country"),
                                       (float(lat), float(lon)) if lat is not None and lon is not None else None,
                                       int(population) if isinstance(population, (int, float)) else None)))
    not_found = [str(n) for n in raw.get("not_found", [])] if isinstance(raw, dict) else []
    return Roster(path.name, members, not_found)

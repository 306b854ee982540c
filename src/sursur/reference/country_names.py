"""Country names: shown in the user's language, and read back from what people write in es, en or pt.

The names come from pycountry's shipped ISO 3166 list and its translations, plus a short list of
aliases (data/countries/country_aliases.csv) for the forms ISO does not give ('EE.UU.', 'Holanda').
"""

from __future__ import annotations

import csv
import difflib
import gettext
import re
from functools import lru_cache
from importlib.resources import files

import pycountry

from ..domain.errors import N_, UserError
from ..domain.language import DEFAULT_LANGUAGE, LANGUAGES
from .text import fold


@lru_cache(maxsize=None)
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(code: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """'CUW' → 'Curazao' (es), 'Curaçao' (en), 'Curação' (pt); None for no code; the code if ISO has none."""
    if not code:
        return None
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return code
    translate = _translations(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).gettext
    common = getattr(country, "common_name", None)
    if common is None:
        return translate(country.name)
    translated = translate(common)
    if translated != common or lang == "en":
        return translated
    # The catalog has no entry for the common name ('Bolivia'): ISO's official name in its inverted form,
    # 'Bolivia, Estado plurinacional de', starts with the short name people use.
    return translate(country.name).split(", ")[0]


class UnknownCountry(UserError):
    """A country name nobody could match; the message suggests the closest names."""


def _index_rows():
    """(folded name, ISO3) for every way sursur knows to write each country, in es, en and pt."""
    for country in pycountry.countries:
        names = {country.name, getattr(country, "official_name", None), getattr(country, "common_name", None),
                 country.alpha_3, country.alpha_2}
        for lang in ("es", "pt"):
            names |= {_translations(lang).gettext(n) for n in list(names) if n}
            names.add(country_name(country.alpha_3, lang))
        for name in names:
            if name:
                yield fold(name), country.alpha_3
                head = name.split(", ")[0]  # 'Bolivia, Estado plurinacional de' is also 'Bolivia'
                if head != name and len(head) > 3:
                    yield fold(head), country.alpha_3


def _aliases():
    aliases = files("sursur.reference") / "data" / "countries" / "country_aliases.csv"
    with aliases.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield fold(row["alias"]), row["iso3"]


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, str], dict[str, set[str]]]:
    """(name → ISO3, name → several ISO3 for names two countries share, such as 'Congo')."""
    seen: dict[str, set[str]] = {}
    for key, code in _index_rows():
        if len(key) <= 3 and key.upper() not in (code, code[:2]):
            continue
        seen.setdefault(key, set()).add(code)
    index = {key: next(iter(codes)) for key, codes in seen.items() if len(codes) == 1}
    shared = {key: codes for key, codes in seen.items() if len(codes) > 1}
    for key, code in _aliases():  # an alias settles usage ('Corea' is the Republic of Korea)
        index[key] = code
        shared.pop(key, None)
    return index, shared


def _index() -> dict[str, str]:
    return _indexes()[0]


def resolve_country(text: str) -> str:
    """'Estados Unidos', 'República Popular China', 'Curazao', 'col' → ISO3; else UnknownCountry."""
    key = fold(text)
    for candidate in (key, _ARTICLE.sub("", key)):
        if candidate in _index():
            return _index()[candidate]
        if candidate in _indexes()[1]:
            several = sorted(f"{country_name(c, DEFAULT_LANGUAGE)} ({c})" for c in _indexes()[1][candidate])
            raise UnknownCountry(N_("'{name}' fits several countries: {choices}; write the full name or the "
                                    "ISO code"), name=text, choices="; ".join(several))
    suggestions = difflib.get_close_matches(key, list(_index()), n=4, cutoff=0.6)
    named = sorted({f"{country_name(_index()[s], DEFAULT_LANGUAGE)} ({_index()[s]})" for s in suggestions})
    if named:
        raise UnknownCountry(N_("'{name}' is not a country sursur knows; did you mean: {suggestions}?"),
                             name=text, suggestions=", ".join(named))
    raise UnknownCountry(N_("'{name}' is not a country sursur knows; write its name in Spanish, English or "
                            "Portuguese, or its ISO code (e.g. COL)"), name=text)


_ARTICLE = re.compile(r"^(la|el|los|las|the|a|o|os|as) ")

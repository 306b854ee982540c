"""Country names in the user's language, from pycountry's shipped ISO 3166 list and its translations."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from ..domain.language import DEFAULT_LANGUAGE, LANGUAGES


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

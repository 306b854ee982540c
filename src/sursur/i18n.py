"""Translations: Spanish (default), English and Portuguese, from gettext .po catalogs in sursur/locale.

The catalogs are compiled in memory with Babel the first time a language is used, so what ships is
the readable .po file and nothing can go stale between a .po and its .mo.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from importlib.resources import files

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .domain.language import DEFAULT_LANGUAGE, LANGUAGES


def normalize_lang(value: str | None) -> str:
    """'pt_BR.UTF-8', 'en-GB', 'ES' → pt, en, es; anything else → the default (Spanish)."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.strip().lower().replace("_", "-").split("-")[0].split(".")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def cli_language(explicit: str | None = None) -> str:
    return normalize_lang(explicit or os.environ.get("SURSUR_LANG") or DEFAULT_LANGUAGE)


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    lang = normalize_lang(lang)
    po = files("sursur") / "locale" / lang / "LC_MESSAGES" / "sursur.po"
    if not po.is_file():
        return NullTranslations()  # English: the msgids are the English text
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext_for(lang: str):
    return translations(lang).gettext


def render_error(error: Exception, lang: str) -> str:
    """The user-facing text of a sursur error, in the user's language."""
    render = getattr(error, "render", None)
    if render is not None:
        return render(gettext_for(lang))
    return str(error)

"""Translations: Spanish (default), English and Portuguese, from gettext .po catalogs in sursur/locale.

The compiled catalogues (.mo) ship beside their .po files; `make translations` writes them and a test
checks that each .mo says exactly what its .po says, so they cannot go stale.
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


def catalog_path(lang: str, suffix: str):
    return files("sursur") / "locale" / normalize_lang(lang) / "LC_MESSAGES" / f"sursur.{suffix}"


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue that ships (sursur.mo); tests/test_i18n.py checks it says what the .po says."""
    mo = catalog_path(lang, "mo")
    if not mo.is_file():
        return NullTranslations()  # English: the msgids are the English text
    with mo.open("rb") as handle:
        return Translations(fp=handle)


def compile_catalog(lang: str) -> bytes:
    """The .mo that the .po gives (what `make translations` writes)."""
    with catalog_path(lang, "po").open("rb") as handle:
        catalog = read_po(handle, locale=normalize_lang(lang))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def gettext_for(lang: str):
    return translations(lang).gettext


def render_error(error: Exception, lang: str) -> str:
    """The user-facing text of a sursur error, in the user's language."""
    render = getattr(error, "render", None)
    if render is not None:
        return render(gettext_for(lang))
    return str(error)

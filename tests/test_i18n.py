"""Everything a user reads exists in Spanish and Portuguese (English is the msgid itself)."""

import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sursur.i18n import gettext_for, normalize_lang

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "sursur" / "locale"


def extracted_msgids(tmp_path) -> set[str]:
    pot = tmp_path / "now.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F", "babel.cfg",
                    "-k", "N_", "-k", "_", "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True)
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_every_message_in_the_code_is_translated(lang, tmp_path):
    with (LOCALE / lang / "LC_MESSAGES" / "sursur.po").open("rb") as handle:
        catalog = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(m for m in extracted_msgids(tmp_path) if m not in catalog or not catalog[m].string)
    assert missing == [], f"untranslated in {lang}: {missing[:10]}"
    fuzzy = [m.id for m in catalog.values() if m.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_translations_keep_every_placeholder(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "sursur.po").open("rb") as handle:
        for message in read_po(handle):
            if message.id and message.string:
                assert placeholders(message.string) == placeholders(message.id), message.id


def test_the_catalogs_are_used():
    assert gettext_for("es")("Actors") == "Actores"
    assert gettext_for("pt")("Actors") == "Atores"
    assert gettext_for("en")("Actors") == "Actors"


@pytest.mark.parametrize("given, expected", [("pt_BR.UTF-8", "pt"), ("en-GB", "en"), ("ES", "es"),
                                             ("fr", "es"), (None, "es"), ("", "es")])
def test_language_codes_are_normalised(given, expected):
    assert normalize_lang(given) == expected


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_the_shipped_compiled_catalogue_says_what_its_po_says(lang):
    """The .mo that ships is what `make translations` makes of the .po: after editing a .po, run it."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    from sursur.i18n import catalog_path

    with catalog_path(lang, "mo").open("rb") as handle:
        shipped = {m.id: m.string for m in read_mo(handle) if m.id}
    with catalog_path(lang, "po").open("rb") as handle:
        written = {m.id: m.string for m in read_po(handle, locale=lang) if m.id}
    assert shipped == written

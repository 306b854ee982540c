"""Reading one cell: text people type in Spanish, English or Portuguese, into sursur's values.

Each reader returns the value or raises CellError with an N_ msgid: the caller adds row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

from ...domain.errors import N_
from ...i18n import LANGUAGES, gettext_for
from ...labels import LABELS
from ...reference.country_names import UnknownCountry, resolve_country
from ...reference.text import fold
from ...reference.themes import taxonomy

E = TypeVar("E", bound=Enum)


class CellError(ValueError):
    def __init__(self, msgid: str, **params):
        self.msgid, self.params = msgid, params
        super().__init__(msgid.format(**params))


def text(cell: str) -> str | None:
    if cell.startswith("="):
        raise CellError(N_("a formula is not imported; paste the value instead"))
    return cell or None


def enum(cls: type[E], cell: str) -> E | None:
    """The code ('municipality') or its label in any language ('Municipio', 'Município')."""
    if not cell:
        return None
    for member in cls:
        if fold(cell) in {fold(member.value), fold(member.value.replace("_", " "))}:
            return member
        if member in LABELS and fold(cell) in {fold(gettext_for(lang)(LABELS[member])) for lang in LANGUAGES}:
            return member
    raise CellError(N_("'{value}' is not valid here; use one of: {choices}"), value=cell,
                    choices=", ".join(m.value for m in cls))


def country(cell: str) -> str | None:
    if not cell:
        return None
    try:
        return resolve_country(cell)
    except UnknownCountry as error:
        raise CellError(error.msgid, **error.params) from None


def whole(cell: str) -> int | None:
    if not cell:
        return None
    if not re.fullmatch(r"\d+", cell.replace(" ", "")):
        raise CellError(N_("'{value}' is not a whole number; write digits only, without separators"), value=cell)
    return int(cell.replace(" ", ""))


def amount(cell: str) -> Decimal | None:
    """'25000', '1250.50' or '1250,50'. Thousands separators are refused: '1.250' could be either."""
    if not cell:
        return None
    normal = cell.replace(" ", "")
    if re.fullmatch(r"-?\d+([.,]\d{1,2})?", normal) is None or re.fullmatch(r"-?\d{1,3}[.,]\d{3}", normal):
        raise CellError(N_("'{value}' is not an amount sursur can read; write digits with at most two decimals "
                           "after '.' or ',', without thousands separators (e.g. 1250.50)"), value=cell)
    try:
        return Decimal(normal.replace(",", "."))
    except InvalidOperation:
        raise CellError(N_("'{value}' is not a number"), value=cell) from None


def number(cell: str) -> Decimal | None:
    if not cell:
        return None
    normal = cell.replace(" ", "").replace(",", ".")
    try:
        value = Decimal(normal)
    except InvalidOperation:
        raise CellError(N_("'{value}' is not a number"), value=cell) from None
    if not value.is_finite():
        raise CellError(N_("'{value}' is not a number"), value=cell)
    return value


def listed(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()] if cell else []


def themes(cell: str) -> list[str]:
    found = listed(cell)
    for theme in found:
        if not taxonomy().exists(theme):
            raise CellError(N_("the theme '{theme}' does not exist (see docs/THEMES.md)"), theme=theme)
    return found


YES = {"yes", "y", "si", "sí", "sim", "true", "1", "x"}
NO = {"no", "n", "nao", "não", "false", "0", ""}


def iati_ref(cell: str) -> str | None:
    """An IATI organisation identifier: the registration agency's code, '-', the number (GB-CHC-202918)."""
    cell = (cell or "").strip()
    if not cell:
        return None
    if len(cell) > 200 or not re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]+-[A-Za-z0-9._:/-]+", cell):
        raise CellError(N_("'{value}' is not an IATI organisation identifier: write the registration agency's "
                           "code and the number, e.g. GB-CHC-202918 or XM-DAC-41114 (see org-id.guide)"),
                        value=cell)
    return cell


def flag(cell: str) -> bool:
    if fold(cell) in {fold(v) for v in YES}:
        return True
    if fold(cell) in {fold(v) for v in NO}:
        return False
    raise CellError(N_("'{value}' is not yes or no (sí/no, yes/no, sim/não)"), value=cell)


def language(cell: str) -> str:
    if not cell:
        return "es"
    code = cell.strip().lower()[:2]
    if code not in LANGUAGES:
        raise CellError(N_("'{value}' is not a language sursur knows; use es, en or pt"), value=cell)
    return code


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(*parts: str) -> str:
    return _SLUG.sub("-", fold(" ".join(p for p in parts if p))).strip("-")[:100] or "record"

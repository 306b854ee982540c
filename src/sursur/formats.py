"""Numbers, shares and dates written the way the reader's language writes them (pages, report, CLI)."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from .domain import PartialDate
from .i18n import gettext_for

LOCALES = {"es": "es_CO", "en": "en", "pt": "pt_BR"}


class Formats:
    def __init__(self, lang: str):
        self.lang = lang
        self.locale = LOCALES[lang]
        self._ = gettext_for(lang)

    def number(self, value, digits: int = 0) -> str:
        if value is None:
            return self._("unknown")
        return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale=self.locale)

    def share(self, value) -> str:
        if value is None:
            return self._("unknown")
        return format_percent(value, format="#,##0.0 %", locale=self.locale)

    def date(self, value: PartialDate | None) -> str:
        """A date as precise as its source: '2011', 'julio de 2011', '14 de julio de 2011'."""
        if value is None:
            return self._("unknown")
        from babel.dates import format_date, format_skeleton

        if value.month is None:
            return str(value.year)
        if value.day is None:
            return format_skeleton("yMMMM", value.first_day(), locale=self.locale)
        return format_date(value.first_day(), format="long", locale=self.locale)

    def day(self, value) -> str:
        """A full date (datetime.date or datetime), long form: '25 de noviembre de 2026'."""
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.locale)

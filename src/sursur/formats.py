"""Numbers, shares, dates and labels written the way the reader's language writes them: what the pages'
templates and the report's share (`helpers`)."""

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


def helpers(lang: str) -> dict:
    """The language's functions every template uses: gettext, labels of enums and indicator words, country
    and theme names, number and date formats."""
    from .domain import ActorKind, Instrument, Modality, Role
    from .domain.classification import RelationClass
    from .labels import POSITIONS, figure_label, label, word
    from .reference.country_names import country_name
    from .reference.themes import taxonomy

    gettext = gettext_for(lang)
    enums = {"modality": Modality, "instrument": Instrument, "role": Role, "kind": ActorKind}
    return {
        "lang": lang, "_": gettext, "fmt": Formats(lang), "label": lambda v: label(v, gettext),
        "word": lambda w: word(w, gettext),
        "class_label": lambda v: label(RelationClass(v), gettext),
        "role_label": lambda v: label(Role(v), gettext), "kind_label": lambda v: label(ActorKind(v), gettext),
        "enum_label": lambda dimension, v: label(enums[dimension](v), gettext),
        "country": lambda code: country_name(code, lang) if code else gettext("unknown"),
        "theme": lambda tid: taxonomy().label(tid, lang),
        "theme_labels": lambda ids: list(dict.fromkeys(taxonomy().label(t, lang) for t in ids)),
        "figure": lambda name: figure_label(name, gettext), "position": lambda p: gettext(POSITIONS[p]),
    }

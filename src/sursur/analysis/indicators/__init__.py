"""Indicators: each one function from a Scope to a Table (rows, and the records behind every row).

The page, the API, the command line and the report all call these; docs/INDICATORS.md says how each
is computed. `INDICATORS` maps a name to its function and its one-line description (a msgid).
"""

from __future__ import annotations

from collections.abc import Callable

from ...domain.errors import N_, UserError
from .balance import balance
from .concentration import concentration
from .costs import cost_sharing
from .duration import duration
from .partners import partners_by_area
from .portfolio import portfolio
from .quality import data_quality
from .roles import dual_role
from .scope import Scope, Snapshot, UnknownActor
from .south_south import south_south
from .summary import key_figures
from .table import Note, Table
from .volumes import volumes

INDICATORS: dict[str, tuple[Callable[[Scope], Table], str]] = {
    "volumes": (volumes, N_("amounts by year, direction and flow kind, per currency; USD where known")),
    "portfolio": (portfolio, N_("counts of initiatives and agreements by role, modality, instrument, theme "
                                "and partner")),
    "balance": (balance, N_("offer/reception balance B = (O − R)/(O + R) per actor, by count and by value")),
    "concentration": (concentration, N_("Herfindahl–Hirschman index over partners and over sectors, with its "
                                        "reading")),
    "south-south": (south_south, N_("shares of relations by class (South–South, North–South, triangular…) under "
                                    "each classification scheme, or the one asked for with --scheme")),
    "partners-by-area": (partners_by_area, N_("an actor's partners with their country and areas of cooperation, "
                                              "grouped by partner kind (the article's Tablas 1 and 2)")),
    "dual-role": (dual_role, N_("actors that both offer and receive, and the first year of each role")),
    "duration": (duration, N_("how long initiatives last, in months, by instrument")),
    "cost-sharing": (cost_sharing, N_("initiatives paid for by two or more contributors, and each one's share")),
    "key-figures": (key_figures, N_("an actor's headline figures: partners, initiatives, agreements, South–South "
                                    "share under one scheme, balance")),
    "data-quality": (data_quality, N_("what to distrust in an actor's figures: records without a source, unknown "
                                      "amounts, unplaced partners, unknown or overridden classes, and classes "
                                      "that differ from the source's")),
}
USES_SCHEME = {"south-south", "key-figures", "data-quality"}


class UnknownIndicator(UserError):
    def __init__(self, name: str):
        import difflib

        close = difflib.get_close_matches(name, list(INDICATORS), n=3, cutoff=0.4) or list(INDICATORS)
        super().__init__(N_("there is no indicator '{name}'; did you mean: {close}?"), name=name,
                         close=", ".join(close))


def indicator(name: str) -> Callable[[Scope], Table]:
    if name not in INDICATORS:
        raise UnknownIndicator(name)
    return INDICATORS[name][0]


__all__ = ["INDICATORS", "USES_SCHEME", "Note", "Scope", "Snapshot", "Table", "UnknownActor", "UnknownIndicator", "indicator"]

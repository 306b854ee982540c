"""Classification schemes: each a named, documented rule that says whether a country is South or North.

A scheme decides from the shipped, dated country lists (sursur.reference.countries); it names the lists
it reads so every answer can say which list, of which vintage, decided it. docs/METHODOLOGY.md is the
prose version of this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..domain.classification import Side
from ..domain.errors import N_, UserError
from ..reference.countries import CountryFacts

DEFAULT_SCHEME = "g77-or-dac"


@dataclass(frozen=True)
class Scheme:
    name: str
    title: str  # msgid
    rule: str  # msgid: the rule in one sentence, as shown beside every answer
    lists: tuple[str, ...]  # keys of reference.countries.lists()
    decide: Callable[[CountryFacts], Side]


def _g77(f: CountryFacts) -> Side:
    return Side.SOUTH if f.g77 else Side.NORTH


def _dac(f: CountryFacts) -> Side:
    return Side.SOUTH if f.dac_recipient else Side.NORTH


def _income(f: CountryFacts) -> Side:
    if f.wb_income is None:
        return Side.UNKNOWN
    return Side.NORTH if f.wb_income == "high" else Side.SOUTH


# The UN's former "developed regions" (M49, until 2021): Europe, Northern America, Australia and
# New Zealand, and Japan. Everything else with an M49 region is South.
_M49_NORTH_REGIONS = {"Europe"}
_M49_NORTH_SUBREGIONS = {"Northern America", "Australia and New Zealand"}
_M49_NORTH_COUNTRIES = {"JPN"}


def _m49(f: CountryFacts) -> Side:
    if f.region is None:
        return Side.UNKNOWN
    if (f.region in _M49_NORTH_REGIONS or f.subregion in _M49_NORTH_SUBREGIONS
            or f.iso3 in _M49_NORTH_COUNTRIES):
        return Side.NORTH
    return Side.SOUTH


def _g77_or_dac(f: CountryFacts) -> Side:
    return Side.SOUTH if (f.g77 or f.dac_recipient) else Side.NORTH


SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    Scheme("g77-or-dac", N_("G77 or DAC recipient (default)"),
           N_("South if the country is a member of the G77 (with China) or on the DAC List of ODA Recipients; "
              "North otherwise."), ("g77", "dac_recipients"), _g77_or_dac),
    Scheme("g77", N_("Group of 77"),
           N_("South if the country is a member of the G77 (with China); North otherwise."), ("g77",), _g77),
    Scheme("dac-recipients", N_("DAC List of ODA Recipients"),
           N_("South if the country is on the DAC List of ODA Recipients in force; North otherwise."),
           ("dac_recipients",), _dac),
    Scheme("wb-income", N_("World Bank income group"),
           N_("South if the World Bank classes the country as low, lower-middle or upper-middle income; North "
              "if high income; unknown if unclassified."), ("wb_income",), _income),
    Scheme("m49", N_("UN M49 regions"),
           N_("North if the country is in Europe, Northern America, Australia and New Zealand, or is Japan "
              "(the UN's former 'developed regions'); South otherwise."), ("m49",), _m49),
)}


class UnknownScheme(UserError):
    """A scheme name that does not exist; the message lists those that do."""


def scheme(name: str | None) -> Scheme:
    name = name or DEFAULT_SCHEME
    if name not in SCHEMES:
        raise UnknownScheme(N_("there is no classification scheme '{name}'; use one of: {choices}"), name=name,
                            choices=", ".join(SCHEMES))
    return SCHEMES[name]

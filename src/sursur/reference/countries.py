"""What sursur knows of each country on a given day: M49 region, World Bank income group, G77, OECD,
DAC membership, place on the DAC list of ODA recipients, LDC, LLDC and SIDS.

These are the facts the classification rules (South–South, North–South...) read. Every list says its
source and vintage (`lists()`); the dated corrections live in data/countries (see SOURCES.md there) and
are applied by comparing their dates with `on`, which defaults to today.
"""

from __future__ import annotations

import threading

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.metadata import version

import countrygroups
from hdx.location.country import Country

from ..domain.errors import N_
from .country_lists import (DAC_LIST_START, G77_FOUNDED, CountryDataError, ListInfo, Tables, iso_codes,
                            tables)
from .country_names import UnknownCountry

__all__ = ["CountryFacts", "ListInfo", "UnknownCountry", "all_facts", "dac_graduation", "facts",
           "g77_history", "lists"]

_HDX_INCOME = {"Low": "low", "Lower middle": "lower_middle", "Upper middle": "upper_middle", "High": "high"}


# A country's groupings as the pages and the CLI show them: (CountryFacts field, list key, label msgid).
GROUPINGS = (
    ("region", "m49", N_("M49 region")), ("subregion", "m49", N_("M49 sub-region")),
    ("intermediate_region", "m49", N_("M49 intermediate region")),
    ("wb_income", "wb_income", N_("World Bank income group")), ("g77", "g77", N_("G77 member")),
    ("oecd", "oecd", N_("OECD member")), ("dac_member", "dac_members", N_("DAC member")),
    ("dac_recipient", "dac_recipients", N_("DAC List of ODA Recipients")),
    ("ldc", "ldc", N_("Least developed country")), ("lldc", "lldc", N_("Landlocked developing country")),
    ("sids", "sids", N_("Small island developing state")),
)


@dataclass(frozen=True)
class CountryFacts:
    iso3: str
    m49_code: str | None
    region: str | None               # English names as in M49: 'Americas'
    subregion: str | None            # 'Latin America and the Caribbean'
    intermediate_region: str | None  # 'Caribbean'
    wb_income: str | None            # "low" | "lower_middle" | "upper_middle" | "high" | None (unknown)
    g77: bool                        # China counts: the group speaks as "the G77 and China"
    oecd: bool
    oecd_joined: int | None
    dac_member: bool
    dac_joined: int | None
    dac_recipient: str | None        # "ldc" | "other_lic" | "lmic" | "umic" | None (not on the list)
    ldc: bool
    lldc: bool
    sids: bool


@dataclass(frozen=True)
class _Hdx:
    m49_code: str | None
    region: str | None
    subregion: str | None
    intermediate_region: str | None
    wb_income: str | None


_HDX_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _hdx() -> tuple[dict[str, _Hdx], str]:
    """M49 and the World Bank group from hdx's bundled taxonomy (never the live sheet), and its newest date."""
    with _HDX_LOCK:  # hdx fills class-level tables on first use: two threads at once break them
        return _read_hdx()


def _read_hdx() -> tuple[dict[str, _Hdx], str]:
    Country.set_use_live_default(False)
    rows = Country.countriesdata(use_live=False)["countries"]
    found, newest = {}, ""
    for code, row in rows.items():
        level = row.get("World Bank Income Level") or None
        if level is not None and level not in _HDX_INCOME:
            raise CountryDataError("hdx-python-country taxonomy", 0, f"{code}: unknown income level '{level}'")
        m49 = row.get("m49 numerical code")
        found[code] = _Hdx(m49.zfill(3) if m49 else None, row.get("Region Name") or None,
                           row.get("Sub-region Name") or None, row.get("Intermediate Region Name") or None,
                           _HDX_INCOME.get(level) if level else None)
        newest = max(newest, row.get("Reference Period Start") or "")
    return found, newest


@lru_cache(maxsize=1)
def _income_changes() -> dict[str, tuple[tuple[date, str], ...]]:
    by_code: dict[str, list[tuple[date, str]]] = {}
    for effective, code, income in tables().wb_income_changes:
        by_code.setdefault(code, []).append((effective, income))
    return {code: tuple(changes) for code, changes in by_code.items()}


def _code(iso3: str) -> str:
    code = iso3.strip().upper() if isinstance(iso3, str) else ""
    if code not in iso_codes():
        raise UnknownCountry(N_("'{code}' is not an ISO 3166-1 country code; write the three-letter code, "
                                "e.g. COL"), code=iso3)
    return code


def facts(iso3: str, on: date | None = None) -> CountryFacts:
    """The facts for one country on `on` (default: today); UnknownCountry for a code ISO does not know."""
    code, on = _code(iso3), on or date.today()
    t, hdx = tables(), _hdx()[0].get(code) or _Hdx(None, None, None, None, None)
    oecd_joined = t.oecd_members.get(code)
    dac_joined = t.dac_members.get(code)
    return CountryFacts(
        iso3=code, m49_code=hdx.m49_code, region=hdx.region, subregion=hdx.subregion,
        intermediate_region=hdx.intermediate_region,
        wb_income=_wb_income(code, on, hdx.wb_income),
        g77=_g77(code, on, t),
        oecd=oecd_joined is not None and oecd_joined <= on.year,
        oecd_joined=oecd_joined if oecd_joined is not None and oecd_joined <= on.year else None,
        dac_member=dac_joined is not None and dac_joined <= on.year,
        dac_joined=dac_joined if dac_joined is not None and dac_joined <= on.year else None,
        dac_recipient=_dac_recipient(code, on, t),
        ldc=_ldc(code, on, t),
        lldc=code in countrygroups.LLDC,
        sids=code in countrygroups.SIDS,
    )


def all_facts(on: date | None = None) -> list[CountryFacts]:
    """Facts for every ISO 3166-1 country and territory, sorted by ISO3."""
    on = on or date.today()
    return [facts(code, on) for code in sorted(iso_codes())]


def dac_graduation(iso3: str) -> date | None:
    """The day a country left (or leaves) the DAC list of ODA recipients; None if it never did since 2000."""
    return tables().dac_graduations.get(_code(iso3))


def g77_history(iso3: str) -> list[tuple[str, int, str | None]]:
    """Recorded joins and departures, oldest first: [('joined', 1964, ...), ('left', 1994, ...)]."""
    return list(tables().g77_changes.get(_code(iso3), ()))


def _wb_income(code: str, on: date, base: str | None) -> str | None:
    income = base
    for effective, changed in _income_changes().get(code, ()):
        if effective <= on:
            income = changed
    return income


def _g77(code: str, on: date, t: Tables) -> bool:
    if on.year < G77_FOUNDED:
        return False
    events = t.g77_changes.get(code)
    if not events:
        return code in countrygroups.G77
    past = [event for event, year, _ in events if year <= on.year]
    # Before its first recorded event a country was in the state that event ended.
    return past[-1] == "joined" if past else events[0][0] == "left"


def _dac_recipient(code: str, on: date, t: Tables) -> str | None:
    graduated = t.dac_graduations.get(code)
    if graduated is not None and on >= graduated:
        return None
    category = t.dac_recipients.get(code)
    for effective, changed in t.dac_recipient_changes.get(code, ()):
        if effective <= on:
            category = changed
    return category


def _ldc(code: str, on: date, t: Tables) -> bool:
    leaves = t.ldc_graduation.get(code)  # graduated or scheduled: an LDC until that day, not on it
    return on < leaves if leaves is not None else code in countrygroups.LDC


def lists() -> dict[str, ListInfo]:
    """Each list sursur uses, with its source and vintage."""
    t, newest_hdx = tables(), _hdx()[1]
    cg = f"countrygroups {version('countrygroups')} (cut {t.countrygroups_date})"
    hdx = f"hdx-python-country {version('hdx-python-country')}"
    last_income = max(d for d, _, _ in t.wb_income_changes)
    fy = f"FY{(last_income.year + (last_income.month >= 7)) % 100:02d}"
    last_ldc = max(t.ldc_graduation.values())
    last_dac = max([d for c in t.dac_recipient_changes.values() for d, _ in c] + list(t.dac_graduations.values()))
    infos = [
        ListInfo("iso3166", N_("ISO 3166-1 countries and territories"), "pycountry (iso-codes data)",
                 f"pycountry {version('pycountry')}", "Kosovo has no ISO 3166-1 code and is not listed"),
        ListInfo("m49", N_("UN M49 regions, sub-regions and intermediate regions"),
                 f"{hdx}: OCHA Countries & Territories Taxonomy (bundled CSV)",
                 f"{hdx}, rows dated up to {newest_hdx}", None),
        ListInfo("wb_income", N_("World Bank income groups"), f"{hdx} (FY24, July 2023) + wb_income_changes.csv",
                 f"{fy} ({last_income.isoformat()})",
                 "FY27 changes come from press reports, not the World Bank table; see SOURCES.md"),
        ListInfo("g77", N_("Group of 77"), f"{cg} + g77_changes.csv", f"{cg}; no change recorded since",
                 "China counts as a member: the group speaks as 'the G77 and China'"),
        ListInfo("oecd", N_("OECD members"), "oecd_members.csv, checked against countrygroups",
                 f"{len(t.oecd_members)} members, latest accession {max(t.oecd_members.values())}", None),
        ListInfo("dac_members", N_("OECD Development Assistance Committee members"), "dac_members.csv",
                 f"{len(t.dac_members)} countries, latest accession {max(t.dac_members.values())}",
                 "The European Union is also a DAC member but is not a country"),
        ListInfo("dac_recipients", N_("DAC List of ODA Recipients"),
                 "dac_recipients.csv + dac_recipient_changes.csv + dac_graduations.csv",
                 f"list effective for reporting on 2024 and 2025 flows (from {DAC_LIST_START}), "
                 f"dated changes up to {last_dac}", "Kosovo is on the list but has no ISO code"),
        ListInfo("ldc", N_("UN Least Developed Countries"), f"{cg} + ldc_changes.csv",
                 f"{cg}, dated changes up to {last_ldc}",
                 "Scheduled graduations count from their date on; see SOURCES.md for pending deferrals"),
        ListInfo("lldc", N_("Landlocked Developing Countries (UN-OHRLLS)"), cg, cg, None),
        ListInfo("sids", N_("Small Island Developing States, UN members (UN-OHRLLS)"), cg, cg,
                 "UN member states only; Bahrain left the group in 2023 and is not in the list"),
    ]
    return {info.key: info for info in infos}

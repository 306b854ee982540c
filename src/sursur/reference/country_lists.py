"""The dated country tables sursur ships (data/countries/*.csv), read once and checked.

The packages give the bulk of the lists (countrygroups: G77, LDC, LLDC, SIDS, OECD as of late 2021;
hdx-python-country: M49 regions and the World Bank income group of July 2023). The tables here hold
what no package ships (the DAC list of ODA recipients, accession years) and the dated corrections for
what changed since the packages were cut. SOURCES.md in the data folder says where each row comes from.

A broken table is a bug in sursur, not something a user did: `CountryDataError` names file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files

import countrygroups
import pycountry
from countrygroups._version import get_versions

DAC_CATEGORIES = ("ldc", "other_lic", "lmic", "umic")
INCOME_GROUPS = ("low", "lower_middle", "upper_middle", "high")
G77_EVENTS = ("joined", "left")
LDC_EVENTS = ("graduated", "scheduled", "postponed")
DAC_LIST_START = date(2024, 1, 1)  # "effective for reporting on 2024 and 2025 flows"
G77_FOUNDED = 1964


class CountryDataError(ValueError):
    """The shipped country data is broken; the message names the file and line to fix."""

    def __init__(self, file: str, line: int, problem: str):
        self.file, self.line, self.problem = file, line, problem
        super().__init__(f"{file}, line {line}: {problem}")


@dataclass(frozen=True)
class ListInfo:
    key: str
    title: str
    source: str
    vintage: str
    note: str | None


@dataclass(frozen=True)
class Tables:
    """The checked tables; dates say from when a row holds."""

    dac_recipients: dict[str, str]                                # iso3 → category, list of 2024–25
    dac_recipient_changes: dict[str, tuple[tuple[date, str], ...]]  # iso3 → (effective, category)
    dac_graduations: dict[str, date]                              # iso3 → off the list from
    g77_changes: dict[str, tuple[tuple[str, int, str | None], ...]]  # iso3 → (event, year, note)
    oecd_members: dict[str, int]
    dac_members: dict[str, int]
    ldc_graduation: dict[str, date]                               # iso3 → leaves the LDC category on
    wb_income_changes: tuple[tuple[date, str, str], ...]          # (effective, iso3, income), by date
    countrygroups_date: date


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def countrygroups_date() -> date:
    """The day the installed countrygroups release was cut (0.13.0: 2021-11-26)."""
    return date.fromisoformat(get_versions()["date"][:10])


class _Row(dict):
    file: str
    line: int

    def fail(self, problem: str) -> CountryDataError:
        return CountryDataError(self.file, self.line, problem)

    def iso3(self) -> str:
        code = self["iso3"]
        if code not in iso_codes():
            raise self.fail(f"'{code}' is not an ISO 3166-1 alpha-3 code")
        return code

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        if self[column] not in allowed:
            raise self.fail(f"{column} '{self[column]}' is not one of {', '.join(allowed)}")
        return self[column]

    def day(self, column: str) -> date:
        try:
            return date.fromisoformat(self[column])
        except ValueError:
            raise self.fail(f"{column} '{self[column]}' is not a date (YYYY-MM-DD)") from None

    def year(self, column: str) -> int:
        if not (self[column].isdigit() and 1945 <= int(self[column]) <= 2100):
            raise self.fail(f"{column} '{self[column]}' is not a year")
        return int(self[column])

    def note(self) -> str | None:
        return self.get("note") or None


def _read(folder, name: str, columns: tuple[str, ...], key: tuple[str, ...] = ("iso3",)) -> list[_Row]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if tuple(header) != columns:
            raise CountryDataError(name, 1, f"the header must be {','.join(columns)}; found {','.join(header)}")
        rows, seen = [], {}
        for fields in reader:
            line = reader.line_num
            if len(fields) != len(columns):
                raise CountryDataError(name, line, f"expected {len(columns)} fields, found {len(fields)}")
            row = _Row(zip(columns, (f.strip() for f in fields)))
            row.file, row.line = name, line
            for col in columns:
                if col != "note" and not row[col]:
                    raise row.fail(f"the column '{col}' is empty")
            ident = tuple(row[k] for k in key)
            if ident in seen:
                raise row.fail(f"{'/'.join(ident)} is already given on line {seen[ident]}")
            seen[ident] = line
            rows.append(row)
    return rows


def load_tables(folder) -> Tables:
    """Read and check every table in `folder` (a Path or importlib Traversable)."""
    cg_date = countrygroups_date()
    recipients = {r.iso3(): r.choice("category", DAC_CATEGORIES)
                  for r in _read(folder, "dac_recipients.csv", ("iso3", "category", "note"))}
    changes: dict[str, list[tuple[date, str]]] = {}
    for r in _read(folder, "dac_recipient_changes.csv", ("iso3", "category", "effective", "note"),
                   ("iso3", "effective")):
        if r.iso3() not in recipients:
            raise r.fail(f"{r['iso3']} is not in dac_recipients.csv")
        changes.setdefault(r["iso3"], []).append((r.day("effective"), r.choice("category", DAC_CATEGORIES)))
    graduations = {}
    for r in _read(folder, "dac_graduations.csv", ("iso3", "effective", "note")):
        graduations[r.iso3()] = r.day("effective")
        if r["iso3"] in recipients and graduations[r["iso3"]] <= DAC_LIST_START:
            raise r.fail(f"{r['iso3']} left the list before {DAC_LIST_START} but is in dac_recipients.csv")
    oecd, _ = _members(folder, "oecd_members.csv", set(countrygroups.OECD), cg_date)
    dac, dac_lines = _members(folder, "dac_members.csv", None, cg_date)
    for code in dac:  # only OECD members sit on the DAC (Italy and Japan sat on it before ratifying)
        if code not in oecd:
            raise CountryDataError("dac_members.csv", dac_lines[code], f"{code} is not an OECD member")
    return Tables(
        dac_recipients=recipients,
        dac_recipient_changes={k: tuple(sorted(v)) for k, v in changes.items()},
        dac_graduations=graduations,
        g77_changes=_g77_changes(folder, cg_date),
        oecd_members=oecd,
        dac_members=dac,
        ldc_graduation=_ldc_changes(folder, cg_date),
        wb_income_changes=tuple(sorted(
            (r.day("effective"), r.iso3(), r.choice("income", INCOME_GROUPS))
            for r in _read(folder, "wb_income_changes.csv", ("iso3", "effective", "income", "note"),
                           ("iso3", "effective")))),
        countrygroups_date=cg_date,
    )


def _members(folder, name: str, package: set[str] | None, cg_date: date
             ) -> tuple[dict[str, int], dict[str, int]]:
    rows = _read(folder, name, ("iso3", "joined", "note"))
    members = {r.iso3(): r.year("joined") for r in rows}
    if package is not None:  # countrygroups must agree up to its own date
        for r in rows:
            if r["iso3"] not in package and members[r["iso3"]] <= cg_date.year - 1:
                raise r.fail(f"{r['iso3']} joined in {members[r['iso3']]} but countrygroups does not list it")
        missing = sorted(package - set(members))
        if missing:
            raise CountryDataError(name, len(rows) + 1, f"countrygroups lists {', '.join(missing)}: add a row")
    return members, {r["iso3"]: r.line for r in rows}


def _g77_changes(folder, cg_date: date) -> dict[str, tuple[tuple[str, int, str | None], ...]]:
    rows = _read(folder, "g77_changes.csv", ("iso3", "event", "year", "note"), ("iso3", "event", "year"))
    history: dict[str, list[tuple[str, int, str | None]]] = {}
    for r in rows:
        history.setdefault(r.iso3(), []).append((r.choice("event", G77_EVENTS), r.year("year"), r.note()))
    base = set(countrygroups.G77)
    for r in rows:  # replayed up to countrygroups' date, the events must give countrygroups' list
        past = [e for e in history[r["iso3"]] if e[1] <= cg_date.year]
        if past and (max(past, key=lambda e: e[1])[0] == "joined") != (r["iso3"] in base):
            raise r.fail(f"the events for {r['iso3']} disagree with countrygroups' G77 list of {cg_date}")
    return {k: tuple(sorted(v, key=lambda e: e[1])) for k, v in history.items()}


def _ldc_changes(folder, cg_date: date) -> dict[str, date]:
    """iso3 → the day it leaves (or left) the LDC category; a postponement replaces the scheduled day."""
    rows = _read(folder, "ldc_changes.csv", ("iso3", "event", "date", "note"), ("iso3", "event"))
    by_code: dict[str, dict[str, date]] = {}
    for r in rows:
        by_code.setdefault(r.iso3(), {})[r.choice("event", LDC_EVENTS)] = r.day("date")
    base, graduated = set(countrygroups.LDC), set(countrygroups.GRADUATED_LDCS)
    for r in rows:
        events = by_code[r["iso3"]]
        if "graduated" in events and ("scheduled" in events or "postponed" in events):
            raise r.fail(f"{r['iso3']} is both graduated and scheduled")
        if "postponed" in events and "scheduled" not in events:
            raise r.fail(f"{r['iso3']} is postponed without a scheduled row")
        if r["event"] == "graduated" and (r.day("date") <= cg_date) == (r["iso3"] in base):
            raise r.fail(f"{r['iso3']} graduated on {r['date']} but countrygroups ({cg_date}) disagrees")
        if r["event"] == "scheduled" and r["iso3"] not in base:
            raise r.fail(f"{r['iso3']} is scheduled to graduate but countrygroups does not list it as an LDC")
    missing = sorted(graduated - {c for c, e in by_code.items() if "graduated" in e})
    if missing:
        raise CountryDataError("ldc_changes.csv", len(rows) + 1,
                               f"countrygroups lists {', '.join(missing)} as graduated: add a row")
    return {c: e.get("postponed") or e.get("scheduled") or e["graduated"] for c, e in by_code.items()}


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The shipped tables, read and checked once."""
    return load_tables(files("sursur.reference") / "data" / "countries")

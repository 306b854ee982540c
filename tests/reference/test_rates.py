"""Dated USD rates from the ECB's euro reference rates, checked against figures the ECB published."""

from decimal import Decimal

import pytest

from sursur.reference.rates import rates_info, to_usd, usd_rate


def test_a_day_takes_that_days_rate_or_the_last_published_before_it():
    # ECB reference rate of 3 March 2015: 1 EUR = 1.1168 USD
    assert usd_rate("EUR", "2015-03-03").usd_per_unit == Decimal("1.1168")
    # 1 March 2015 was a Sunday: Friday 27 February's rate, 1.1240, and the rate says which day it is
    sunday = usd_rate("EUR", "2015-03-01")
    assert (sunday.usd_per_unit, sunday.basis, sunday.on) == (Decimal("1.124"), "day", "2015-02-27")
    assert to_usd(Decimal("100"), "EUR", "2015-03-03") == Decimal("111.68")


def test_a_year_or_month_takes_the_average_of_its_daily_rates():
    # the ECB's 2015 average was 1.1095 USD per EUR
    assert usd_rate("EUR", 2015).usd_per_unit == pytest.approx(Decimal("1.1095"), abs=Decimal("0.0001"))
    assert usd_rate("EUR", "2015").basis == "year" and usd_rate("EUR", "2015-06").basis == "month"
    # a cross rate through the euro: BRL per EUR and USD per EUR of the same days (about 0.30 USD in 2016)
    assert Decimal("0.28") < usd_rate("BRL", "2016-07").usd_per_unit < Decimal("0.32")


def test_no_rate_is_guessed():
    assert usd_rate("COP", 2015) is None  # the ECB does not publish the Colombian peso
    assert usd_rate("EUR", 1990) is None  # before the euro
    assert usd_rate("EUR", None) is None and to_usd(None, "EUR", 2015) is None
    after = rates_info().last.year + 1
    assert usd_rate("EUR", after) is None and usd_rate("EUR", f"{after}-01-05") is None
    assert usd_rate("USD", None).usd_per_unit == 1

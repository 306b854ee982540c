"""Country facts on a given day: G77, OECD, DAC, LDC, M49, income groups; and the checks on the tables."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from importlib.metadata import version
from importlib.resources import files

import countrygroups
import pycountry
import pytest

from sursur.reference.countries import (CountryFacts, UnknownCountry, all_facts, dac_graduation, facts,
                                        g77_history, lists)
from sursur.reference.country_lists import CountryDataError, load_tables

DATA = files("sursur.reference") / "data" / "countries"
TABLES = ["dac_recipients.csv", "dac_recipient_changes.csv", "dac_graduations.csv", "g77_changes.csv",
          "oecd_members.csv", "dac_members.csv", "ldc_changes.csv", "wb_income_changes.csv"]
TODAY = date(2026, 11, 24)


def rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the facts the issue names --------------------------------------------------------------------

def test_mexico_left_the_g77_in_1994_when_it_joined_the_oecd():
    mexico = facts("MEX", TODAY)
    assert not mexico.g77 and mexico.oecd and mexico.oecd_joined == 1994
    assert ("left", 1994) in [(event, year) for event, year, _ in g77_history("MEX")]
    assert facts("MEX", date(1990, 6, 1)).g77
    assert not facts("MEX", date(1994, 6, 1)).g77


def test_korea_is_not_in_the_g77_and_gives_aid_as_a_dac_member():
    korea = facts("KOR", TODAY)
    assert not korea.g77
    assert ("left", 1996) in [(event, year) for event, year, _ in g77_history("KOR")]
    assert (korea.oecd_joined, korea.dac_joined, korea.dac_recipient) == (1996, 2010, None)
    assert not facts("KOR", date(2009, 12, 31)).dac_member


@pytest.mark.parametrize("code", ["CHL", "URY"])
def test_chile_and_uruguay_are_g77_members_that_left_the_dac_list_in_2018(code):
    country = facts(code, TODAY)
    assert country.g77
    assert country.dac_recipient is None
    assert dac_graduation(code) == date(2018, 1, 1)


def test_colombia_is_an_umic_recipient_an_oecd_member_since_2020_and_in_the_g77():
    colombia = facts("COL", TODAY)
    assert (colombia.dac_recipient, colombia.oecd, colombia.oecd_joined, colombia.g77) == ("umic", True, 2020, True)
    assert not colombia.dac_member
    assert not facts("COL", date(2019, 12, 31)).oecd


def test_curacao_sits_in_the_caribbean_of_the_americas():
    curacao = facts("CUW", TODAY)
    assert (curacao.region, curacao.subregion, curacao.intermediate_region) == (
        "Americas", "Latin America and the Caribbean", "Caribbean")
    assert curacao.m49_code == "531"


def test_bhutan_is_no_longer_an_ldc():
    assert not facts("BTN", TODAY).ldc
    assert not facts("BTN").ldc  # today, whatever day the tests run
    assert facts("BTN", date(2023, 12, 12)).ldc and not facts("BTN", date(2023, 12, 13)).ldc
    assert facts("BTN", TODAY).dac_recipient == "lmic"


def test_bangladesh_counts_as_graduated_from_its_scheduled_day_on():
    # GA res. 76/8 set 24 Nov 2026; the deferral the CDP backed in June 2026 is not confirmed (SOURCES.md).
    assert facts("BGD", date(2026, 11, 23)).ldc
    assert not facts("BGD", date(2026, 11, 24)).ldc
    for code in ("LAO", "NPL"):
        assert facts(code, date(2026, 11, 23)).ldc and not facts(code, date(2026, 11, 24)).ldc


def test_every_code_in_every_table_is_a_real_iso_alpha3():
    known = {c.alpha_3 for c in pycountry.countries}
    for name in TABLES + ["country_aliases.csv"]:
        codes = [row["iso3"] for row in rows(name)]
        assert codes, name
        assert set(codes) <= known, (name, sorted(set(codes) - known))


def test_every_dac_recipient_category_is_one_of_the_four():
    categories = [row["category"] for row in rows("dac_recipients.csv") + rows("dac_recipient_changes.csv")]
    assert set(categories) == {"ldc", "other_lic", "lmic", "umic"}


def test_every_list_says_its_vintage():
    infos = lists()
    assert set(infos) == {"iso3166", "m49", "wb_income", "g77", "oecd", "dac_members", "dac_recipients",
                          "ldc", "lldc", "sids"}
    for key, info in infos.items():
        assert info.key == key and info.title and info.source and info.vintage.strip()


@pytest.mark.parametrize("code", ["XXX", "", "CO", "Colombia", "XKX"])
def test_a_code_iso_does_not_know_is_an_unknown_country(code):
    with pytest.raises(UnknownCountry):
        facts(code)
    with pytest.raises(UnknownCountry):
        dac_graduation(code)


# --- further facts and rules ------------------------------------------------------------------------

def test_codes_are_read_in_any_case():
    assert facts(" col ", TODAY) == facts("COL", TODAY)


def test_china_and_palestine_count_in_the_g77():
    assert facts("CHN", TODAY).g77 and facts("PSE", TODAY).g77
    assert not facts("PSE", date(1970, 1, 1)).g77


def test_no_group_before_the_g77_existed():
    assert not facts("BRA", date(1960, 1, 1)).g77 and facts("BRA", date(1964, 7, 1)).g77


def test_all_facts_covers_every_iso_country_once_in_order():
    everything = all_facts(TODAY)
    codes = [f.iso3 for f in everything]
    assert codes == sorted(codes) and len(set(codes)) == len(codes) == len(pycountry.countries)
    assert all(isinstance(f, CountryFacts) for f in everything)


def test_oecd_has_38_members_and_the_dac_31_countries_plus_the_eu():
    everything = all_facts(TODAY)
    assert sum(f.oecd for f in everything) == 38
    assert {f.iso3 for f in everything if f.oecd} >= set(countrygroups.OECD)
    dac = [f for f in everything if f.dac_member]
    assert len(dac) == 31 and all(f.oecd for f in dac)
    assert facts("EST", TODAY).dac_joined == 2023 and facts("LTU", TODAY).dac_joined == 2022


def test_the_dac_list_leaves_out_donors_and_the_eu():
    recipients = {f.iso3 for f in all_facts(TODAY) if f.dac_recipient}
    donors = {f.iso3 for f in all_facts(TODAY) if f.dac_member}
    assert not recipients & donors
    assert not recipients & set(countrygroups.EUROPEAN_UNION)
    assert "RUS" not in recipients  # former G8
    assert 135 <= len(recipients) <= 141


def test_the_ldc_column_of_the_dac_list_is_the_un_ldc_list_when_it_took_effect():
    start = date(2024, 1, 1)
    column = {f.iso3 for f in all_facts(start) if f.dac_recipient == "ldc"}
    assert column == {f.iso3 for f in all_facts(start) if f.ldc}
    assert len(column) == 45


def test_sao_tome_left_the_ldcs_in_2024_and_moved_to_the_lmic_column_in_2025():
    assert facts("STP", date(2024, 12, 12)).ldc and not facts("STP", date(2024, 12, 13)).ldc
    assert facts("STP", date(2024, 6, 30)).dac_recipient == "ldc"
    assert facts("STP", date(2025, 6, 30)).dac_recipient == "lmic"


def test_solomon_islands_got_three_more_years_and_stay_an_ldc():
    assert facts("SLB", TODAY).ldc and facts("SLB", TODAY).dac_recipient == "ldc"
    assert not facts("SLB", date(2027, 12, 13)).ldc


def test_the_un_counted_44_ldcs_in_january_2025():
    assert sum(f.ldc for f in all_facts(date(2025, 1, 15))) == 44


def test_vanuatu_was_an_ldc_before_december_2020():
    assert facts("VUT", date(2020, 12, 3)).ldc and not facts("VUT", date(2020, 12, 4)).ldc


def test_nauru_leaves_the_dac_list_on_1_january_2026():
    assert facts("NRU", date(2025, 12, 31)).dac_recipient == "umic"
    assert facts("NRU", date(2026, 1, 1)).dac_recipient is None
    assert dac_graduation("NRU") == date(2026, 1, 1)
    assert dac_graduation("ATG") == date(2022, 1, 1) and dac_graduation("COK") == date(2020, 1, 1)
    assert dac_graduation("COL") is None


def test_income_groups_follow_the_july_reclassifications():
    assert facts("RUS", date(2024, 6, 30)).wb_income == "upper_middle"  # hdx ships FY24
    assert facts("RUS", date(2024, 7, 1)).wb_income == "high"
    assert facts("CRI", date(2025, 6, 30)).wb_income == "upper_middle"
    assert facts("CRI", date(2025, 7, 1)).wb_income == "high"
    assert facts("NAM", TODAY).wb_income == "lower_middle"
    assert facts("VEN", TODAY).wb_income is None  # unclassified by the World Bank
    assert {f.wb_income for f in all_facts(TODAY)} == {"low", "lower_middle", "upper_middle", "high", None}


def test_landlocked_and_island_states():
    assert facts("BOL", TODAY).lldc and facts("PRY", TODAY).lldc and not facts("PER", TODAY).lldc
    assert facts("JAM", TODAY).sids and facts("CPV", TODAY).sids and not facts("BHR", TODAY).sids


def test_the_vintages_were_checked_against_these_package_releases():
    # SOURCES.md dates hdx's income groups (FY24) and countrygroups' lists (Nov 2021) for these releases:
    # a new release needs those vintages checked again.
    assert version("hdx-python-country") == "4.2.5"
    assert version("countrygroups") == "0.13.0"


# --- the checks on the shipped tables ---------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path):
    for name in TABLES:
        shutil.copy(str(DATA / name), tmp_path / name)
    return tmp_path


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_tables_load(data_copy):
    assert load_tables(data_copy).dac_recipients["COL"] == "umic"


@pytest.mark.parametrize("name, old, new, message", [
    ("dac_recipients.csv", "COL,umic", "CLO,umic", r"dac_recipients.csv, line \d+: 'CLO' is not an ISO"),
    ("dac_recipients.csv", "COL,umic", "COL,middle", r"dac_recipients.csv, line \d+: category 'middle'"),
    ("dac_recipients.csv", "CUB,umic", "COL,umic", r"dac_recipients.csv, line \d+: COL is already given"),
    ("dac_recipients.csv", "iso3,category,note", "iso3,group,note", r"dac_recipients.csv, line 1: the header"),
    ("dac_graduations.csv", "CHL,2018-01-01", "CHL,2018-13-01", r"dac_graduations.csv, line \d+: .*not a date"),
    ("dac_graduations.csv", "NRU,2026-01-01", "NRU,2023-01-01", r"dac_graduations.csv, line \d+: NRU left"),
    ("g77_changes.csv", "MEX,left,1994", "MEX,left,1894", r"g77_changes.csv, line 3: year '1894'"),
    ("g77_changes.csv", "KOR,left,1996", "KOR,joined,1996", r"g77_changes.csv, line \d+: the events for KOR"),
    ("oecd_members.csv", "COL,2020,", "PER,2020,", r"oecd_members.csv, line \d+: PER joined in 2020"),
    ("dac_members.csv", "KOR,2010,", "BRA,2010,", r"dac_members.csv, line \d+: BRA is not an OECD member"),
    ("ldc_changes.csv", "BTN,graduated,2023-12-13", "BTN,graduated,2020-12-13",
     r"ldc_changes.csv, line \d+: BTN graduated on 2020-12-13 but countrygroups"),
    ("ldc_changes.csv", "SLB,scheduled", "SLB,graduated", r"ldc_changes.csv, line \d+: SLB is both graduated"),
    ("ldc_changes.csv", "LAO,scheduled", "CHL,scheduled", r"ldc_changes.csv, line \d+: CHL is scheduled"),
    ("ldc_changes.csv", "GNQ,graduated,2017-06-04,\n", "", r"countrygroups lists GNQ as graduated"),
    ("wb_income_changes.csv", "CRI,2025-07-01,high", "CRI,2025-07-01,rich", r"income 'rich' is not one of"),
])
def test_a_broken_table_names_its_file_and_line(data_copy, name, old, new, message):
    edit(data_copy, name, old, new)
    with pytest.raises(CountryDataError, match=message):
        load_tables(data_copy)

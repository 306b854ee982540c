"""The countries, classify and override commands as a user runs them."""

import json

import pytest

from .test_cli import sursur


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cls") / "sursur.db")
    assert sursur("--db", path, "case", "load", "medellin").exit_code == 0
    return path


def test_countries_show_mexico(db):
    result = sursur("countries", "show", "México", "--json")
    assert result.exit_code == 0, result.output
    mexico = json.loads(result.stdout)
    assert mexico["iso3"] == "MEX" and mexico["names"]["es"] == "México"
    assert mexico["groupings"]["g77"]["value"] is False and mexico["oecd_joined"] == 1994
    assert all(g["vintage"] for g in mexico["groupings"].values())
    assert mexico["schemes"]["g77"] == "north" and mexico["schemes"]["dac-recipients"] == "south"


def test_countries_show_in_portuguese_prints_groupings_and_rules():
    result = sursur("countries", "show", "Uruguai", lang="pt")
    assert result.exit_code == 0, result.output
    assert "Uruguai" in result.stdout and "G77" in result.stdout


def test_an_unknown_country_suggests_close_names():
    result = sursur("countries", "show", "Colonbia", lang="en")
    assert result.exit_code == 1 and "Colombia (COL)" in result.stderr


def test_countries_list_by_scheme():
    rows = json.loads(sursur("countries", "list", "--scheme", "m49", "--json").stdout)
    sides = {r["iso3"]: r["side"] for r in rows}
    assert sides["JPN"] == "north" and sides["CUW"] == "south" and len(rows) > 240


def test_an_unknown_scheme_lists_the_real_ones():
    result = sursur("countries", "list", "--scheme", "brandt", lang="en")
    assert result.exit_code == 1 and "g77-or-dac" in result.stderr and "wb-income" in result.stderr


def test_classify_compare_medellin(db):
    result = sursur("--db", db, "classify", "--actor", "medellin", "--compare", "--json")
    table = json.loads(result.stdout)["schemes"]
    assert set(table) == {"g77-or-dac", "g77", "dac-recipients", "wb-income", "m49"}
    for row in table.values():
        assert sum(row["counts"].values()) == row["total"] == 54
        assert abs(sum(row["shares"].values()) - 1) < 1e-9
    human = sursur("--db", db, "classify", "--actor", "medellin", "--compare")
    assert "Sur–Sur" in human.stdout and "Medellín" in human.stdout


def test_compare_without_an_actor_says_what_is_missing(db):
    result = sursur("--db", db, "classify", "--compare", lang="en")
    assert result.exit_code == 1 and "--actor" in result.stderr


def test_classify_json_names_the_rule_and_the_parties(db):
    rows = json.loads(sursur("--db", db, "classify", "--scheme", "g77", "--json").stdout)
    habana = next(r for r in rows if r["key"] == "la-habana-centro-historico")
    assert habana["computed"] == "triangular" and habana["rule"] == "north_or_multilateral_supports_south"
    assert habana["stated"] == "south_south"
    assert {p["party"]: p["position"] for p in habana["parties"]} == {
        "medellin": "provider", "barcelona": "support", "la-habana": "receiver"}


def test_override_round_trip_through_the_cli(db):
    args = ("--db", db, "override", "agreement", "t1-curazao", "--value", "south_south",
            "--why", "La tabla la llama cooperación sur-sur", "--source", "espacios-2020", "--at", "Tabla 1, fila 13")
    assert sursur(*args).exit_code == 0
    rows = json.loads(sursur("--db", db, "classify", "--disagreements", "--json").stdout)
    curazao = next(r for r in rows if r["key"] == "t1-curazao")
    assert (curazao["computed"], curazao["override"]) == ("north_south", "south_south")
    assert "1" in sursur("--db", db, "override", "agreement", "t1-curazao", "--remove").stdout


def test_an_override_without_a_justification_is_refused(db):
    result = sursur("--db", db, "override", "agreement", "t1-quito", "--value", "south_south",
                    "--source", "espacios-2020", lang="en")
    assert result.exit_code == 1 and "justification" in result.stderr

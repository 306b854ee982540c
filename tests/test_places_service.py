"""Placing actors: geocoding the Medellín case, confirmed choices reused, the places command."""

import json

import pytest

from sursur.services import places
from sursur.services.cases import load_case

from .test_cli import sursur


@pytest.fixture
def case(store):
    load_case(store, "medellin")
    return store


def test_geocoding_the_case_places_governments_and_reports_the_ambiguous(case):
    report = places.geocode_actors(case)
    placed = {a.key: (p, how) for a, p, how in report.placed}
    assert placed["milan"][0].country == "ITA" and placed["milan"][1] == "name"
    assert placed["buenos-aires-provincia"][0].kind == "region1"
    assert placed["aci"][0].id == placed["medellin"][0].id and placed["aci"][1] == "parent"
    assert {a.key for a, _ in report.ambiguous} == {"condado-de-orange", "cuenca"}
    assert report.unresolved == []
    with case.reading() as repo:
        assert repo.actor("milan").place == placed["milan"][0].id
        assert repo.actor("condado-de-orange").place is None  # never a guessed point
        assert repo.actor("oei").place is None


def test_a_confirmed_choice_is_stored_and_reused(case):
    chosen = places.confirm(case, "Condado de Orange", "Estados Unidos", "us-county:06059")
    assert "Orange" in chosen.name
    again = places.resolve("Condado de Orange", "USA", case)
    assert again.status == "resolved" and again.place.id == "us-county:06059"
    report = places.geocode_actors(case)
    assert "condado-de-orange" in {a.key for a, _, _ in report.placed}
    assert "condado-de-orange" not in {a.key for a, _ in report.ambiguous}


def test_geocoding_twice_changes_nothing_the_second_time(case):
    places.geocode_actors(case)
    second = places.geocode_actors(case)
    assert second.placed == []


def test_confirming_a_place_that_does_not_exist_is_refused(case):
    from sursur.domain import DomainError

    with pytest.raises(DomainError, match="geonames:0"):
        places.confirm(case, "Cuenca", None, "geonames:0")


def test_places_resolve_json():
    result = sursur("places", "resolve", "Milán", "--country", "Italia", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["status"] == "resolved" and found["place"]["country"] == "ITA"
    assert found["place"]["lat"] == pytest.approx(45.46, abs=0.05)


def test_an_ambiguous_name_exits_2_with_candidates():
    result = sursur("places", "resolve", "Cuenca", "--json")
    assert result.exit_code == 2
    found = json.loads(result.stdout)
    assert found["status"] == "ambiguous" and found["place"] is None
    assert {c["place"]["country"] for c in found["candidates"]} >= {"ECU", "ESP"}


def test_an_unknown_place_is_unresolved_with_a_reason_and_no_point():
    found = json.loads(sursur("places", "resolve", "Xqzwv Town", "--country", "Chile", "--json", lang="en").stdout)
    assert found["status"] == "unresolved" and found["place"] is None and found["reason"]


def test_an_unknown_country_suggests_close_names():
    result = sursur("places", "resolve", "Quito", "--country", "Ecuadro", lang="en")
    assert result.exit_code == 1 and "Ecuador (ECU)" in result.stderr


def test_the_source_s_coordinates_settle_between_namesakes():
    halle = json.loads(sursur("places", "resolve", "Halle", "--country", "Alemania", "--json").stdout)
    assert halle["status"] == "ambiguous"
    saale = json.loads(sursur("places", "resolve", "Halle", "--country", "Alemania", "--near", "51.48,11.97",
                              "--json").stdout)
    assert saale["status"] == "resolved" and saale["place"]["lat"] == pytest.approx(51.48, abs=0.1)


def test_a_bad_point_is_refused_with_an_example():
    result = sursur("places", "resolve", "Halle", "--near", "norte", lang="en")
    assert result.exit_code == 1 and "51.48,11.97" in result.stderr

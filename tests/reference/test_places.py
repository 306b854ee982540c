"""Reading place names: the 17 governments of Tabla 1 (Medellín case), namesakes, qualifiers, failures."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from sursur.reference.country_names import resolve_country
from sursur.reference.place_index import strip_qualifiers
from sursur.reference.places import place_by_id, resolve_place
from sursur.reference.text import fold

# Tabla 1 of the article, in its own words: (name, country as written, place id, kind).
TABLA_1 = [
    ("Milán", "Italia", "geonames:3173435", "city"),
    ("Bilbao", "España", "geonames:3128026", "city"),
    ("Provincia Buenos Aires", "Argentina", "iso3166-2:AR-B", "region1"),
    ("Valparaíso", "Chile", "geonames:3868626", "city"),
    ("Lleida", "España", "geonames:3118514", "city"),
    ("Ciudad Buenos Aires", "Argentina", "geonames:3435910", "city"),
    ("Barcelona", "España", "geonames:3128760", "city"),
    ("Cantabria", "España", "iso3166-2:ES-CB", "region1"),
    ("Rio de Janeiro", "Brasil", "geonames:3451190", "city"),
    ("San José de Costa Rica", "Costa Rica", "geonames:3621849", "city"),
    ("Santo Domingo de Guzmán", "República Dominicana", "geonames:3492908", "city"),
    ("Quito", "Ecuador", "geonames:3652462", "city"),
    ("Curazao", "Curazao", "country:CUW", "country"),
    ("Nanjing", "República Popular China", "geonames:1799962", "city"),
    ("Morón", "Argentina", "geonames:3430545", "city"),
    ("Santa Fe de la Vera Cruz", "Argentina", "geonames:3836277", "city"),
]
ORANGE_COUNTIES = {  # the 17th row, "Condado de Orange" (Estados Unidos): one per state that has one
    "us-county:06059": "California", "us-county:12095": "Florida", "us-county:18117": "Indiana",
    "us-county:36071": "New York", "us-county:37135": "North Carolina", "us-county:48361": "Texas",
    "us-county:50017": "Vermont", "us-county:51137": "Virginia",
}
EXPECTED_COUNTRY = {"Curazao": "CUW", "República Popular China": "CHN", "República Dominicana": "DOM"}


def test_tabla_1_has_17_governments():
    assert len(TABLA_1) + 1 == 17


@pytest.mark.parametrize(("name", "country", "place_id", "kind"), TABLA_1, ids=[row[0] for row in TABLA_1])
def test_tabla_1_resolves_from_the_articles_words(name, country, place_id, kind):
    iso3 = resolve_country(country)
    result = resolve_place(name, iso3)
    assert result.status == "resolved", result.reason_params
    assert result.reason is None
    place = result.place
    assert (place.id, place.kind, place.country) == (place_id, kind, iso3)
    assert result.candidates[0].place == place and 0 < result.candidates[0].score <= 1
    if country in EXPECTED_COUNTRY:
        assert iso3 == EXPECTED_COUNTRY[country]
    if kind == "city":
        assert place.lat is not None and place.lon is not None
        assert place.population and place.population > 50_000  # GeoNames gives all of them one
    else:  # no list gives a region or a country a point: none is invented
        assert place.lat is None and place.lon is None


def test_the_province_and_the_city_of_buenos_aires_are_told_apart():
    province = resolve_place("Provincia Buenos Aires", "ARG").place
    city = resolve_place("Ciudad Buenos Aires", "ARG").place
    assert province.name == city.name == "Buenos Aires"
    assert (province.kind, city.kind) == ("region1", "city")
    assert resolve_place("Buenos Aires", "ARG").place == city  # a bare name means the city


def test_condado_de_orange_is_ambiguous_between_the_us_orange_counties():
    result = resolve_place("Condado de Orange", resolve_country("Estados Unidos"))
    assert result.status == "ambiguous"
    assert result.place is None
    assert {c.place.id for c in result.candidates} == set(ORANGE_COUNTIES)
    assert {c.place.id: c.place.admin1 for c in result.candidates} == ORANGE_COUNTIES
    assert all(c.place.kind == "region2" and c.place.country == "USA" for c in result.candidates)
    assert all(c.place.lat is None for c in result.candidates)
    assert "{choices}" in result.reason and "California" in result.reason_params["choices"]
    assert result.reason.format(**result.reason_params).startswith("'Condado de Orange' fits several places")
    english = resolve_place("Orange County", "USA")
    assert english.status == "ambiguous"
    assert {c.place.id for c in english.candidates} == set(ORANGE_COUNTIES)


def test_cuenca_alone_is_ambiguous_and_with_its_country_is_not():
    alone = resolve_place("Cuenca")
    assert alone.status == "ambiguous" and alone.place is None
    assert {"ECU", "ESP"} <= {c.place.country for c in alone.candidates}
    assert {"geonames:3658666", "geonames:3124132"} <= {c.place.id for c in alone.candidates}
    assert "Ecuador" in alone.reason_params["choices"] and "España" in alone.reason_params["choices"]
    in_ecuador = resolve_place("Cuenca", "ECU")
    assert in_ecuador.status == "resolved" and in_ecuador.place.id == "geonames:3658666"
    assert resolve_place("Cuenca", "ESP").place.id == "geonames:3124132"


def test_accents_case_and_spelling_do_not_matter():
    bogota = resolve_place("Bogota")
    assert bogota.status == "resolved"
    assert (bogota.place.id, bogota.place.country, bogota.place.name) == ("geonames:3688689", "COL", "Bogotá")
    assert resolve_place("BOGOTÁ").place == bogota.place
    plain, accented = resolve_place("Sao Paulo"), resolve_place("São Paulo")
    assert plain.status == accented.status == "resolved"
    assert plain.place == accented.place and plain.place.id == "geonames:3448439"
    assert resolve_place("Río de Janeiro", "bra").place.id == "geonames:3451190"  # the case file's spelling


def test_a_nonsense_name_is_unresolved_with_a_reason():
    result = resolve_place("Xqzvtlorpw Wrbnq")
    assert result.status == "unresolved"
    assert result.place is None and result.candidates == ()
    assert result.reason and result.reason_params["name"] == "Xqzvtlorpw Wrbnq"
    assert resolve_place("   ").status == "unresolved"


def test_a_name_found_only_in_another_country_says_where():
    result = resolve_place("Milán", resolve_country("Francia"))
    assert result.status == "unresolved"
    assert result.place is None and result.candidates == ()
    assert result.country == "FRA"
    assert "ITA" in result.reason_params["elsewhere"]
    assert "{elsewhere}" in result.reason
    assert "Italia" in result.reason.format(**result.reason_params)


@pytest.mark.parametrize(("name", "country", "place_id"), [
    ("Municipio de Quito", "ECU", "geonames:3652462"),
    ("Alcaldía de Medellín", "COL", "geonames:3674962"),
    ("Gobierno de la Ciudad de Buenos Aires", "ARG", "geonames:3435910"),
    ("Prefeitura do Rio de Janeiro", "BRA", "geonames:3451190"),
    ("Estado do Rio de Janeiro", "BRA", "iso3166-2:BR-RJ"),
    ("Provincia de Barcelona", "ESP", "iso3166-2:ES-B"),
    ("Comunidad de Madrid", "ESP", "iso3166-2:ES-MD"),
    ("Ciudad Real", "ESP", "geonames:2519402"),  # a whole name is not stripped of its 'Ciudad'
    ("Ciudad de Panamá", None, "geonames:3703443"),
    ("San José, Costa Rica", None, "geonames:3621849"),  # the country after a comma
    ("Springfield, Illinois", "USA", "geonames:4250542"),  # the region after a comma
])
def test_qualifiers_are_stripped_and_hint_at_the_kind(name, country, place_id):
    result = resolve_place(name, country)
    assert result.status == "resolved", result.reason_params
    assert result.place.id == place_id


def test_a_name_that_is_a_country_is_the_country():
    assert resolve_place("Curazao").place.id == "country:CUW"
    assert resolve_place("Panamá").place.id == "country:PAN"
    assert resolve_place("Panamá", "PAN").place.kind == "country"


def test_place_by_id_round_trips_every_kind():
    for place_id in ("geonames:3435910", "iso3166-2:AR-B", "us-county:06059", "country:CUW"):
        assert place_by_id(place_id).id == place_id
    assert place_by_id("us-county:06059").admin1 == "California"
    assert place_by_id("iso3166-2:ES-B").admin1 == "Catalunya"
    for unknown in ("geonames:1", "geonames:abc", "iso3166-2:XX-ZZ", "country:ZZZ", "", "Quito"):
        assert place_by_id(unknown) is None


def test_every_shipped_alias_names_a_place_in_its_country():
    table = files("sursur.reference") / "data" / "places" / "place_aliases.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        place = place_by_id(row["place_id"])
        assert place is not None and place.country == row["country"]
        assert resolve_place(row["alias"], row["country"]).place == place


@pytest.mark.parametrize("ascii_form, other_form", [
    ("Rio de Janeiro!", "Río de Janeiro"), ("L'Aigle", "L’Aigle"), ("Sao Paulo", "São Paulo"),
    ("  Saint-Etienne  ", "Saint-Étienne"), ("Frankfurt (Oder)", "Frankfurt (Óder)"), ("Strasse", "Straße"),
])
def test_the_ascii_shortcut_of_fold_agrees_with_the_unicode_path(ascii_form, other_form):
    assert fold(ascii_form) == fold(other_form)


def test_strip_qualifiers_keeps_names_that_start_with_an_article():
    assert strip_qualifiers("municipalidad de la paz") == ("la paz", "city")
    assert strip_qualifiers("gobierno de la provincia de buenos aires") == ("buenos aires", "region")
    assert strip_qualifiers("orange county") == ("orange", "county")
    assert strip_qualifiers("county") == ("county", None)


@pytest.mark.parametrize("name, country, expected", [
    ("Hattersheim am Main", "DEU", "Hattersheim"),
    ("Dillingen/Saar", "DEU", "Dillingen"),
    ("Bad Kötzting", "DEU", "Kötzting"),
    ("Budapest XVI. District", "HUN", "Budapest"),
    ("18th district of Budapest", "HUN", "Budapest"),
])
def test_official_long_forms_fall_back_to_the_name_gazetteers_use(name, country, expected):
    found = resolve_place(name, country)
    assert found.status == "resolved" and found.place.name == expected and found.place.country == country


def test_a_long_form_that_exists_whole_is_not_shortened():
    assert resolve_place("Frankfurt am Main", "DEU").place.name == "Frankfurt am Main"
    assert resolve_place("Boulogne-sur-Mer", "FRA").place.name == "Boulogne-sur-Mer"

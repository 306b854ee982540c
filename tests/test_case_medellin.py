"""The built-in Medellín case, as loaded into SQLite and PostgreSQL: the article's counts and facts."""

import re
from decimal import Decimal

import pytest

from sursur.domain import Role
from sursur.interchange.cases import read_case
from sursur.services.cases import load_case


@pytest.fixture(scope="module")
def stored(medellin_store):
    with medellin_store.reading() as repo:
        return repo.dataset()


def cited_in(record, prefix):
    return [c.locator for c in record.sources if c.locator and c.locator.startswith(prefix)]


def row_numbers(records, table):
    rows = []
    for record in records:
        for locator in cited_in(record, f"{table}, fila "):
            rows.append(int(locator.rsplit(" ", 1)[1]))
    return rows


def test_tabla_1_gives_17_subnational_governments_allied_with_medellin(stored):
    agreements = [g for g in stored.agreements if cited_in(g, "Tabla 1")]
    assert sorted(row_numbers(agreements, "Tabla 1")) == list(range(1, 18))
    actors = {a.key: a for a in stored.actors}
    partners = [actors[p] for g in agreements for p in g.parties if p != "medellin"]
    assert len(partners) == len({a.key for a in partners}) == 17
    assert all(a.kind.subnational_government for a in partners)
    assert all(a.country for a in partners)
    assert all(g.area for g in agreements)


@pytest.mark.parametrize("name, country, kind", [
    ("Milán", "ITA", "municipality"), ("Provincia de Buenos Aires", "ARG", "province"),
    ("Curazao", "CUW", "municipality"), ("Nanjing", "CHN", "municipality"),
    ("Santo Domingo de Guzmán", "DOM", "municipality"), ("Cantabria", "ESP", "province"),
])
def test_tabla_1_countries_and_kinds(stored, name, country, kind):
    actor = next(a for a in stored.actors if a.name == name)
    assert (actor.country, actor.kind.value) == (country, kind)


def test_tabla_2_all_28_rows_are_transcribed(stored):
    records = stored.agreements + stored.initiatives
    assert sorted(row_numbers(records, "Tabla 2")) == list(range(1, 29))


def test_tabla_2_one_actor_per_real_institution(stored):
    rows = [g for g in stored.agreements if cited_in(g, "Tabla 2")]
    institutions = {p for g in rows for p in g.parties if p != "medellin"}
    # 27 rows name 28 institutions; the OEI appears three times: 26 distinct.
    assert len(institutions) == 26
    oei = [g for g in rows if "oei" in g.parties]
    assert sorted(row_numbers(oei, "Tabla 2")) == [5, 11, 13]
    row_12 = next(g for g in rows if row_numbers([g], "Tabla 2") == [12])
    assert len(set(row_12.parties) - {"medellin"}) == 2


def test_cuenca_and_stuttgart_are_subnational_governments(stored):
    actors = {a.key: a for a in stored.actors}
    cuenca = next(a for a in stored.actors if "Cuenca" in a.name)
    assert cuenca.kind.value == "municipality" and cuenca.country is None  # Ecuador or Spain: not guessed
    assert actors["stuttgart"].kind.value == "municipality" and actors["stuttgart"].country == "DEU"


def test_proyecto_al_is_one_regional_initiative_with_all_its_partners(stored):
    project = next(i for i in stored.initiatives if i.title == "Proyecto AL")
    assert project.modality.value == "regional"
    assert len(project.participants) == 9  # Medellín and the eight partners listed
    keys = set(project.actor_keys())
    assert {"medellin", "moron", "quito", "lima"} <= keys
    assert not any(a.name == "Proyecto AL" for a in stored.actors)


def test_mercociudades_founders_count_and_units(stored):
    network = next(n for n in stored.networks if n.key == "mercociudades")
    assert str(network.founded) == "1995"
    assert {c.year: c.count for c in network.member_counts}[2016] == 307
    assert network.thematic_unit_count == 15 and len(network.thematic_units) == 3
    founders = [m for m in stored.memberships if m.network == "mercociudades" and m.founding]
    assert len(founders) == 12
    assert {str(m.joined) for m in founders} == {"1995"}
    actors = {a.key: a for a in stored.actors}
    assert sorted(actors[m.actor].country for m in founders) == ["ARG"] * 4 + ["BRA"] * 6 + ["PRY", "URY"]
    # 307 is a count: the list of members is not invented.
    assert len([m for m in stored.memberships if m.network == "mercociudades"]) < 20


def test_medellin_figures_as_stated(stored):
    medellin = next(a for a in stored.actors if a.key == "medellin")
    assert medellin.population.value == 2400000 and medellin.population.approximate
    assert medellin.area_km2.value == 380
    assert medellin.gdp_usd.value == Decimal("17000000000")
    assert medellin.population.source.locator == "3.4"


def test_aci_dates(stored):
    actors = {a.key: a for a in stored.actors}
    assert str(actors["aci"].founded) == "2001" and actors["aci"].parent == "medellin"
    assert str(actors["proyeccion-de-ciudad"].founded) == "2009"
    assert "2011-07" in [str(e.date) for e in actors["medellin"].timeline]


def test_la_habana_is_triangular_through_barcelona(stored):
    initiative = next(i for i in stored.initiatives if "la-habana" in i.actor_keys())
    roles = {p.actor: p.role for p in initiative.participants}
    assert initiative.modality.value == "triangular"
    assert roles == {"medellin": Role.FIRST_OFFERER, "barcelona": Role.SECOND_OFFERER, "la-habana": Role.RECEIVER}


def test_carchi_benefits_three_ecuadorian_cities(stored):
    initiative = next(i for i in stored.initiatives if "carchi" in i.actor_keys())
    assert {f.name: f.value for f in initiative.figures} == {"beneficiary_cities": 3}
    assert any(p.role is Role.OFFERER and p.actor == "medellin" for p in initiative.participants)


def test_the_2011_forum(stored):
    forum = next(i for i in stored.initiatives if i.title.startswith("Foro Internacional"))
    assert {f.name: f.value for f in forum.figures} == {"participants": 141}
    assert len(forum.countries) == 8 and str(forum.start) == "2011"


def test_buen_comienzo_practice_and_recognition(stored):
    practice = next(p for p in stored.practices if p.key == "buen-comienzo")
    assert practice.owner == "medellin" and practice.recognition
    assert "medellin:early_childhood" in practice.themes


def test_no_amount_the_article_does_not_state(stored):
    assert all(i.flows == [] for i in stored.initiatives)


def test_every_citation_points_into_the_article(stored):
    pattern = re.compile(r"^(1|3\.\d(, nota \d)?|Tabla [12], fila \d{1,2})$")
    records = (stored.actors + stored.agreements + stored.initiatives + stored.networks + stored.memberships
               + stored.practices)
    for record in records:
        assert record.sources, record
        for citation in record.sources:
            assert citation.source == "espacios-2020"
            assert pattern.match(citation.locator), (record, citation.locator)


def test_reloading_the_case_changes_nothing(medellin_store, stored):
    result = load_case(medellin_store, "medellin")
    assert result.report.changed == 0
    with medellin_store.reading() as repo:
        assert repo.dataset() == stored


def test_the_stored_case_equals_the_file(stored):
    shipped = read_case("medellin").dataset
    assert sorted(a.key for a in stored.actors) == sorted(a.key for a in shipped.actors)
    assert {i.key: i for i in stored.initiatives} == {i.key: i for i in shipped.initiatives}

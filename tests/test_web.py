"""The pages, over HTTP: every list shows its records with their source, in es (default), en and pt."""

import pytest
from fastapi.testclient import TestClient

from sursur.web.app import create_app


@pytest.fixture(scope="module")
def client(medellin_store):
    return TestClient(create_app(medellin_store))


def test_the_home_page_counts_the_records(client, medellin_store):
    page = client.get("/")
    assert page.status_code == 200
    with medellin_store.reading() as repo:
        counts = repo.counts()
    assert f'data-count="actors">{counts["actors"]}<' in page.text
    assert "Revista ESPACIOS 41(21)" in page.text


def test_spanish_is_the_default(client):
    page = client.get("/actors")
    assert '<html lang="es">' in page.text and "Actores" in page.text


@pytest.mark.parametrize("lang, word", [("en", "Actors"), ("pt", "Atores"), ("es", "Actores")])
def test_the_language_can_be_chosen(client, lang, word):
    page = client.get(f"/actors?lang={lang}")
    assert f'<html lang="{lang}">' in page.text and f"<h1>{word}" in page.text
    assert page.cookies.get("lang") == lang


def test_the_browser_language_is_followed(client):
    client.cookies.clear()  # a language chosen earlier would win
    page = client.get("/actors", headers={"Accept-Language": "pt-BR,pt;q=0.9"})
    assert '<html lang="pt">' in page.text


def test_actors_page_lists_each_actor_with_its_source(client, medellin_store):
    page = client.get("/actors?lang=en")
    with medellin_store.reading() as repo:
        actors = repo.actors()
    assert page.text.count('<tr id="actor-') == len(actors)
    row = page.text.split('id="actor-moron"')[1].split("</tr>")[0]
    assert "Morón" in row and "ARG" in row and "Tabla 1, fila 15" in row


def test_initiatives_page_shows_roles_and_unknown_amounts(client):
    page = client.get("/initiatives?lang=en")
    row = page.text.split('id="initiative-la-habana-centro-historico"')[1].split("</tr>")[0]
    assert "First offerer" in row and "Second offerer" in row and "Receiver" in row
    assert "unknown" in row and ">0<" not in row


def test_agreements_page_lists_tabla_1_and_2(client):
    page = client.get("/agreements")
    assert page.text.count("Tabla 1, fila") == 17
    assert "Moda, sector textil y turismo" in page.text


def test_networks_page_shows_mercociudades(client):
    page = client.get("/networks?lang=en")
    assert "Mercociudades" in page.text and "<strong>307</strong>" in page.text
    assert page.text.count("<td data-label=\"Founding member\">yes</td>") == 12


def test_no_asset_is_loaded_from_the_internet(client):
    for path in ("/", "/actors", "/initiatives", "/agreements", "/networks"):
        text = client.get(path).text
        assert 'src="http' not in text and 'href="http' not in text.replace('href="https://www.revistaespacios.com"', "")


def test_the_stylesheet_is_served_locally(client):
    assert client.get("/static/sursur.css").status_code == 200


def test_practices_page_shows_buen_comienzo_with_its_recognition(client):
    page = client.get("/practices?lang=es")
    article = page.text.split('id="practice-buen-comienzo"')[1].split("</article>")[0]
    assert "Buen Comienzo" in article and "Honors Habitat" in article
    assert "Primera infancia" in article  # the theme's Spanish label, not its id


def test_countries_are_named_in_the_page_language(client):
    es = client.get("/actors?lang=es").text.split('id="actor-curazao"')[1].split("</tr>")[0]
    pt = client.get("/actors?lang=pt").text.split('id="actor-curazao"')[1].split("</tr>")[0]
    assert "Curazao" in es and "(CUW)" in es
    assert "Curação" in pt


def test_themes_and_figures_are_labelled(client):
    page = client.get("/initiatives?lang=en")
    row = page.text.split('id="initiative-carchi-desarrollo-economico"')[1].split("</tr>")[0]
    assert "Beneficiary cities: 3" in row and "beneficiary_cities" not in row
    assert '<small class="themes">Economic development</small>' in row


def test_dated_initiatives_come_first_newest_first(client, medellin_store):
    page = client.get("/initiatives")
    with medellin_store.reading() as repo:
        initiatives = repo.initiatives()
    starts = [str(i.start) for i in initiatives if i.start]
    assert starts == sorted(starts, reverse=True)
    assert initiatives[: len(starts)] == [i for i in initiatives if i.start]
    order = [page.text.index(f'id="initiative-{i.key}"') for i in initiatives]
    assert order == sorted(order)


def test_agreements_show_their_class_under_the_chosen_rule(client):
    default = client.get("/agreements?lang=en").text
    row = default.split('id="agreement-t1-curazao"')[1].split("</tr>")[0]
    assert 'data-class="north_south"' in row and "Stated by the source: South–South" in row
    m49 = client.get("/agreements?lang=en&scheme=m49").text
    row = m49.split('id="agreement-t1-curazao"')[1].split("</tr>")[0]
    assert 'data-class="south_south"' in row
    assert "<strong" in m49.split('class="schemes"')[1].split("</p>")[0]


def test_an_unknown_scheme_in_the_address_falls_back_to_the_default(client):
    page = client.get("/initiatives?scheme=nonsense&lang=en")
    assert page.status_code == 200 and "G77 or DAC recipient (default)" in page.text


def test_the_method_page_names_every_rule_and_the_vintage_of_its_lists(client):
    from sursur.analysis.schemes import SCHEMES
    from sursur.reference.countries import lists

    page = client.get("/methodology?lang=en").text
    for name in SCHEMES:
        assert f'id="scheme-{name}"' in page
    for key in ("g77", "dac_recipients", "wb_income", "m49"):
        assert lists()[key].vintage in page

"""The practice bank and the "find peers" page over HTTP, on the Medellín case (SQLite and PostgreSQL).

Expected values come from the case as medellin.yaml gives it (the five practices, their owners, themes and
transfers); messages are compared with the catalogue's own text for the page's language, so these tests say
the same thing before and after the translators' work.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from fastapi.testclient import TestClient

from sursur.i18n import gettext_for
from sursur.reference.themes import taxonomy
from sursur.web.app import create_app

PRACTICES = {"buen-comienzo", "urbanismo-social", "prevencion-violencia-jovenes",
             "curitiba-trabajadoras-informales", "turin-empleo-femenino"}
DEMAND = ("Necesitamos apoyar a las mujeres trabajadoras informales y a sus micro-emprendimientos en los "
          "mercados del centro de la ciudad")


@pytest.fixture(scope="module")
def client(medellin_store):
    return TestClient(create_app(medellin_store))


def html(page):
    return lxml.html.fromstring(page.text)


def listed(page) -> list[str]:
    return [a.get("id").removeprefix("practice-") for a in html(page).xpath("//article[@class='practice']")]


def problem_at(page, field: str) -> str:
    found = html(page).xpath(f"//p[@id='{field}-error']")
    assert found, f"no message at the field {field}"
    return found[0].text_content()


def es(msgid: str, **params) -> str:
    return gettext_for("es")(msgid).format(**params)


# --- the bank ------------------------------------------------------------------------------------------

def test_the_bank_lists_every_practice_linking_to_its_page(client):
    page = client.get("/practices?lang=es")
    assert page.status_code == 200
    assert set(listed(page)) == PRACTICES
    links = set(html(page).xpath("//article[@class='practice']/h2/a/@href"))
    assert links == {f"/practice/{k}" for k in PRACTICES}
    assert 'href="/match"' in page.text  # find peers from the bank
    assert "<h1>Prácticas" in page.text


@pytest.mark.parametrize("query, expected", [
    ("q=MUJERES", {"curitiba-trabajadoras-informales"}),  # 'mujeres' is in Curitiba's title only
    ("q=atención+INFANCIA", {"buen-comienzo"}),  # no case; 'atención' and 'atencion' alike
    ("q=atencion", {"buen-comienzo"}),
    ("q=empleo+femenino", {"turin-empleo-femenino"}),
    ("q=replicables", {"curitiba-trabajadoras-informales", "turin-empleo-femenino",
                       "prevencion-violencia-jovenes"}),  # the summaries are searched too
    ("owner=medellin", {"buen-comienzo", "urbanismo-social", "prevencion-violencia-jovenes"}),
    ("theme=segib:gender", {"curitiba-trabajadoras-informales", "turin-empleo-femenino"}),
    ("theme=segib:group.other", {"curitiba-trabajadoras-informales", "turin-empleo-femenino"}),  # gender's parent
    ("country=BRA", {"curitiba-trabajadoras-informales"}),
    ("country=ita", {"turin-empleo-femenino"}),
    ("language=es", PRACTICES),
    ("owner=medellin&theme=sdg:11", {"urbanismo-social"}),
    ("q=nadaquecoincida", set()),
])
def test_the_filters(client, query, expected):
    page = client.get(f"/practices?{query}")
    assert page.status_code == 200
    assert set(listed(page)) == expected
    assert html(page).xpath("string(//strong[@data-total])") == str(len(expected))


def test_each_filter_value_says_how_many_practices_it_gives(client):
    page = html(client.get("/practices?lang=es"))
    owners = {o.get("value"): o.text_content() for o in page.xpath("//select[@name='owner']/option")}
    assert owners["medellin"] == "Medellín (3)" and owners["curitiba"] == "Curitiba (1)"
    themes = {o.get("value"): o.text_content() for o in page.xpath("//select[@name='theme']/option")}
    assert themes["segib:gender"].endswith("(2)")
    assert themes["segib:gender"].startswith(taxonomy().label("segib:gender", "es"))
    countries = {o.get("value"): o.text_content() for o in page.xpath("//select[@name='country']/option")}
    assert countries["COL"] == "Colombia (3)" and countries["BRA"] == "Brasil (1)"
    # the counts follow the other filters
    narrowed = html(client.get("/practices?theme=segib:gender"))
    owners = {o.get("value"): o.text_content() for o in narrowed.xpath("//select[@name='owner']/option")}
    assert set(owners) == {"", "curitiba", "turin"}


def test_a_filter_that_cannot_be_used_is_said_and_the_others_stay(client):
    page = client.get("/practices?theme=no-such-theme&owner=medellin&lang=en")
    assert page.status_code == 422
    assert "theme: 'no-such-theme' is not a theme id" in html(page).xpath("string(//p[@class='error'])")
    assert set(listed(page)) == {"buen-comienzo", "urbanismo-social", "prevencion-violencia-jovenes"}


# --- one practice --------------------------------------------------------------------------------------

def test_a_practice_page_shows_everything_it_records(client):
    page = client.get("/practice/buen-comienzo?lang=es")
    assert page.status_code == 200
    doc = html(page)
    assert doc.xpath("string(//h1)") == "Buen Comienzo"
    assert doc.xpath("//dl[@class='facts']//a[@href='/actor/medellin']")
    text = page.text
    assert "Programa dedicado a la atención integral de la primera infancia" in text  # summary
    assert "La atención integral de la primera infancia." in text  # problem
    assert "Honors Habitat" in text  # recognition and evidence
    assert "Ha desarrollado una serie de valiosas experiencias" in text
    assert doc.xpath("string(//span[@data-theme='medellin:early_childhood'])") == "Primera infancia"
    assert "Tabla 2, fila 13" in text  # its sources, cited like every record


def test_the_transfer_history_links_each_initiative_and_its_receivers(client):
    doc = html(client.get("/practice/urbanismo-social?lang=es"))
    row = doc.xpath("//tr[@id='transfer-lima-parques']")[0]
    assert row.xpath("string(.//a[@href='/initiative/lima-parques'])").startswith("Convenio Lima–Medellín")
    assert row.xpath(".//a[@href='/actor/parques-lima']")  # the receiver; EDU and INDER offered
    assert not row.xpath(".//a[@href='/actor/edu']")
    doc = html(client.get("/practice/prevencion-violencia-jovenes"))
    assert doc.xpath("//tr[@id='transfer-panama-prevencion-violencia']//a[@href='/actor/panama-ciudad']")
    # Ecuador, 2011: no receiver is named by the source; the date and the country are shown
    row = html(client.get("/practice/buen-comienzo?lang=es")).xpath("//tr[@id='transfer-buen-comienzo-ecuador-2011']")[0]
    assert "2011" in row.text_content() and "Ecuador" in row.text_content()
    assert row.xpath(".//a[@href='/initiative/buen-comienzo-ecuador-2011']")
    # a practice without transfers says so
    doc = html(client.get("/practice/turin-empleo-femenino"))
    assert not doc.xpath("//table[contains(@class, 'transfers')]") and doc.xpath("//p[@class='empty']")


def test_a_practice_page_says_who_could_adopt_it(client):
    doc = html(client.get("/practice/buen-comienzo?lang=en"))
    rows = doc.xpath("//table[contains(@class, 'adopters')]/tbody/tr")
    assert len(rows) == 5
    scores = [float(r.xpath("string(.//td[@data-score]/@data-score)")) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert "/actor/medellin" not in [r.xpath("string(.//td[2]/a/@href)") for r in rows]  # not its owner
    first = rows[0]
    assert first.xpath(".//dd[@data-component='context']") and first.xpath(".//span[@data-part='income']")
    assert doc.xpath("//p[@data-engine]")  # the engine and the weights are said


def test_an_unknown_practice_is_a_404_with_the_closest_keys(client):
    page = client.get("/practice/buen-comienz?lang=es")
    assert page.status_code == 404
    assert es("there is no practice '{key}'; the closest keys are: {close}", key="buen-comienz",
              close="buen-comienzo") in html(page).xpath("string(//p[@class='error'])")


def test_no_edit_link_for_a_visitor(client):
    assert "/edit/practices/" not in client.get("/practice/buen-comienzo").text


# --- find peers ----------------------------------------------------------------------------------------

def test_the_form_alone(client):
    page = client.get("/match?lang=es")
    assert page.status_code == 200
    doc = html(page)
    assert doc.xpath("//form[@method='get' and @action='/match']//textarea[@name='demand']")
    assert "San Salvador" in doc.xpath("//datalist[@id='actor-names']/option/@value")
    assert set(doc.xpath("//input[@name='themes']/@value")) >= {"segib:gender", "segib:employment"}
    assert not doc.xpath("//table[contains(@class, 'ranking')]") and not doc.xpath("//p[@class='field-error']")


def test_a_link_from_an_actor_fills_the_actor_in(client):
    actor = client.get("/actor/san-salvador")
    assert 'href="/match?actor=san-salvador"' in actor.text
    page = client.get("/match?actor=san-salvador")
    assert page.status_code == 200  # no demand yet: no complaint either
    assert html(page).xpath("string(//input[@name='actor']/@value)") == "san-salvador"


def test_every_page_links_to_find_peers(client):
    for path in ("/", "/actors", "/practices"):
        assert html(client.get(path)).xpath("//nav//a[@href='/match']"), path


def ranking(page) -> list[str]:
    return [r.get("id").removeprefix("match-") for r in html(page).xpath("//table[contains(@class, 'ranking')]/tbody/tr")]


def test_san_salvador_finds_curitiba_before_turin(client):
    """The article's example: what Curitiba does for informal women workers travels to San Salvador more
    easily than Turin's programmes for women's employment."""
    page = client.get("/match", params={"demand": DEMAND, "actor": "San Salvador", "lang": "es"})
    assert page.status_code == 200
    order = ranking(page)
    assert order.index("curitiba-trabajadoras-informales") < order.index("turin-empleo-femenino")
    assert set(order) == PRACTICES  # San Salvador owns none: all five are ranked
    doc = html(page)
    row = doc.xpath("//tr[@id='match-curitiba-trabajadoras-informales']")[0]
    assert row.xpath("string(.//td[@class='rank'])") == str(order.index("curitiba-trabajadoras-informales") + 1)
    assert row.xpath(".//a[@href='/practice/curitiba-trabajadoras-informales']")
    assert row.xpath(".//a[@href='/actor/curitiba']")
    assert row.xpath(".//td[@data-score]//meter")
    for component in ("text", "themes", "context"):
        assert row.xpath(f".//dd[@data-component='{component}']"), component
    for part in ("region", "subregion", "income", "population", "language", "ties"):
        assert row.xpath(f".//span[@data-part='{part}']"), part
    words = row.xpath(".//p[@class='words']/mark/text()")
    assert "trabajadoras" in words and "informales" in words
    engine = doc.xpath("string(//p[@data-engine])")
    assert "text=0.55" in engine and "context.income=0.25" in engine
    # what was asked stays in the form
    assert doc.xpath("string(//textarea[@name='demand'])") == DEMAND


def test_the_themes_asked_are_explained_and_the_weights_used(client):
    page = client.get("/match", params=[("demand", DEMAND), ("actor", "san-salvador"), ("themes", "segib:gender"),
                                        ("weights", "text=0.2,themes=0.6"), ("top", "2"), ("lang", "es")])
    assert page.status_code == 200
    assert len(ranking(page)) == 2
    doc = html(page)
    assert doc.xpath("//input[@name='themes' and @value='segib:gender']/@checked")
    first = doc.xpath("//table[contains(@class, 'ranking')]/tbody/tr")[0]
    assert taxonomy().label("segib:gender", "es") in first.xpath("string(.//p[@class='themes-met'])")
    assert "themes=0.6" in doc.xpath("string(//p[@data-engine])")


def test_its_own_practices_are_left_out(client):
    page = client.get("/match", params={"demand": DEMAND, "actor": "curitiba"})
    assert page.status_code == 200 and "curitiba-trabajadoras-informales" not in ranking(page)


def test_a_long_text_is_cut_and_the_page_says_so(client):
    long = " ".join([DEMAND] * 60)
    page = client.get("/match", params={"demand": long, "actor": "san-salvador", "lang": "en"})
    assert page.status_code == 200
    note = html(page).xpath("string(//p[contains(@class, 'cut')])")
    tokens = re.search(r"first (\d+) tokens", note)
    assert tokens and 400 < int(tokens[1]) <= 512


BAD = [  # (parameters, field, message in Spanish)
    ({"demand": "", "actor": "san-salvador"}, "demand",
     es("the demand '{text}' is too short to match: describe the need in a sentence or more (what problem, for "
        "whom, what has been tried)", text="")),
    ({"demand": "mujeres", "actor": "san-salvador"}, "demand",
     es("the demand '{text}' is too short to match: describe the need in a sentence or more (what problem, for "
        "whom, what has been tried)", text="mujeres")),
    ({"demand": DEMAND, "actor": "San Salvdor"}, "actor",
     es("there is no actor called '{name}'; the closest names are: {close}", name="San Salvdor",
        close="San Salvador; Salvador")),
    ({"demand": DEMAND, "actor": ""}, "actor", es("say who states the demand: an actor's name or key")),
    ({"demand": DEMAND, "actor": "san-salvador", "weights": "text=mucho"}, "weights",
     es("the weight of '{name}' must be a number, not '{value}'", name="text", value="mucho")),
    ({"demand": DEMAND, "actor": "san-salvador", "weights": "texto=1"}, "weights", "texto"),
    ({"demand": DEMAND, "actor": "san-salvador", "top": "0"}, "top",
     es("top: write a whole number from 1 to {most}, not '{value}'", most=100, value="0")),
    ({"demand": DEMAND, "actor": "san-salvador", "themes": "segib:nope"}, "themes", "segib:nope"),
    ({"demand": "trabajadoras\x00informales mujeres", "actor": "san-salvador"}, "demand",
     es("{parameter}: the value contains a control character (such as a line break or NUL); remove it",
        parameter="demand")),
]


@pytest.mark.parametrize("params, field, message", BAD, ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input_is_said_at_its_field_and_kept(client, params, field, message):
    page = client.get("/match", params={**params, "lang": "es"})
    assert page.status_code == 422
    assert message in problem_at(page, field)
    doc = html(page)
    assert doc.xpath(f"//*[@name='{field}' and @aria-invalid='true']") or field == "themes"
    assert message in doc.xpath("string(//div[@class='form-summary'])")  # above the form too
    if "\x00" not in params["demand"]:
        assert doc.xpath("string(//textarea[@name='demand'])") == params["demand"]
    assert doc.xpath("string(//input[@name='actor']/@value)") == params["actor"]
    assert not doc.xpath("//table[contains(@class, 'ranking')]")


def test_every_problem_is_said_at_once(client):
    page = client.get("/match", params={"demand": "x", "actor": "nadie-en-absoluto", "weights": "a=b",
                                        "top": "mil"})
    assert page.status_code == 422
    for field in ("demand", "actor", "weights", "top"):
        assert problem_at(page, field)


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_the_page_speaks_the_readers_language(client, lang):
    _ = gettext_for(lang)
    form = client.get(f"/match?lang={lang}")
    doc = html(form)
    assert doc.xpath("string(//h1)") == _("Find peers")
    assert doc.xpath("string(//label[@for='demand'])") == _("The need")
    assert _("Practices") in doc.xpath("string(//nav)")
    bad = client.get("/match", params={"demand": "hola", "actor": "san-salvador", "lang": lang})
    assert problem_at(bad, "demand") == _("the demand '{text}' is too short to match: describe the need in a "
                                          "sentence or more (what problem, for whom, what has been tried)"
                                          ).format(text="hola")
    good = html(client.get("/match", params={"demand": DEMAND, "actor": "san-salvador", "lang": lang}))
    headers = [th.text_content() for th in good.xpath("//table[contains(@class, 'ranking')]/thead/tr/th")]
    assert headers == ["#", _("Practice"), _("Owner"), _("Score"), _("Why")]
    assert good.xpath("string(//h2[@id='results-title'])") == _("Practices for {name}").format(name="San Salvador")
    detail = html(client.get(f"/practice/buen-comienzo?lang={lang}"))
    assert detail.xpath("string(//h2[@id='transfers'])").startswith(_("Transfers"))
    assert detail.xpath("string(//span[@data-theme='medellin:early_childhood'])") == \
        taxonomy().label("medellin:early_childhood", lang)


def test_labels_already_translated_are_shown_translated(client):
    assert "<h1>Práticas" in client.get("/practices?lang=pt").text
    assert "<h1>Practices" in client.get("/practices?lang=en").text
    page = client.get("/match", params={"demand": DEMAND, "actor": "san-salvador", "lang": "pt"})
    assert "Pontuação" in page.text and "Titular" in page.text


# --- editing ----------------------------------------------------------------------------------------------

def test_an_admin_sees_the_edit_link(tmp_path):
    """The case's records belong to no organisation: an admin may edit them (the permission is may_edit's)."""
    from sursur.services.accounts import add_user
    from sursur.services.cases import load_case
    from sursur.store import Store

    store = Store(f"sqlite:///{tmp_path / 'sursur.db'}", create=True)
    load_case(store, "medellin")
    add_user(store, "admin@sursur.org", "medellin", "admin", "a long enough password")
    client = TestClient(create_app(store))
    login = client.get("/login?next=/my")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)[1]
    signed = client.post("/login", data={"email": "admin@sursur.org", "password": "a long enough password",
                                         "next": "/my", "csrf": csrf}, follow_redirects=False)
    assert signed.status_code == 303
    page = client.get("/practice/buen-comienzo")
    assert 'href="/edit/practices/buen-comienzo"' in page.text
    store.close()


def test_an_actor_page_lists_the_needs_it_states_each_a_link_to_find_practices(tmp_path):
    from sursur.domain import Citation, Dataset, Demand, Text
    from sursur.services.cases import load_case
    from sursur.store import Store

    store = Store(f"sqlite:///{tmp_path / 'needs.db'}", create=True)
    load_case(store, "medellin")
    need = "Apoyar a las trabajadoras informales y a sus pequeños negocios en los mercados"
    with store.transaction() as repo:
        repo.save(Dataset(demands=[Demand("san-salvador-informales", "san-salvador", Text(need, "es"),
                                          ["segib:gender"], [Citation("espacios-2020", "1")])]))
    with TestClient(create_app(store)) as visitor:
        page = html(visitor.get("/actor/san-salvador?lang=es"))
        items = page.xpath("//ul[@class='demands']/li")
        assert len(items) == 1 and need in items[0].text_content()
        assert taxonomy().label("segib:gender", "es") in items[0].text_content()
        link = items[0].xpath(".//a[contains(@href, '/match?')]/@href")[0]
        assert es("Find practices for this need") in items[0].text_content()
        answer = visitor.get(link)
        assert answer.status_code == 200
        first = html(answer).xpath("//a[starts-with(@href, '/practice/')]/@href")[0]
        assert first == "/practice/curitiba-trabajadoras-informales"
        assert not html(visitor.get("/actor/turin?lang=es")).xpath("//ul[@class='demands']")
    store.close()

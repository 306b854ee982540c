"""Peer matching and the practice detail through the read API (/api/v1), on SQLite and PostgreSQL: the JSON
shape (the one `sursur match --json` prints), the article's San Salvador example, and every error as JSON with
the parameter named, in the language asked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sursur.analysis.matching import Weights
from sursur.i18n import gettext_for
from sursur.interchange.jsonout import ranking_json
from sursur.services import matching
from sursur.web.app import create_app

DEMAND = ("Necesitamos apoyar a las mujeres trabajadoras informales y a sus micro-emprendimientos en los "
          "mercados del centro de la ciudad")
MATCH_KEYS = {"engine", "weights", "query", "asker", "considered", "results"}
RESULT_KEYS = {"rank", "key", "title", "actor", "actor_name", "score", "components", "context", "words", "themes",
               "ties", "via"}


@pytest.fixture(scope="module")
def client(medellin_store):
    return TestClient(create_app(medellin_store))


def ok(client, path, **params):
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


def error(client, path, status, params=None, headers=None):
    answer = client.get(path, params=params or {}, headers=headers or {})
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]


# --- a demand → practices ------------------------------------------------------------------------------------

def test_san_salvador_finds_curitiba_before_turin(client):
    body = ok(client, "/api/v1/match", demand=DEMAND, actor="San Salvador")
    assert set(body) == MATCH_KEYS
    keys = [r["key"] for r in body["results"]]
    assert keys.index("curitiba-trabajadoras-informales") < keys.index("turin-empleo-femenino")
    assert body["asker"]["key"] == "san-salvador" and body["asker"]["country"] == "SLV"
    assert body["considered"] == 5  # every practice: none is San Salvador's
    first = body["results"][keys.index("curitiba-trabajadoras-informales")]
    assert set(first) == RESULT_KEYS
    assert first["actor"] == "curitiba" and first["actor_name"] == "Curitiba"
    assert set(first["components"]) == {"text", "themes", "context"}
    assert set(first["context"]) == {"region", "subregion", "income", "population", "language", "ties"}
    assert first["context"]["subregion"] == 1.0  # both in Latin America and the Caribbean
    assert "informales" in first["words"]
    assert [r["rank"] for r in body["results"]] == list(range(1, len(keys) + 1))
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert body["weights"] == Weights().shown()
    assert body["query"] == {"text": DEMAND, "cut": False, "tokens": body["query"]["tokens"]}


def test_the_answer_is_the_services_ranking_as_the_cli_prints_it(client, medellin_store):
    body = ok(client, "/api/v1/match", demand=DEMAND, actor="san-salvador", themes="segib:gender;segib:employment",
              top=3, weights="text=0.4,context.ties=0", lang="en")
    expected = ranking_json(matching.match_demand(medellin_store, DEMAND, "san-salvador",
                                                  themes=("segib:gender", "segib:employment"), top=3,
                                                  weights=Weights.parse("text=0.4,context.ties=0")), "en")
    assert body == expected
    assert len(body["results"]) == 3 and body["weights"]["text"] == 0.4 and body["weights"]["context.ties"] == 0
    gender = [t for t in body["results"][0]["themes"] if t["asked"]["id"] == "segib:gender"]
    assert gender and gender[0]["asked"]["label"] == "Gender"  # labels in the language asked


def test_the_themes_labels_follow_the_language(client):
    es = ok(client, "/api/v1/match", demand=DEMAND, actor="san-salvador", themes="segib:gender", lang="es")
    pt = ok(client, "/api/v1/match", demand=DEMAND, actor="san-salvador", themes="segib:gender", lang="pt")
    label = {lang: b["results"][0]["themes"][0]["asked"]["label"] for lang, b in (("es", es), ("pt", pt))}
    assert label["es"] == "Género" and label["pt"] == "Gênero"


def test_a_long_demand_is_cut_and_says_so(client):
    body = ok(client, "/api/v1/match", demand=" ".join([DEMAND] * 60), actor="san-salvador")
    assert body["query"]["cut"] is True and body["query"]["tokens"] <= 512


def test_its_own_practice_is_never_an_answer(client):
    body = ok(client, "/api/v1/match", demand=DEMAND, actor="curitiba")
    assert "curitiba-trabajadoras-informales" not in [r["key"] for r in body["results"]]
    assert body["considered"] == 4


# --- a practice → actors -------------------------------------------------------------------------------------

def test_who_could_adopt_a_practice(client):
    body = ok(client, "/api/v1/match/practice/buen-comienzo", top=5)
    assert set(body) == MATCH_KEYS and len(body["results"]) == 5
    assert body["asker"]["key"] == "medellin"  # the owner, whose context the candidates are compared with
    assert "medellin" not in [r["key"] for r in body["results"]]
    assert all(set(r) == RESULT_KEYS for r in body["results"])
    with_weights = ok(client, "/api/v1/match/practice/buen-comienzo", top=2, weights="themes=1,text=0,context=0")
    assert with_weights["weights"]["themes"] == 1 and len(with_weights["results"]) == 2


# --- the practice detail -------------------------------------------------------------------------------------

def test_a_practice_with_its_transfers(client):
    body = ok(client, "/api/v1/practices/urbanismo-social")
    assert body["key"] == "urbanismo-social" and body["owner"] == "medellin" and body["owner_name"] == "Medellín"
    assert body["transfers"] == ["lima-parques"]  # as in the list
    [lima] = body["transfer_history"]
    assert lima["initiative"] == "lima-parques" and lima["title"].startswith("Convenio Lima–Medellín")
    assert lima["receivers"] == [{"role": "receiver", "actor": "parques-lima", "party": None, "country": None}]
    ecuador = ok(client, "/api/v1/practices/buen-comienzo")["transfer_history"][0]
    assert ecuador["start"] == "2011" and ecuador["receivers"] == [] and ecuador["countries"] == ["ECU"]
    assert ok(client, "/api/v1/practices/buen-comienzo")["recognition"] == "Honors Habitat"


# --- errors --------------------------------------------------------------------------------------------------

TOO_SHORT = ("the demand '{text}' is too short to match: describe the need in a sentence or more (what problem, "
             "for whom, what has been tried)")


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_a_one_word_demand_is_refused_in_the_language_asked(client, lang):
    problem = error(client, "/api/v1/match", 422, {"demand": "mujeres", "actor": "san-salvador", "lang": lang})
    assert problem["parameter"] == "demand"
    assert problem["message"] == "demand: " + gettext_for(lang)(TOO_SHORT).format(text="mujeres")


def test_accept_language_is_followed(client):
    problem = error(client, "/api/v1/match", 422, {"demand": "x", "actor": "san-salvador"},
                    {"Accept-Language": "pt-BR"})
    assert problem["message"] == "demand: " + gettext_for("pt")(TOO_SHORT).format(text="x")


@pytest.mark.parametrize("params, parameter, words", [
    ({"demand": "", "actor": "san-salvador"}, "demand", "too short"),
    ({"actor": "san-salvador"}, "demand", "demand"),  # missing altogether
    ({"demand": DEMAND}, "actor", "actor"),
    ({"demand": DEMAND, "actor": ""}, "actor", "say who states the demand"),
    ({"demand": DEMAND, "actor": "San Salvdor"}, "actor", "the closest names are: San Salvador"),
    ({"demand": DEMAND, "actor": "san-salvador", "weights": "text=mucho"}, "weights", "must be a number"),
    ({"demand": DEMAND, "actor": "san-salvador", "weights": "texto=1"}, "weights", "the weights are: text"),
    ({"demand": DEMAND, "actor": "san-salvador", "weights": "text=0,themes=0,context=0"}, "weights", "above 0"),
    ({"demand": DEMAND, "actor": "san-salvador", "themes": "segib:nope"}, "themes", "segib:nope"),
    ({"demand": DEMAND, "actor": "san-salvador", "themes": "gender"}, "themes", "gender"),
    ({"demand": DEMAND, "actor": "san-salvador", "top": 0}, "top", "top"),
    ({"demand": DEMAND, "actor": "san-salvador", "top": "abc"}, "top", "abc"),
    ({"demand": DEMAND, "actor": "san\x00salvador"}, "actor", "control character"),
    ({"demand": "mujeres\x00trabajadoras informales", "actor": "san-salvador"}, "demand", "control character"),
])
def test_a_parameter_that_cannot_be_used_is_named(client, params, parameter, words):
    problem = error(client, "/api/v1/match", 422, {**params, "lang": "en"})
    assert problem["parameter"] == parameter
    assert problem["message"].startswith(f"{parameter}: ") and words in problem["message"]


def test_a_demand_with_line_breaks_is_fine(client):
    ok(client, "/api/v1/match", demand=DEMAND.replace(" y a ", "\ny a\t"), actor="san-salvador")


@pytest.mark.parametrize("path", ["/api/v1/match/practice/buen-comienz", "/api/v1/practices/buen-comienz"])
def test_an_unknown_practice_is_a_404_with_the_closest_keys(client, path):
    problem = error(client, path, 404, {"lang": "en"})
    assert problem["message"] == "there is no practice 'buen-comienz'; the closest keys are: buen-comienzo"
    assert "parameter" not in problem
    es = error(client, path, 404, {"lang": "es"})["message"]
    assert es == gettext_for("es")("there is no practice '{key}'; the closest keys are: {close}").format(
        key="buen-comienz", close="buen-comienzo")


def test_bad_weights_for_a_practice_are_named(client):
    problem = error(client, "/api/v1/match/practice/buen-comienzo", 422, {"weights": "=3"})
    assert problem["parameter"] == "weights"


# --- documented ----------------------------------------------------------------------------------------------

def test_the_openapi_and_the_docs_page_describe_them(client):
    spec = ok(client, "/api/v1/openapi.json")
    for path in ("/match", "/match/practice/{key}", "/practices/{key}"):
        assert set(spec["paths"][path]) == {"get"}, path
        operation = spec["paths"][path]["get"]
        assert operation["description"] and {"404", "422"} <= set(operation["responses"])
    names = {p["name"] for p in spec["paths"]["/match"]["get"]["parameters"]}
    assert names == {"demand", "actor", "themes", "top", "weights", "lang"}
    docs = client.get("/api/v1/docs").text
    for path in ("/api/v1/match</code>", "/api/v1/match/practice/{key}</code>", "/api/v1/practices/{key}</code>"):
        assert path in docs

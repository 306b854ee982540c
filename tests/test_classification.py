"""South–North classification: schemes over the shipped lists, relations from roles, overrides, sensitivity."""

import pytest

from sursur.analysis.classification import Classifier, country_sides, tally
from sursur.analysis.schemes import SCHEMES, UnknownScheme, scheme
from sursur.domain import Actor, Citation, DomainError, Initiative, Participation
from sursur.domain.classification import Override, RelationClass, Side
from sursur.services import classification as service

S, N = Side.SOUTH, Side.NORTH
SS, NS = RelationClass.SOUTH_SOUTH, RelationClass.NORTH_SOUTH

# Sides of the Tabla 1 partners' countries, worked out by hand from the lists' rules and vintages
# (docs/METHODOLOGY.md, reference/data/countries/SOURCES.md). Curaçao is in no G77 and on no DAC list;
# Chile left the DAC list in 2018 and is high income; Costa Rica is on the 2024–25 DAC list but the
# World Bank classes it high income from July 2025; China counts with the G77.
EXPECTED_SIDES = {
    #         g77-or-dac  g77  dac-recipients  wb-income  m49
    "ITA": (N, N, N, N, N),
    "ESP": (N, N, N, N, N),
    "ARG": (S, S, S, S, S),
    "CHL": (S, S, N, N, S),
    "BRA": (S, S, S, S, S),
    "CRI": (S, S, S, N, S),
    "DOM": (S, S, S, S, S),
    "ECU": (S, S, S, S, S),
    "CUW": (N, N, N, N, S),
    "CHN": (S, S, S, S, S),
    "USA": (N, N, N, N, N),
    "COL": (S, S, S, S, S),
}
ORDER = ("g77-or-dac", "g77", "dac-recipients", "wb-income", "m49")


@pytest.mark.parametrize("iso3", sorted(EXPECTED_SIDES))
def test_country_sides_under_every_scheme(iso3):
    sides = country_sides(iso3)
    assert tuple(sides[name] for name in ORDER) == EXPECTED_SIDES[iso3]


def test_the_lists_facts_behind_the_schemes():
    assert country_sides("MEX")["g77"] is N  # left the G77 on joining the OECD in 1994
    assert country_sides("KOR")["g77"] is N
    assert country_sides("URY")["g77"] is S and country_sides("URY")["dac-recipients"] is N


@pytest.fixture(scope="module")
def tabla_1(medellin_store):
    return {name: {r.key: r for r in service.classify(medellin_store, name, "medellin") if r.key.startswith("t1-")}
            for name in SCHEMES}


def test_every_tabla_1_partner_is_classified_as_worked_out_by_hand(medellin_store, tabla_1):
    with medellin_store.reading() as repo:
        agreements = {g.key: g for g in repo.agreements() if g.key.startswith("t1-")}
        countries = {a.key: a.country for a in repo.actors()}
    assert len(agreements) == 17
    for key, agreement in agreements.items():
        partner = next(p for p in agreement.parties if p != "medellin")
        if partner == "orange-county":
            continue
        for index, name in enumerate(ORDER):
            expected = SS if EXPECTED_SIDES[countries[partner]][index] is S else NS
            assert tabla_1[name][key].value is expected, (key, name)
            assert tabla_1[name][key].decentralized is True


def test_agreements_without_direction_between_north_and_south_say_so(tabla_1):
    milan = tabla_1["g77-or-dac"]["t1-milan"]
    assert milan.value is NS and milan.reason == "north_and_south_without_direction"
    assert {(p.label, p.side) for p in milan.parties} == {("medellin", S), ("milan", N)}


def test_la_habana_through_barcelona_is_triangular(medellin_store):
    result = next(r for r in service.classify(medellin_store) if r.key == "la-habana-centro-historico")
    assert result.value is RelationClass.TRIANGULAR
    assert result.reason == "north_or_multilateral_supports_south"


def _actor(key, country, kind="municipality"):
    return Actor(key=key, name=key, kind=kind, country=country, sources=[Citation("s")])


def _initiative(*participants):
    return Initiative(key="i", title="t", modality="bilateral", instrument="project",
                      participants=[Participation(role=r, actor=a) for a, r in participants],
                      sources=[Citation("s")])


ACTORS = {a.key: a for a in (_actor("recife", "BRA"), _actor("maputo", "MOZ"), _actor("jica", "JPN", "development_agency"),
                             _actor("madrid", "ESP"), _actor("oei", None, "multilateral"), _actor("nowhere", None, "ngo"))}


@pytest.mark.parametrize("participants, expected", [
    ([("recife", "offerer"), ("maputo", "receiver")], RelationClass.SOUTH_SOUTH),
    ([("madrid", "offerer"), ("maputo", "receiver")], RelationClass.NORTH_SOUTH),
    ([("recife", "offerer"), ("madrid", "receiver")], RelationClass.SOUTH_NORTH),
    ([("recife", "first_offerer"), ("jica", "second_offerer"), ("maputo", "receiver")], RelationClass.TRIANGULAR),
    ([("recife", "offerer"), ("oei", "funder"), ("maputo", "receiver")], RelationClass.TRIANGULAR),
    ([("recife", "offerer"), ("oei", "facilitator"), ("maputo", "receiver")], RelationClass.SOUTH_SOUTH),
    ([("recife", "partner"), ("oei", "partner")], RelationClass.MULTILATERAL),
    ([("recife", "offerer"), ("nowhere", "receiver")], RelationClass.UNKNOWN),
    ([("recife", "offerer"), ("jica", "facilitator")], RelationClass.UNKNOWN),
])
def test_roles_give_the_class(participants, expected):
    result = Classifier(ACTORS, scheme("g77-or-dac")).initiative(_initiative(*participants))
    assert result.value is expected


def test_decentralized_needs_every_cooperating_party_subnational():
    classifier = Classifier(ACTORS, scheme(None))
    assert classifier.initiative(_initiative(("recife", "offerer"), ("maputo", "receiver"))).decentralized is True
    assert classifier.initiative(_initiative(("jica", "offerer"), ("maputo", "receiver"))).decentralized is False


def test_an_unknown_scheme_lists_the_real_ones():
    with pytest.raises(UnknownScheme) as caught:
        scheme("brandt-line")
    assert all(name in str(caught.value) for name in SCHEMES)


def test_the_source_s_own_class_is_kept_and_disagreements_listed(medellin_store):
    found = {r.key: r for r in service.disagreements(medellin_store)}
    curazao = found["t1-curazao"]
    assert curazao.stated is SS and curazao.value is NS
    assert "la-habana-centro-historico" in found
    assert "t1-quito" not in found


def test_an_override_is_shown_beside_the_computed_class_and_can_be_removed(store):
    from sursur.services.cases import load_case

    load_case(store, "medellin")
    service.set_override(store, Override("agreement", "t1-curazao", "south_south",
                                         "Curaçao's partners treat it as a Caribbean South partner",
                                         Citation("espacios-2020", "Tabla 1, fila 13")))
    result = next(r for r in service.classify(store) if r.key == "t1-curazao")
    assert (result.value, result.override, result.shown) == (NS, SS, SS)
    assert result.override_why.startswith("Curaçao")
    results = service.classify(store, actor="medellin")
    assert tally(results).counts[SS] == tally(results, use_overrides=False).counts[SS] + 1
    assert service.remove_override(store, "agreement", "t1-curazao") == 1
    assert next(r for r in service.classify(store) if r.key == "t1-curazao").override is None


@pytest.mark.parametrize("override, message", [
    (lambda: Override("agreement", "t1-curazao", "south_south", " ", Citation("espacios-2020")), "justification"),
    (lambda: Override("agreement", "t1-curazao", "southish", "x", Citation("espacios-2020")), "south_south"),
    (lambda: Override("twinning", "t1-curazao", "south_south", "x", Citation("espacios-2020")), "agreement"),
])
def test_bad_overrides_are_refused(override, message):
    with pytest.raises(DomainError, match=message):
        override()


def test_an_override_on_a_missing_record_or_source_is_refused(medellin_store):
    with pytest.raises(DomainError, match="no agreement"):
        service.set_override(medellin_store, Override("agreement", "ghost", "south_south", "x", Citation("espacios-2020")))
    with pytest.raises(DomainError, match="nowhere"):
        service.set_override(medellin_store, Override("agreement", "t1-quito", "south_south", "x", Citation("nowhere")))


def test_the_comparison_counts_every_relation_under_every_scheme(medellin_store):
    result = service.compare(medellin_store, "medellin")
    assert set(result.tallies) == set(SCHEMES)
    totals = {t.total for t in result.tallies.values()}
    assert totals == {17 + 27 + 1 + 9}  # Tabla 1, Tabla 2 rows 1–27, the Lima convenio, all nine initiatives
    for t in result.tallies.values():
        assert sum(t.counts.values()) == t.total
    assert result.tallies["m49"].counts[SS] > result.tallies["wb-income"].counts[SS]

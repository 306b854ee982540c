"""The domain refuses invalid records with a message that names the record, the field and the value."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from sursur.domain import (Actor, Agreement, Citation, Dataset, DomainError, Flow, Initiative, Measure,
                           Membership, PartialDate, Participation)

CITE = [Citation("src", "p. 1")]


def initiative(**changes):
    values = dict(key="i1", title="Intercambio", modality="bilateral", instrument="action",
                  participants=[Participation(role="offerer", actor="medellin")], sources=CITE)
    values.update(changes)
    return Initiative(**values)


def test_an_initiative_with_no_participant_is_refused():
    with pytest.raises(DomainError) as caught:
        initiative(participants=[])
    assert "initiative i1.participants" in str(caught.value)
    assert "at least one participant" in str(caught.value)


def test_a_flow_with_a_negative_amount_is_refused():
    with pytest.raises(DomainError, match="negative amount"):
        initiative(flows=[Flow(kind="disbursement", amount=Decimal("-5"), currency="USD")])


def test_a_missing_amount_stays_unknown_not_zero():
    flow = initiative(flows=[Flow(kind="commitment", amount=None, currency="USD")]).flows[0]
    assert flow.amount is None


def test_an_amount_needs_a_currency():
    with pytest.raises(DomainError, match="currency"):
        initiative(flows=[Flow(kind="commitment", amount=100)])


def test_an_unknown_iso_code_is_refused():
    with pytest.raises(DomainError) as caught:
        Actor(key="x", name="X", kind="municipality", country="XXX", sources=CITE)
    assert "'XXX'" in str(caught.value) and "actor x.country" in str(caught.value)


def test_country_codes_are_normalised_to_upper_case():
    assert Actor(key="x", name="X", kind="municipality", country="col", sources=CITE).country == "COL"


def test_international_bodies_have_no_country():
    assert Actor(key="oei", name="OEI", kind="multilateral", sources=CITE).country is None


def test_an_unknown_actor_kind_lists_the_choices():
    with pytest.raises(DomainError) as caught:
        Actor(key="x", name="X", kind="city", sources=CITE)
    assert "municipality" in str(caught.value)


def test_every_record_needs_a_source():
    with pytest.raises(DomainError, match="source"):
        Actor(key="x", name="X", kind="municipality")


def test_an_agreement_needs_two_different_parties():
    with pytest.raises(DomainError, match="two different parties"):
        Agreement(key="a", kind="twinning", parties=["medellin", "medellin"], sources=CITE)


def test_an_agreement_cannot_end_before_it_is_signed():
    with pytest.raises(DomainError, match="before it starts"):
        Agreement(key="a", kind="twinning", parties=["a", "b"], signed="2015", ended="2011", sources=CITE)


def test_a_triangular_initiative_needs_its_roles():
    with pytest.raises(DomainError, match="triangular"):
        initiative(modality="triangular", participants=[Participation(role="partner", actor="a")])
    ok = initiative(modality="triangular", participants=[
        Participation(role="first_offerer", actor="medellin"), Participation(role="second_offerer", actor="bcn"),
        Participation(role="receiver", actor="habana")])
    assert [p.role.value for p in ok.participants] == ["first_offerer", "second_offerer", "receiver"]


def test_an_unnamed_party_needs_a_description():
    with pytest.raises(DomainError, match="described party"):
        initiative(participants=[Participation(role="receiver", country="CHL")])


def test_a_negative_population_is_refused():
    with pytest.raises(DomainError, match="negative"):
        Measure(value=-1)


def test_bad_keys_are_refused():
    with pytest.raises(DomainError, match="not a valid key"):
        Actor(key="Medellín City", name="Medellín", kind="municipality", sources=CITE)


@pytest.mark.parametrize("text", ["2011", "2011-07", "2011-07-05"])
def test_partial_dates_keep_their_precision(text):
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize("text", ["2011-13", "July 2011", "2011-02-30", "11"])
def test_bad_dates_are_refused(text):
    with pytest.raises(DomainError, match="YYYY"):
        PartialDate.parse(text)


@given(st.dates(), st.dates())
def test_partial_dates_sort_like_dates(a, b):
    assert (PartialDate.parse(a) < PartialDate.parse(b)) == (a < b)
    assert (PartialDate.parse(a) == PartialDate.parse(b)) == (a == b)


def test_references_between_records_are_checked():
    data = Dataset(actors=[Actor(key="a", name="A", kind="municipality", sources=CITE)],
                   memberships=[Membership(actor="a", network="nowhere", sources=CITE)])
    with pytest.raises(DomainError, match="network 'nowhere'"):
        data.check_references(known_sources={"src"})
    data = Dataset(agreements=[Agreement(key="g", kind="twinning", parties=["a", "ghost"], sources=CITE)])
    with pytest.raises(DomainError, match="actor 'a'"):
        data.check_references(known_sources={"src"})


def test_the_same_key_twice_is_refused():
    twice = [Actor(key="a", name="A", kind="municipality", sources=CITE)] * 2
    with pytest.raises(DomainError, match="used twice"):
        Dataset(actors=twice).check_references(known_sources={"src"})


def test_an_end_is_before_a_start_only_when_it_surely_is():
    from sursur.domain import PartialDate, Participation, Role

    def initiative(start, end):
        return Initiative(key="x", title="x", modality="bilateral", instrument="project", start=start, end=end,
                          participants=[Participation(Role.PARTNER, party="p")], sources=[Citation("s")])

    assert initiative("2010", "2010-05").end == PartialDate(2010, 5)  # once a TypeError
    assert initiative("2010-05", "2010").end == PartialDate(2010)  # 2010 may end in December
    with pytest.raises(DomainError, match="before it starts"):
        initiative("2010-05", "2010-04-30")
    assert sorted([PartialDate(2010, 5), PartialDate(2010), PartialDate(2009, 12, 31)]) == [
        PartialDate(2009, 12, 31), PartialDate(2010), PartialDate(2010, 5)]

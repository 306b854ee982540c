"""Network analytics on small hand-made graphs (every expected figure worked out by hand in the comments),
then on the built-in Medellín case."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from sursur.analysis.indicators import Scope, Snapshot, UnknownActor
from sursur.analysis.network import (UnknownNetwork, centrality, comembership, communities, ego, growth,
                                     reciprocity, relations, stats)
from sursur.domain import (Actor, Agreement, Citation, Flow, Initiative, MemberCount, Membership, Network,
                           Participation, Role)

CITE = [Citation("s")]


def _actor(key, parent=None, kind="municipality"):
    return Actor(key=key, name=key.upper(), kind=kind, parent=parent, sources=CITE)


def _agreement(key, *parties, signed=None):
    return Agreement(key=key, kind="twinning", parties=list(parties), signed=signed, sources=CITE)


def _initiative(key, parts, start=None, flows=()):
    return Initiative(key=key, title=key, modality="bilateral", instrument="project", start=start,
                      participants=[Participation(role, actor=a) for a, role in parts], flows=list(flows),
                      sources=CITE)


def _data(keys, agreements=(), initiatives=(), networks=(), memberships=(), bodies=()):
    actors = {k: _actor(k) for k in keys} | {k: _actor(k, parent=p, kind="development_agency") for k, p in bodies}
    return Snapshot(actors, list(agreements), list(initiatives), list(networks), list(memberships))


def _rel(data, fold=True, **period):
    return relations(Scope(data, None, **period), fold)


def _by(table, column):
    return {row[column]: row for row in table.rows}


def _notes(table):
    return [n.render(lambda s: s) for n in table.notes]


# --- centrality -------------------------------------------------------------------------------------------

@pytest.fixture
def path():
    """a – b – c – d, one twinning per tie."""
    return _data("abcd", [_agreement("ab", "a", "b"), _agreement("bc", "b", "c"), _agreement("cd", "c", "d")])


def test_degree_betweenness_and_eigenvector_of_a_path(path):
    table = centrality(_rel(path))
    rows = _by(table, "actor")
    # degree / (N − 1) with N = 4: ends 1/3, middle 2/3
    assert [rows[k]["degree"] for k in "abcd"] == [1, 2, 2, 1]
    assert rows["a"]["degree_centrality"] == pytest.approx(1 / 3, abs=1e-4)
    assert rows["b"]["degree_centrality"] == pytest.approx(2 / 3, abs=1e-4)
    # b lies on the shortest paths a–c and a–d: 2 of the (N − 1)(N − 2) / 2 = 3 pairs without b; the ends on none
    assert (rows["a"]["betweenness"], rows["b"]["betweenness"], rows["c"]["betweenness"]) == \
        (0.0, pytest.approx(2 / 3, abs=1e-4), pytest.approx(2 / 3, abs=1e-4))
    # P4's leading eigenvalue is φ = 1.618…, its eigenvector ∝ (1, φ, φ, 1); length √(2 + 2φ²)
    phi = (1 + math.sqrt(5)) / 2
    norm = math.sqrt(2 + 2 * phi ** 2)
    assert rows["a"]["eigenvector"] == pytest.approx(1 / norm, abs=1e-3)  # 0.3717
    assert rows["b"]["eigenvector"] == pytest.approx(phi / norm, abs=1e-3)  # 0.6015
    # the middle first, and every row leads to its agreements
    assert [r["actor"] for r in table.rows][:2] == ["b", "c"]
    assert table.records[0] == ["agreement:ab", "agreement:bc"]


def test_betweenness_on_a_large_graph_is_estimated_and_says_so(path):
    # above `exact_up_to` actors it is sampled; with as many sources as actors the estimate is the exact value
    table = centrality(_rel(path), exact_up_to=3, sample=10)
    assert _by(table, "actor")["b"]["betweenness"] == pytest.approx(2 / 3, abs=1e-4)
    assert any("estimated from 4 of the 4 actors" in n for n in _notes(table))
    assert not any("estimated" in n for n in _notes(centrality(_rel(path))))


def test_eigenvector_on_a_disconnected_graph_is_left_unknown_outside_the_largest_component():
    data = _data("abcxy", [_agreement("ab", "a", "b"), _agreement("bc", "b", "c"), _agreement("xy", "x", "y")])
    table = centrality(_rel(data))
    rows = _by(table, "actor")
    # a – b – c: eigenvector ∝ (1, √2, 1), length 2
    assert (rows["a"]["eigenvector"], rows["b"]["eigenvector"]) == (pytest.approx(0.5, abs=1e-3),
                                                                    pytest.approx(math.sqrt(2) / 2, abs=1e-3))
    assert rows["x"]["eigenvector"] is None and rows["y"]["eigenvector"] is None  # unknown, not 0
    assert any("largest (3 of 5 actors)" in n for n in _notes(table))


def test_eigenvector_with_two_largest_components_is_unknown_for_everyone():
    data = _data("abxy", [_agreement("ab", "a", "b"), _agreement("xy", "x", "y")])
    table = centrality(_rel(data))
    assert [r["eigenvector"] for r in table.rows] == [None] * 4
    assert any("several of the largest size" in n for n in _notes(table))


def test_weights_count_the_relations_behind_a_tie():
    data = _data("ab", [_agreement("g1", "a", "b")], [_initiative("i1", [("a", Role.PARTNER), ("b", Role.PARTNER)])])
    rel = _rel(data)
    tie = rel.graph["a"]["b"]
    assert (tie["weight"], tie["agreements"], tie["initiatives"]) == (2, 1, 1)
    assert tie["records"] == ["agreement:g1", "initiative:i1"]


# --- folding own bodies ------------------------------------------------------------------------------------

def test_own_bodies_are_folded_into_their_actor_unless_asked_not_to():
    data = _data("ab", [_agreement("self", "a", "a-agency")],
                 [_initiative("i1", [("a-agency", Role.OFFERER), ("b", Role.RECEIVER)])], bodies=[("a-agency", "a")])
    folded = _rel(data)
    assert sorted(folded.graph.nodes) == ["a", "b"] and list(folded.offers.edges) == [("a", "b")]
    # the agreement between a and its own agency ties nobody to anybody else
    assert folded.graph["a"]["b"]["records"] == ["initiative:i1"]
    assert any("a-agency → a" in n.render(str) for n in folded.notes)
    assert any("1 relations name fewer than two" in n.render(str) for n in folded.notes)
    apart = _rel(data, fold=False)
    assert sorted(apart.graph.nodes) == ["a", "a-agency", "b"] and list(apart.offers.edges) == [("a-agency", "b")]


# --- communities --------------------------------------------------------------------------------------------

@pytest.fixture
def two_triangles():
    """a, b, c tied to each other; d, e, f tied to each other; one bridge c – d."""
    pairs = ["ab", "ac", "bc", "de", "df", "ef", "cd"]
    return _data("abcdef", [_agreement(p, p[0], p[1]) for p in pairs])


def test_two_obvious_communities_and_their_modularity(two_triangles):
    table = communities(_rel(two_triangles))
    assert [r["members"] for r in table.rows] == [["a", "b", "c"], ["d", "e", "f"]]
    assert [r["ties"] for r in table.rows] == [3, 3]
    # m = 7 ties; each community has 3 inside and degrees 2 + 2 + 3 = 7:
    # Q = 2 × (3/7 − (7/14)²) = 2 × (0.428571 − 0.25) = 0.357143
    assert any("Q = 0.3571" in n for n in _notes(table))
    assert table.records[0] == ["agreement:ab", "agreement:ac", "agreement:bc", "agreement:cd"]
    # a fixed seed: the same answer every time
    assert communities(_rel(two_triangles)).rows == table.rows


def test_stats_of_two_triangles(two_triangles):
    values = {r["measure"]: r["value"] for r in stats(_rel(two_triangles)).rows}
    # density = 2E / (N (N − 1)) = 14 / 30
    assert values["nodes"] == 6 and values["ties"] == 7 and values["density"] == pytest.approx(14 / 30, abs=1e-4)
    assert values["components"] == 1 and values["communities"] == 2 and values["modularity"] == 0.3571
    # twinnings say nobody offers to anybody: no arcs, reciprocity unknown (not 0)
    assert values["offer_arcs"] == 0 and values["reciprocity"] is None and values["reciprocity_rho"] is None


# --- reciprocity ---------------------------------------------------------------------------------------------

def test_reciprocity_of_a_four_actor_offer_graph():
    data = _data("abcd", initiatives=[
        _initiative("i1", [("a", Role.OFFERER), ("b", Role.RECEIVER)]),
        _initiative("i2", [("b", Role.OFFERER), ("a", Role.RECEIVER)]),
        _initiative("i3", [("a", Role.FIRST_OFFERER), ("c", Role.RECEIVER)]),
        _initiative("i4", [("c", Role.OFFERER), ("d", Role.RECEIVER)])])
    rel = _rel(data)
    # arcs a→b, b→a, a→c, c→d: L = 4, of which L↔ = 2 (a→b and b→a) → r = 2/4 = 0.5
    # ā = L / (N (N − 1)) = 4 / 12 = 1/3 → ρ = (0.5 − 1/3) / (1 − 1/3) = (1/6) / (2/3) = 0.25
    values = {r["measure"]: r["value"] for r in stats(rel).rows}
    assert (values["offer_arcs"], values["reciprocity"], values["expected_reciprocity"], values["reciprocity_rho"]) \
        == (4, 0.5, 0.3333, 0.25)
    table = reciprocity(rel)
    assert [(r["offerer"], r["receiver"], r["reciprocated"]) for r in table.rows] == \
        [("a", "b", True), ("b", "a", True), ("a", "c", False), ("c", "d", False)]
    assert table.records[0] == ["initiative:i1"]
    assert any("2 / 4 = 0.5" in n and "= 0.25" in n for n in _notes(table))


def test_both_roles_and_flows_make_arcs():
    data = _data("ab", initiatives=[
        _initiative("i1", [("a", Role.BOTH), ("b", Role.BOTH)]),
        _initiative("i2", [("a", Role.PARTNER), ("b", Role.PARTNER)],
                    flows=[Flow("disbursement", Decimal("5"), "USD", from_actor="b", to_actor="a")])])
    offers = _rel(data).offers
    assert sorted(offers.edges) == [("a", "b"), ("b", "a")]
    assert offers["b"]["a"]["records"] == ["flow:i2#0", "initiative:i1"]
    # every arc is returned: r = 1; ā = 2 / 2 = 1, so ρ = (r − ā) / (1 − ā) is 0/0: unknown
    values = {r["measure"]: r["value"] for r in stats(_rel(data)).rows}
    assert values["reciprocity"] == 1.0 and values["reciprocity_rho"] is None


# --- ego ------------------------------------------------------------------------------------------------------

def test_ego_network_of_the_bridge(two_triangles):
    table = ego(_rel(two_triangles), "c")
    # c's partners a, b, d; among them only a – b: 1 of 3 possible ties, clustering 1/3
    assert [(r["actor"], r["partner"]) for r in table.rows] == [("c", "a"), ("c", "b"), ("c", "d"), ("a", "b")]
    assert any("3 partners and 1 ties among them (clustering 0.3333)" in n for n in _notes(table))
    with pytest.raises(UnknownActor, match="'cc'"):
        ego(_rel(two_triangles), "cc")


def test_ego_of_an_actor_without_relations_is_an_empty_table():
    data = _data("abz", [_agreement("ab", "a", "b")])
    table = ego(_rel(data), "z")
    assert table.rows == [] and any("z takes part in no agreement" in n for n in _notes(table))


# --- empty graphs and periods -----------------------------------------------------------------------------------

def test_an_empty_graph_gives_empty_tables_with_a_note():
    data = _data("ab", [_agreement("ab", "a", "b", signed="2010")])
    for measure in (stats, centrality, communities, reciprocity):
        table = measure(_rel(data, start=2020))
        assert table.rows == [] and table.notes, measure
    notes = _notes(stats(_rel(data, start=2020)))
    assert any("the graph has no ties" in n for n in notes)


def test_a_period_keeps_the_relations_of_its_years(path):
    data = _data("abc", [_agreement("ab", "a", "b", signed="2010"), _agreement("bc", "b", "c", signed="2015"),
                         _agreement("ac", "a", "c")])
    assert sorted(_rel(data, start=2012).graph.edges) == [("b", "c")]
    assert any("1 agreements have no year" in n.render(str) for n in _rel(data, start=2012).notes)
    assert len(_rel(data).graph.edges) == 3


# --- growth -----------------------------------------------------------------------------------------------------

@pytest.fixture
def network_data():
    network = Network(key="red", actor="red", founded="2000", sources=CITE,
                      member_counts=[MemberCount(2000, 3), MemberCount(2003, 10)])
    memberships = [Membership("x", "red", joined="2000", founding=True, sources=CITE),
                   Membership("y", "red", founding=True, sources=CITE),  # founding, no date: from 2000
                   Membership("z", "red", joined="2001", left="2002-06", sources=CITE),
                   Membership("w", "red", sources=CITE)]  # no date at all: in no year
    other = Network(key="otra", actor="otra", sources=CITE)
    return _data(["x", "y", "z", "w", "red", "otra"], networks=[network, other],
                 memberships=memberships + [Membership("x", "otra", joined="2001", sources=CITE),
                                            Membership("y", "otra", joined="2001", sources=CITE)])


def test_growth_keeps_stated_and_listed_apart(network_data):
    table = growth(network_data, "red")
    # listed: 2000 x, y; 2001 + z; 2002 z left (not counted the year it leaves); 2003 x, y
    assert [(r["year"], r["stated"], r["listed"], r["joined"], r["left"]) for r in table.rows] == [
        (2000, 3, 2, 2, 0), (2001, None, 3, 1, 0), (2002, None, 2, 0, 1), (2003, 10, 2, 0, 0)]
    assert table.records[0] == ["membership:x@red", "membership:y@red", "network:red#2000"]
    assert table.records[1] == ["membership:x@red", "membership:y@red", "membership:z@red"]
    notes = _notes(table)
    assert any("counted in no year: w" in n for n in notes)
    assert any("1 founding members with no joining date are counted from the founding (2000)" in n for n in notes)
    assert any("in 2003 a source states 10 members and 2 are listed" in n for n in notes)
    assert [r["year"] for r in growth(network_data, "RED", start=2002).rows] == [2002, 2003]


def test_an_unknown_network_lists_the_closest(network_data):
    with pytest.raises(UnknownNetwork, match="closest keys are: red"):
        growth(network_data, "redd")
    with pytest.raises(UnknownNetwork, match="the networks are: otra, red"):
        growth(network_data, "mercociudades")


def test_comembership_counts_shared_networks(network_data):
    table = comembership(Scope(network_data))
    rows = {(r["actor"], r["partner"]): (r["shared"], r["networks"]) for r in table.rows}
    # red: x, y, z, w; otra: x, y → x–y share 2, every other pair of red 1
    assert rows[("x", "y")] == (2, ["otra", "red"]) and rows[("w", "z")] == (1, ["red"]) and len(rows) == 6
    assert table.records[0] == ["membership:x@otra", "membership:x@red", "membership:y@otra", "membership:y@red"]
    # in 2003: z has left and w has no date (left out, said)
    dated = comembership(Scope(network_data, start=2003))
    assert [(r["actor"], r["partner"], r["shared"]) for r in dated.rows] == [("x", "y", 2)]
    assert any("1 memberships have no joining date" in n for n in _notes(dated))
    assert [r["partner"] for r in comembership(Scope(network_data), actor="z").rows] == ["w", "x", "y"]


# --- the built-in case ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def case(tmp_path_factory):
    from sursur.services.cases import load_case
    from sursur.services.indicators import snapshot
    from sursur.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('case') / 'case.db'}", create=True)
    load_case(store, "medellin")
    return snapshot(store)


def test_mercociudades_growth_in_the_case(case):
    table = growth(case, "mercociudades")
    rows = _by(table, "year")
    assert (rows[1995]["stated"], rows[2016]["stated"]) == (12, 307)
    assert rows[1995]["listed"] == 12 and rows[2005]["stated"] is None
    founding = {m.actor for m in case.memberships if m.network == "mercociudades" and m.founding}
    assert len(founding) == 12
    assert set(table.records[0]) == {f"membership:{a}@mercociudades" for a in founding} | {"network:mercociudades#1995"}
    notes = _notes(table)
    assert any("12 members are listed as founding members" in n for n in notes)
    assert any("counted in no year: medellin" in n for n in notes)  # the article gives no year for Medellín


def test_the_case_offer_graph_is_not_reciprocated(case):
    rel = relations(Scope(case))
    # Medellín (its EDU and INDER folded in) offers to Lima, Carchi, Panamá and La Habana; Barcelona to La Habana;
    # nobody offers back: r = 0; ā = 5 / (6 × 5) = 1/6; ρ = (0 − 1/6) / (5/6) = −0.2
    assert sorted(rel.offers.edges) == [("barcelona", "la-habana"), ("medellin", "carchi"),
                                        ("medellin", "la-habana"), ("medellin", "lima"), ("medellin", "panama-ciudad")]
    values = {r["measure"]: r["value"] for r in stats(rel).rows}
    assert (values["reciprocity"], values["reciprocity_rho"]) == (0.0, -0.2)
    assert centrality(rel).rows[0]["actor"] == "medellin"


def test_every_row_of_the_case_leads_to_real_records(case):
    known = ({f"agreement:{g.key}" for g in case.agreements} | {f"initiative:{i.key}" for i in case.initiatives}
             | {f"flow:{i.key}#{n}" for i in case.initiatives for n in range(len(i.flows))}
             | {f"membership:{m.actor}@{m.network}" for m in case.memberships}
             | {f"network:{n.key}#{c.year}" for n in case.networks for c in n.member_counts})
    rel = relations(Scope(case))
    tables = [stats(rel), centrality(rel), communities(rel), reciprocity(rel), ego(rel, "medellin"),
              growth(case, "mercociudades"), comembership(Scope(case))]
    for table in tables:
        assert table.rows and len(table.records) == len(table.rows), table.name
        for records in table.records:
            assert records and set(records) <= known, (table.name, set(records) - known)

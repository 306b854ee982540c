"""`sursur demo generate`: exact sizes, reproducible, synthetic in every record, never mixed with real data."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sursur.cli import app
from sursur.domain import Citation
from sursur.reference.countries import facts
from sursur.reference.themes import taxonomy
from sursur.services.cases import load_case
from sursur.services.demo import DemoRefused, Sizes, generate_demo
from sursur.services.demo import make_actors, make_agreements, make_initiatives, make_networks
from sursur.store import Store
from sursur.store import tables as t

SIZES = Sizes(actors=50, initiatives=200, flows=800, seed=7)
SOURCE = Citation("synthetic-seed-7")
runner = CliRunner()


def sqlite_store(tmp_path, name: str = "demo.db") -> Store:
    return Store(f"sqlite:///{tmp_path / name}", create=True)


def row_count(store: Store, table) -> int:
    with store.reading() as repo:
        return repo.conn.execute(select(func.count()).select_from(table)).scalar_one()


def snapshot(store: Store):
    with store.reading() as repo:
        return repo.dataset(), {table.name: repo.conn.execute(select(func.count()).select_from(table)).scalar_one()
                                for table in t.metadata.sorted_tables}


def test_the_sizes_asked_for_are_stored_and_read_back_as_generated(store):
    """On SQLite and on PostgreSQL (the `store` fixture runs on both)."""
    report = generate_demo(store, SIZES)
    assert report.written
    assert (row_count(store, t.actors), row_count(store, t.initiatives), row_count(store, t.flows)) == (50, 200, 800)
    assert row_count(store, t.agreements) == 20 and row_count(store, t.networks) >= 1
    assert report.counts["flows"] == 800 and report.counts["initiatives"] == 200
    with store.reading() as repo:
        initiatives = {i.key: i for i in repo.initiatives()}
        stored = repo.dataset()
    assert sum(len(i.flows) for i in initiatives.values()) == 800
    # What the repository reads back is what the generator made, record for record.
    cast = make_actors(SIZES)
    agreements = make_agreements(SIZES, cast)
    networks, memberships = make_networks(SIZES, cast)
    assert {a.key: a for a in stored.actors} == {a.key: a for a in cast.actors}
    assert stored.agreements == agreements
    assert stored.networks == sorted(networks, key=lambda n: n.key) and stored.memberships == memberships
    assert initiatives == {i.key: i for i in make_initiatives(SIZES, cast, agreements)}


def test_exact_actor_counts_at_any_size():
    for n in (10, 11, 37, 501, 20_000):
        cast = make_actors(Sizes(actors=n, initiatives=1, flows=0, seed=3))
        assert len(cast.actors) == n
        assert len({a.key for a in cast.actors}) == n and len({a.name for a in cast.actors}) == n


def test_the_same_seed_gives_the_same_records_and_another_seed_others(tmp_path):
    first, again, other = (sqlite_store(tmp_path, name) for name in ("a.db", "b.db", "c.db"))
    generate_demo(first, SIZES)
    generate_demo(again, SIZES)
    generate_demo(other, Sizes(actors=50, initiatives=200, flows=800, seed=8))
    a, b, c = (snapshot(s)[0] for s in (first, again, other))
    assert a == b
    assert a.initiatives != c.initiatives and a.actors != c.actors
    assert [s.key for s in c.sources] == ["synthetic-seed-8"]


def test_every_record_cites_the_synthetic_source_and_only_it(tmp_path):
    store = sqlite_store(tmp_path)
    generate_demo(store, SIZES)
    data, counts = snapshot(store)
    [source] = data.sources
    assert source.key == "synthetic-seed-7" and "SYNTHETIC" in source.title and "not real" in source.title
    assert "--seed 7" in source.note
    for kind in ("actors", "agreements", "initiatives", "networks", "memberships"):
        records = getattr(data, kind)
        assert records, kind
        assert all(r.sources == [SOURCE] for r in records), kind
    assert all(f.source == SOURCE for i in data.initiatives for f in i.flows)
    assert all(m.source == SOURCE for n in data.networks for m in n.member_counts)
    # One citation row per record, all of them to the one source.
    assert counts["citations"] == sum(counts[k] for k in ("actors", "agreements", "initiatives", "networks",
                                                          "memberships"))


def test_the_records_are_plausible(tmp_path):
    store = sqlite_store(tmp_path)
    generate_demo(store, Sizes(actors=200, initiatives=1000, flows=4000, seed=1))
    data, _ = snapshot(store)
    kinds = Counter(a.kind.value for a in data.actors)
    assert kinds.most_common(1)[0][0] == "municipality"
    assert {"province", "national_government", "development_agency", "multilateral", "ngo", "academic",
            "city_network"} <= set(kinds)
    by_key = {a.key: a for a in data.actors}
    assert any(a.parent and by_key[a.parent].kind.value == "municipality" for a in data.actors)
    south = {a.country for a in data.actors if a.country and facts(a.country).g77}
    north = {a.country for a in data.actors if a.country and facts(a.country).dac_member}
    assert len(south) >= 5 and len(north) >= 3
    assert {i.modality.value for i in data.initiatives} == {"bilateral", "regional", "triangular"}
    for i in data.initiatives:
        members = {p.actor for p in i.participants}
        assert 2 <= len(members) == len(i.participants) <= 4
        assert all(taxonomy().exists(theme) for theme in i.themes) and i.themes
        for f in i.flows:
            assert f.from_actor in members | {None} and f.to_actor in members | {None}
        if i.modality.value == "triangular":
            assert {p.role.value for p in i.participants} >= {"first_offerer", "second_offerer", "receiver"}
    flows = [f for i in data.initiatives for f in i.flows]
    assert {f.currency for f in flows} >= {"USD", "EUR", "COP", "BRL"}
    assert Counter(f.currency for f in flows).most_common(1)[0][0] == "USD"
    assert {f.kind.value for f in flows} == {"commitment", "disbursement", "in_kind_estimate"}
    unknown = sum(f.amount is None for f in flows)
    assert 0 < unknown < len(flows) / 4
    assert any(i.start is None for i in data.initiatives) and any(i.start and i.start.month for i in data.initiatives)
    assert any(not i.flows for i in data.initiatives)
    assert any(g.signed for g in data.agreements) and {len(g.parties) for g in data.agreements} == {2, 3}
    assert any(m.founding for m in data.memberships) and all(n.member_counts for n in data.networks)
    # Skewed: a few actors take part in far more initiatives than the typical one.
    taking_part = Counter(p.actor for i in data.initiatives for p in i.participants)
    assert taking_part.most_common(1)[0][1] > 10 * statistics.median(taking_part.values())


def test_a_database_with_real_records_is_refused_and_left_as_it_was(tmp_path):
    store = sqlite_store(tmp_path)
    load_case(store, "medellin")
    before = snapshot(store)
    with pytest.raises(DemoRefused) as refused:
        generate_demo(store, SIZES)
    assert "not synthetic" in str(refused.value) and "espacios-2020" in str(refused.value)
    assert snapshot(store) == before


def test_the_same_options_twice_write_nothing_and_other_options_are_refused(tmp_path):
    store = sqlite_store(tmp_path)
    generate_demo(store, SIZES)
    before = snapshot(store)
    again = generate_demo(store, SIZES)
    assert not again.written and again.counts["initiatives"] == 200
    assert snapshot(store) == before
    with pytest.raises(DemoRefused, match="other options"):
        generate_demo(store, Sizes(actors=50, initiatives=200, flows=801, seed=7))
    assert snapshot(store) == before


@pytest.mark.parametrize("options, words", [
    (["--actors", "0"], "--actors must be a whole number of at least 10 (got 0)"),
    (["--actors", "-3"], "--actors must be a whole number of at least 10 (got -3)"),
    (["--initiatives", "0", "--flows", "0"], "--initiatives must be a whole number of at least 1 (got 0)"),
    (["--flows", "-1"], "--flows must be a whole number of at least 0 (got -1)"),
    (["--initiatives", "0", "--flows", "10"], "flows belong to initiatives"),
    (["--seed", "-1"], "--seed must be a whole number of at least 0 (got -1)"),
])
def test_bad_options_are_refused_before_any_file_is_made(tmp_path, options, words):
    db = tmp_path / "demo.db"
    base = {"--actors": "50", "--initiatives": "200", "--flows": "800"}
    for name, value in zip(options[::2], options[1::2]):
        base[name] = value
    args = [part for pair in base.items() for part in pair]
    result = runner.invoke(app, ["--lang", "en", "demo", "generate", *args, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()


def test_the_command_fills_the_database_named_after_it_and_refuses_real_data(tmp_path):
    db, other = tmp_path / "demo.db", tmp_path / "other.db"
    result = runner.invoke(app, ["--lang", "en", "--db", str(other), "demo", "generate", "--actors", "30",
                                 "--initiatives", "40", "--flows", "100", "--seed", "2", "--db", str(db)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "synthetic-seed-2" in result.stdout and db.exists() and not other.exists()
    assert row_count(Store(str(db)), t.flows) == 100
    load_case(Store(str(other), create=True), "medellin")
    refused = runner.invoke(app, ["--lang", "en", "--db", str(other), "demo", "generate", "--actors", "30",
                                  "--initiatives", "40", "--flows", "100"], catch_exceptions=False)
    assert refused.exit_code == 1 and "not synthetic" in refused.stderr
    assert [s.key for s in snapshot(Store(str(other)))[0].sources] == ["espacios-2020"]

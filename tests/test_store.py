"""Repository round trips, migrations and refusals, on SQLite and on a real PostgreSQL server."""

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, inspect, text

from sursur.domain import (Actor, Agreement, Citation, Dataset, DomainError, Figure, Flow, Initiative, Measure,
                           MemberCount, Membership, Network, Participation, Practice, Source, Text, ThematicUnit,
                           TimelineEntry, PartialDate)
from sursur.domain.classification import StatedClass
from sursur.store import Store, StoreError
from sursur.store.database import create_schema_at, head_revision, normalize_url
from sursur.store.tables import metadata


def cite(locator):
    return [Citation("art", locator)]


def sample() -> Dataset:
    return Dataset(
        sources=[Source(key="art", title="Un artículo", kind="article", year=2020, url="https://example.org/a")],
        actors=[
            Actor(key="med", name="Medellín", kind="municipality", country="COL", other_names=["Medellin"],
                  population=Measure(2400000, approximate=True, source=Citation("art", "3.4")),
                  area_km2=Measure(380, source=Citation("art", "3.4")),
                  timeline=[TimelineEntry(PartialDate.parse("2011-07"), "Política pública", Citation("art", "3.4"))],
                  sources=cite("3.4")),
            Actor(key="aci", name="ACI", kind="development_agency", country="COL", parent="med", founded="2001",
                  sources=cite("3.4")),
            Actor(key="lima", name="Lima", kind="municipality", country="PER", sources=cite("3.4")),
            Actor(key="red", name="Red", kind="city_network", sources=cite("3.3")),
        ],
        agreements=[Agreement(key="g1", kind="cooperation_agreement", parties=["med", "lima"], area="Parques",
                              themes=["segib:environment"], signed="2014-03", sources=cite("3.4"))],
        initiatives=[Initiative(
            key="i1", title="Movilidad de funcionarios", modality="bilateral", instrument="action",
            description=Text("Transferencia de modelos", "es"), cooperation_types=["staff_mobility"],
            participants=[Participation(role="offerer", actor="med"),
                          Participation(role="receiver", party="ciudades chilenas", country="CHL")],
            flows=[Flow(kind="commitment", amount=None, currency="USD", year=2015, from_actor="med"),
                   Flow(kind="disbursement", amount=Decimal("1250.50"), currency="USD", year=2016,
                        source=Citation("art", "p. 9"))],
            figures=[Figure("participants", 141, Citation("art", "3.4"))], countries=["CHL", "PER"],
            agreement="g1", themes=["medellin:mobility"], start="2015",
            stated_class=StatedClass("south_south", Citation("art", "3.4")), sources=cite("3.4"))],
        networks=[Network(key="red", actor="red", founded="1995", thematic_unit_count=15,
                          member_counts=[MemberCount(2016, 307, Citation("art", "3.3"))],
                          thematic_units=[ThematicUnit("Cooperación Internacional", Citation("art", "3.3"))],
                          sources=cite("3.3"))],
        memberships=[Membership(actor="med", network="red", founding=False, sources=cite("3.4")),
                     Membership(actor="lima", network="red", joined="1995", founding=True, sources=cite("3.3"))],
        practices=[Practice(key="p1", owner="med", title="Buen Comienzo", themes=["medellin:early_childhood"],
                            summary=Text("Primera infancia", "es"), recognition="Honors", sources=cite("3.4"))],
    )


def test_a_dataset_round_trips_unchanged(store):
    with store.transaction() as repo:
        report = repo.save(sample())
    assert report.created == {"sources": 1, "actors": 4, "agreements": 1, "initiatives": 1, "networks": 1,
                              "memberships": 2, "practices": 1}
    with store.reading() as repo:
        stored = repo.dataset()
    expected = sample()
    assert stored.actors == sorted(expected.actors, key=lambda a: (a.name, a.key))
    assert stored.initiatives == expected.initiatives
    assert stored.agreements == expected.agreements
    assert stored.networks == expected.networks
    assert stored.memberships == expected.memberships
    assert stored.practices == expected.practices


def test_unknown_amounts_are_stored_as_null_not_zero(store):
    with store.transaction() as repo:
        repo.save(sample())
    with store.reading() as repo:
        amounts = repo.conn.execute(text("SELECT amount FROM flows ORDER BY position")).scalars().all()
    assert amounts[0] is None
    assert amounts[1] == Decimal("1250.50")


def test_saving_the_same_data_twice_changes_nothing(store):
    with store.transaction() as repo:
        repo.save(sample())
    with store.transaction() as repo:
        report = repo.save(sample())
    assert report.changed == 0
    assert sum(report.unchanged.values()) == 11


def test_a_changed_record_is_updated_in_place(store):
    with store.transaction() as repo:
        repo.save(sample())
    changed = sample()
    changed.actors[2].name = "Lima Metropolitana"
    with store.transaction() as repo:
        report = repo.save(changed)
        assert report.updated == {"actors": 1}
        assert repo.actor("lima").name == "Lima Metropolitana"
        assert repo.counts()["actors"] == 4


def test_a_failing_save_writes_nothing(store):
    broken = sample()
    broken.memberships.append(Membership(actor="ghost", network="red", sources=cite("x")))
    with pytest.raises(DomainError, match="ghost"):
        with store.transaction() as repo:
            repo.save(broken)
    with store.reading() as repo:
        assert repo.is_empty()


def test_actor_filters(store):
    with store.transaction() as repo:
        repo.save(sample())
    with store.reading() as repo:
        assert [a.key for a in repo.actors(country="col")] == ["aci", "med"]
        assert [a.key for a in repo.actors(kind="city_network")] == ["red"]


def test_migrations_build_exactly_the_declared_schema(store):
    """What Alembic built must match store/tables.py, or the next migration would be wrong."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert store.revision() == head_revision()


def test_an_older_database_is_migrated_and_keeps_its_records(db_url):
    create_schema_at(db_url, "0001")
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        assert "case_loads" not in inspect(conn).get_table_names()
        conn.execute(text("INSERT INTO sources (key, kind, title) VALUES ('old', 'other', 'Antes')"))
    engine.dispose()
    with pytest.raises(StoreError, match="older schema"):
        Store(db_url)
    migrated = Store(db_url, create=True, migrate=True)
    assert migrated.revision() == head_revision()
    with migrated.reading() as repo:
        assert [s.title for s in repo.sources()] == ["Antes"]
        assert "case_loads" in inspect(repo.conn).get_table_names()
    migrated.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"minutes of the meeting with the mayor\n" * 50)
    before = notes.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(str(notes), create=True, migrate=True)
    assert "not a sursur database" in str(caught.value)
    assert notes.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path):
    other = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{other}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE budget (line TEXT, amount REAL)"))
    engine.dispose()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a sursur database"):
        Store(str(other), create=True, migrate=True)
    assert other.read_bytes() == before


def test_an_unreachable_server_gets_a_one_line_error():
    with pytest.raises(StoreError) as caught:
        Store("postgresql://nobody@127.0.0.1:1/none")
    message = str(caught.value)
    assert message.startswith("cannot reach the database postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "\n" not in message


def test_a_missing_file_is_not_created_by_a_read(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="sursur init"):
        Store(str(missing))
    assert not missing.exists()


def test_postgres_urls_use_psycopg():
    assert normalize_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalize_url("mi.db") == "sqlite:///mi.db"



def test_a_migration_that_rebuilds_tables_keeps_their_children(db_url):
    """On SQLite, 0004 rebuilds `actors` and `initiatives`; with foreign keys on, dropping the old table
    cascade-deleted every participation and name. The rows written at 0003 must all still be there."""
    create_schema_at(db_url, "0003")
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sources (id, key, kind, title) VALUES (1, 'src', 'other', 'S')"))
        conn.execute(text("INSERT INTO actors (id, key, name, kind) VALUES (1, 'medellin', 'Medellín', "
                          "'municipality')"))
        conn.execute(text("INSERT INTO actor_names (actor_id, position, name) VALUES (1, 0, 'Medallo')"))
        conn.execute(text("INSERT INTO initiatives (id, key, title, modality, instrument, status) VALUES "
                          "(1, 'i1', 'Una', 'bilateral', 'project', 'unknown')"))
        conn.execute(text("INSERT INTO participations (initiative_id, position, actor_id, role) VALUES "
                          "(1, 0, 1, 'offerer')"))
        conn.execute(text("INSERT INTO initiative_countries (initiative_id, position, country) VALUES "
                          "(1, 0, 'BRA')"))
        for record_type in ("actor", "initiative"):
            conn.execute(text("INSERT INTO citations (record_type, record_id, position, source_id) VALUES "
                              f"('{record_type}', 1, 0, 1)"))
    engine.dispose()
    migrated = Store(db_url, create=True, migrate=True)
    with migrated.reading() as repo:
        (initiative,) = repo.initiatives()
        (actor,) = repo.actors()
    migrated.close()
    assert [(p.role.value, p.actor) for p in initiative.participants] == [("offerer", "medellin")]
    assert initiative.countries == ["BRA"] and initiative.iati_identifier is None
    assert actor.other_names == ["Medallo"] and actor.iati_ref is None


def test_data_as_of_moves_with_records_not_with_sign_ins(tmp_path):
    """A report's "data as of" is when a record last changed: a sign-in or the matching index writes no
    record, so it raises the data revision (caches) but leaves that time alone."""
    from datetime import datetime, timezone

    from sursur.services.accounts import add_user
    from sursur.services.cases import load_case
    from sursur.store import tables as t

    store = Store(f"sqlite:///{tmp_path / 'as-of.db'}", create=True)
    assert store.changed_at() is None  # nothing written yet: not known, not guessed
    load_case(store, "medellin")
    assert store.changed_at() is not None
    old = datetime(2000, 1, 1, tzinfo=timezone.utc)
    with store.engine.begin() as conn:  # as if the records had last changed in 2000
        conn.execute(t.store_revision.update().values(changed_at=old.isoformat()))
    revision = store.data_revision()
    add_user(store, "ana@medellin.gov.co", "medellin", "editor", "a long enough password 1")
    assert store.data_revision() == revision + 1 and store.changed_at() == old
    with store.transaction() as repo:  # a record write stamps it
        repo.conn.execute(t.actors.update().where(t.actors.c.key == "medellin").values(website="https://x.org"))
    assert store.changed_at().year > 2000

"""The batched writer (store/bulk.py) gives the records Repository.save gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlalchemy import select

from sursur.domain import (
    Actor,
    Citation,
    Dataset,
    Flow,
    Initiative,
    Measure,
    Participation,
    Source,
)
from sursur.store import tables as t
from sursur.store.bulk import BulkWriter

from .test_store import sample


def _bulk_save(store, data: Dataset, writer: BulkWriter | None = None):
    """Saves a whole dataset the way an import would: sources, actors and initiatives through the batched
    writer, the other kinds through Repository.save (a new BulkWriter after them, so it knows their keys)."""
    with store.transaction() as repo:
        first = repo.bulk_writer().save(Dataset(sources=data.sources, actors=data.actors))
        repo.save(Dataset(agreements=data.agreements))
        second = repo.bulk_writer().save(Dataset(initiatives=data.initiatives))
        repo.save(Dataset(networks=data.networks, memberships=data.memberships, practices=data.practices,
                          demands=data.demands))
    return first, second


def test_a_batched_save_reads_back_as_repository_save(store, medellin_store):
    with medellin_store.reading() as repo:
        case = repo.dataset()  # written by Repository.save: parents, measures, timelines, figures, agreements…
    first, second = _bulk_save(store, case)
    assert first.created == {"sources": len(case.sources), "actors": len(case.actors)}
    assert second.created == {"initiatives": len(case.initiatives)}
    with store.reading() as repo:
        assert repo.dataset() == case


def test_a_batched_save_of_the_same_data_changes_nothing(store):
    _bulk_save(store, sample())
    with store.reading() as repo:
        before = repo.dataset()
        ids = dict(repo.conn.execute(select(t.flows.c.id, t.flows.c.position)).all())
    first, second = _bulk_save(store, sample())
    assert first.changed == second.changed == 0
    assert first.unchanged == {"sources": 1, "actors": 4} and second.unchanged == {"initiatives": 1}
    with store.reading() as repo:
        assert repo.dataset() == before
        assert dict(repo.conn.execute(select(t.flows.c.id, t.flows.c.position)).all()) == ids  # not rewritten


def test_new_changed_and_unchanged_records_in_one_batch(store):
    with store.transaction() as repo:
        repo.save(sample())
        before = {row.key: row.id for row in repo.conn.execute(select(t.initiatives.c.key, t.initiatives.c.id))}
    data = sample()
    data.actors[2] = dataclasses.replace(data.actors[2], name="Lima Metropolitana")  # changed
    changed = dataclasses.replace(data.initiatives[0], title="Otro título", themes=["sdg:11"],
                                  flows=data.initiatives[0].flows[1:],
                                  participants=[Participation(role="receiver", actor="lima"),
                                                *data.initiatives[0].participants])
    new = Initiative(key="i2", title="Nueva", modality="bilateral", instrument="project",
                     participants=[Participation(role="offerer", actor="nueva")], reporter="nueva",
                     iati_identifier="XM-1", countries=["PER"],
                     flows=[Flow(kind="commitment", amount=Decimal("10.00"), currency="EUR", year=2020,
                                 from_actor="nueva", to_actor="lima", source=Citation("otro", "l. 3"))],
                     sources=[Citation("otro", "l. 1")])
    actors = data.actors + [Actor(key="nueva", name="Nueva", kind="ngo", iati_ref="XM-1", sources=[Citation("otro")])]
    with store.transaction() as repo:
        report = repo.bulk_writer().save(Dataset(sources=data.sources + [Source(key="otro", title="Otro")],
                                                 actors=actors, initiatives=[changed, new]))
    assert report.created == {"sources": 1, "actors": 1, "initiatives": 1}
    assert report.updated == {"actors": 1, "initiatives": 1}
    assert report.unchanged == {"sources": 1, "actors": 3}
    with store.reading() as repo:
        stored = {i.key: i for i in repo.initiatives()}
        after = {row.key: row.id for row in repo.conn.execute(select(t.initiatives.c.key, t.initiatives.c.id))}
        assert repo.actor("lima").name == "Lima Metropolitana"
        assert repo.actor("nueva") == actors[-1]
    assert stored == {"i1": changed, "i2": new}
    assert after["i1"] == before["i1"]  # updated in place, by key


def test_actors_whose_parent_comes_in_the_same_batch(store):
    data = sample()
    with store.transaction() as repo:
        repo.bulk_writer().save(Dataset(sources=data.sources, actors=list(reversed(data.actors))))
        assert repo.actor("aci").parent == "med"


def test_the_batched_writer_refuses_what_it_does_not_write(store):
    data = sample()
    with store.transaction() as repo, pytest.raises(ValueError, match="agreements"):
        repo.bulk_writer().save(data)


def test_rows_that_leave_a_column_to_its_default_are_written_the_ordinary_way(store):
    with store.transaction() as repo:
        repo.save(sample())
        writer = repo.bulk_writer()
        writer._insert(t.actor_measures, [{"actor_id": writer._ref(t.actors, "lima"), "name": "gdp_usd",
                                           "value": Decimal("5.5")}])  # 'approximate' left to its default
        assert writer._statements[("actor_measures", ("actor_id", "name", "value"))] is None
        assert repo.actor("lima").gdp_usd == Measure(Decimal("5.5"))

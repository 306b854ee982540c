"""IATI import through the batched writer: the same records as Repository.save, re-imports by key."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from sursur.domain import ActorKind, Dataset
from sursur.services import iati as service
from sursur.services.iati import import_iati
from sursur.store import Store
from sursur.store import tables as t

from ..conftest import _new_url
from .test_iati_import import DATA, MINISTRIES

FILES = [DATA / "annotated_203.xml", DATA / "nl_mfa_203.xml", DATA / "dportal_17_localgov.xml",
         DATA / "dportal_26_triangular.xml"]


class _OneAtATime:
    """Stands in for the batched writer: every batch through Repository.save, as before store/bulk.py."""

    def __init__(self, repo):
        self.repo = repo

    def save(self, data):
        return self.repo.save(data)


def _ids(store) -> dict[str, int]:
    with store.reading() as repo:
        return dict(repo.conn.execute(select(t.initiatives.c.key, t.initiatives.c.id)).all())


def test_the_import_writes_what_repository_save_writes(store, request, tmp_path_factory, monkeypatch):
    backend = store.engine.dialect.name
    batched = import_iati(store, FILES, skip_invalid=True, batch=7)  # many batches, actors across them
    with store.reading() as repo:
        written = repo.dataset()
    before = Store(_new_url("postgresql" if backend == "postgresql" else "sqlite", request, tmp_path_factory),
                   create=True)
    monkeypatch.setattr(service.Repository, "bulk_writer", lambda repo: _OneAtATime(repo))
    one_by_one = import_iati(before, FILES, skip_invalid=True, batch=7)
    with before.reading() as repo:
        assert repo.dataset() == written
    before.close()
    assert batched.saved == one_by_one.saved
    assert batched.saved.created["initiatives"] == 1 + 13 + 53 + 98


def test_a_second_import_reports_everything_unchanged(store):
    import_iati(store, FILES, skip_invalid=True)
    ids = _ids(store)
    with store.reading() as repo:
        before = repo.dataset()
    again = import_iati(store, FILES, skip_invalid=True, batch=11)
    assert again.saved.changed == 0 and again.saved.unchanged["initiatives"] == len(ids)
    assert _ids(store) == ids
    with store.reading() as repo:
        assert repo.dataset() == before


def test_a_changed_file_updates_its_initiatives_in_place(store, tmp_path):
    copy = tmp_path / "nl_mfa_203.xml"
    text = (DATA / "nl_mfa_203.xml").read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    import_iati(store, [copy])
    ids = _ids(store)
    copy.write_text(text.replace("<narrative>ICTJ 2013-2014</narrative>", "<narrative>ICTJ, renewed</narrative>", 1),
                    encoding="utf-8")
    report = import_iati(store, [copy])
    assert report.saved.updated == {"initiatives": 1} and report.saved.unchanged["initiatives"] == 12
    assert _ids(store) == ids
    with store.reading() as repo:
        assert next(i for i in repo.initiatives() if i.key == "nl-1-ppr-24706").title == "ICTJ, renewed"


def test_a_corrected_actor_keeps_its_correction_on_reimport(store):
    import_iati(store, [DATA / "dportal_17_localgov.xml"], skip_invalid=True)
    with store.transaction() as repo:
        ministry = next(a for a in repo.actors() if a.name == MINISTRIES[0])
        corrected = dataclasses.replace(ministry, kind=ActorKind.PROVINCE, name="Kaduna State MoH", country="NGA")
        repo.save(Dataset(actors=[corrected]))
    again = import_iati(store, [DATA / "dportal_17_localgov.xml"], skip_invalid=True)
    assert again.saved.changed == 0
    with store.reading() as repo:
        assert repo.actor(ministry.key) == corrected

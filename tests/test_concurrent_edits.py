"""Safe concurrent edits: an edit claims the version it was made on, so of two edits of one version the
second is refused (StaleEdit, 409) with the record as it is now, and nothing is ever overwritten unseen.

On SQLite and PostgreSQL: two edits one after the other, and edits racing in threads (each its own
Store, so its own connection). On the real PostgreSQL server only: 50 writers doing read-modify-write of
the same few records, with retries (every writer's change must be there at the end) and without (every
save that said yes is in the record, in the version and in the audit trail; every refused one in none).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter

import pytest

from sursur.services import accounts, editing
from sursur.services.cases import load_case
from sursur.services.editing import StaleEdit
from sursur.store import Store
from sursur.store import editing as e

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def people(medellin_store):
    store = medellin_store
    return {name: accounts.add_user(store, f"{name}@medellin.example", "medellin", role)
            for name, role in (("ana", "editor"), ("beto", "editor"), ("admin", "admin"))}


def new_actor(store, user, published: bool = True) -> str:
    key = f"concurrida-{next(_numbers)}"
    editing.create(store, user, "actors", {"key": key, "name": f"Concurrida {key}", "kind": "ngo",
                                           "country": "COL", "note": "inicial"})
    if published:
        editing.publish(store, user, "actors", key, 1)
    return key


def updates(store, admin, key) -> list[e.Change]:
    return [c for c in editing.audit(store, admin, kind="actors", key=key) if c.action == "update"]


@pytest.mark.parametrize("published", [True, False], ids=["published", "draft"])
def test_of_two_edits_of_one_version_the_second_is_refused(medellin_store, people, published):
    store, ana, beto = medellin_store, people["ana"], people["beto"]
    key = new_actor(store, ana, published)
    opened_by_ana = editing.get(store, ana, "actors", key)
    opened_by_beto = editing.get(store, beto, "actors", key)
    assert opened_by_ana.version == opened_by_beto.version == 1
    saved = editing.save(store, ana, "actors", key, {**opened_by_ana.data, "note": "de Ana"}, 1)
    assert saved.version == 2
    with pytest.raises(StaleEdit) as stale:
        editing.save(store, beto, "actors", key, {**opened_by_beto.data, "note": "de Beto",
                                                  "website": "https://beto.example"}, 1)
    assert stale.value.status == 409
    now = stale.value.current
    assert (now.version, now.data["note"], now.data["website"]) == (2, "de Ana", "")
    assert [(c.user, c.fields) for c in stale.value.changes] == [(ana.email, ["note"])]
    assert ana.email in str(stale.value) and "1" in str(stale.value) and "2" in str(stale.value)
    stored = editing.get(store, people["admin"], "actors", key)
    assert (stored.version, stored.data["note"], stored.data["website"]) == (2, "de Ana", "")
    trail = updates(store, people["admin"], key)
    assert [(c.user, c.version, c.after["note"]) for c in trail] == [(ana.email, 2, "de Ana")]
    again = editing.save(store, beto, "actors", key, {**now.data, "note": "de Beto"}, now.version)
    assert again.version == 3 and [c.user for c in updates(store, people["admin"], key)] == [ana.email, beto.email]


def test_what_changed_since_counts_only_the_published_record(medellin_store, people):
    """A draft's versions count from 1 again once published: the edits of the draft are not news to
    someone who opened the published record (they were listed as if they were)."""
    store, ana, beto = medellin_store, people["ana"], people["beto"]
    key = new_actor(store, ana, published=False)
    draft = editing.get(store, ana, "actors", key)
    editing.save(store, ana, "actors", key, {**draft.data, "note": "borrador 2"}, 1)
    editing.save(store, ana, "actors", key, {**draft.data, "note": "borrador 3"}, 2)
    editing.publish(store, ana, "actors", key, 3)
    form = editing.get(store, beto, "actors", key).data
    editing.save(store, ana, "actors", key, {**form, "website": "https://ana.example"}, 1)
    with pytest.raises(StaleEdit) as stale:
        editing.save(store, beto, "actors", key, {**form, "note": "de Beto"}, 1)
    assert [(c.action, c.state, c.version, c.fields) for c in stale.value.changes] == [
        ("update", "published", 2, ["website"])]
    assert "borrador" not in str(stale.value) and "note" not in str(stale.value)


def test_a_stale_delete_or_publish_is_refused(medellin_store, people):
    store, ana, beto, admin = medellin_store, people["ana"], people["beto"], people["admin"]
    key = new_actor(store, ana)
    form = editing.get(store, ana, "actors", key).data
    editing.save(store, ana, "actors", key, {**form, "note": "editada"}, 1)
    with pytest.raises(StaleEdit):
        editing.delete(store, beto, "actors", key, 1)  # deleting what Ana changed since: refused
    assert editing.get(store, admin, "actors", key).data["note"] == "editada"
    draft = new_actor(store, ana, published=False)
    editing.save(store, ana, "actors", draft, {**editing.get(store, ana, "actors", draft).data, "note": "dos"}, 1)
    with pytest.raises(StaleEdit):
        editing.publish(store, beto, "actors", draft, 1)  # publishing the version before Ana's change
    still = editing.get(store, admin, "actors", draft)
    assert (still.state, still.version, still.data["note"]) == ("draft", 2, "dos")
    assert [c.action for c in editing.audit(store, admin, kind="actors", key=draft)] == ["create", "update"]


def test_a_change_by_another_tool_makes_an_open_edit_stale(medellin_store, people):
    """An import (or any writer) raises the version: the edit opened before it is refused, and says so."""
    store, ana = medellin_store, people["ana"]
    key = new_actor(store, ana)
    form = editing.get(store, ana, "actors", key).data
    with store.transaction() as repo:
        assert e.claim(repo.conn, "actors", key, 1)  # as a writer does: no audit entry
    with pytest.raises(StaleEdit) as stale:
        editing.save(store, ana, "actors", key, {**form, "note": "tarde"}, 1)
    assert stale.value.current.version == 2 and stale.value.changes == []
    assert "import" in str(stale.value)


def race(stores: list[Store], work) -> tuple[Counter, list[str]]:
    """Runs work(i, store) in one thread per store, all started together; counts what they return."""
    counts, errors, lock = Counter(), [], threading.Lock()
    start = threading.Barrier(len(stores))

    def run(i: int) -> None:
        start.wait()
        try:
            result = work(i, stores[i])
        except Exception as error:  # noqa: BLE001 - every unexpected failure is reported by the test
            with lock:
                errors.append(f"{i}: {error!r}"[:500])
            return
        with lock:
            counts.update(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return counts, errors


def opened(url: str, count: int) -> list[Store]:
    return [Store(url) for _ in range(count)]


@pytest.mark.parametrize("published", [True, False], ids=["published", "draft"])
def test_edits_racing_in_threads_one_wins(medellin_store, people, published):
    """Eight writers, each with its own connection, save the same version at the same moment."""
    store, admin = medellin_store, people["admin"]
    key = new_actor(store, people["ana"], published)
    form = editing.get(store, admin, "actors", key).data
    stores = opened(store.url, 8)

    def save(i, own: Store):
        try:
            editing.save(own, admin, "actors", key, {**form, "note": f"escritor {i}"}, 1)
        except StaleEdit:
            return ["refused"]
        return ["saved"]

    try:
        counts, errors = race(stores, save)
    finally:
        for own in stores:
            own.close()
    assert not errors, errors
    assert counts == Counter(saved=1, refused=7)
    final = editing.get(store, admin, "actors", key)
    [winner] = updates(store, admin, key)
    assert final.version == 2 and final.data["note"] == winner.after["note"]
    assert final.data["note"].startswith("escritor ") and winner.version == 2


# --- 50 writers on the real PostgreSQL server --------------------------------------------------------------------

WRITERS = 50
RECORDS = ("lima", "quito", "bilbao")  # actors of the case


@pytest.fixture
def crowd(postgres):
    """A new database with the case, and one Store (its own engine and connection) per writer."""
    url = postgres.create_database(f"crowd{next(_numbers)}")
    store = Store(url, create=True)
    load_case(store, "medellin")
    admin = accounts.add_user(store, "admin@medellin.example", "medellin", "admin")
    stores = opened(url, WRITERS)
    yield store, admin, stores
    for own in stores:
        own.close()
    store.close()


def added(before: editing.Editable, after: editing.Editable) -> list[str]:
    """The writers' markers in the record's note, after the note it had."""
    assert after.data["note"].startswith(before.data["note"])
    return after.data["note"][len(before.data["note"]):].split()


def assigned(i: int) -> list[str]:
    """Each writer edits two of the three records: every record has about 33 writers."""
    return [RECORDS[i % 3], RECORDS[(i + 1) % 3]]


def test_fifty_writers_with_retries_lose_no_update(crowd):
    store, admin, stores = crowd
    before = {key: editing.get(store, admin, "actors", key) for key in RECORDS}
    began = time.monotonic()

    def write(i, own: Store):
        done = []
        for key in assigned(i):
            while True:  # read, change, save; on StaleEdit read again and redo the change
                found = editing.get(own, admin, "actors", key)
                note = f"{found.data['note']} w{i}".strip()
                try:
                    editing.save(own, admin, "actors", key, {**found.data, "note": note}, found.version)
                except StaleEdit:
                    done.append("retry")
                    continue
                done.append(key)
                break
        return done

    counts, errors = race(stores, write)
    assert not errors, errors[:5]
    for key in RECORDS:
        writers = [i for i in range(WRITERS) if key in assigned(i)]
        final = editing.get(store, admin, "actors", key)
        assert sorted(added(before[key], final)) == sorted(f"w{i}" for i in writers), f"{key}: lost an update"
        assert counts[key] == len(writers)
        assert final.version == before[key].version + counts[key]  # 1 + the saves: the case's records are at 1
        assert before[key].version == 1
        trail = updates(store, admin, key)
        assert len(trail) == counts[key]
        assert sorted(c.version for c in trail) == list(range(2, final.version + 1))
        assert all(c.after["note"].startswith(c.before["note"] or "") for c in trail)  # each built on the last
    assert time.monotonic() - began < 60


def test_fifty_writers_without_retries_are_saved_or_told(crowd):
    """One try each: whoever was told 'saved' is in the record, its version and the audit trail; whoever
    was refused is in none of them."""
    store, admin, stores = crowd
    before = {key: editing.get(store, admin, "actors", key) for key in RECORDS}

    def write(i, own: Store):
        done = []
        for key in assigned(i):
            found = editing.get(own, admin, "actors", key)
            try:
                editing.save(own, admin, "actors", key, {**found.data, "note": f"{found.data['note']} w{i}".strip()},
                             found.version)
            except StaleEdit:
                done.append(f"refused {key} w{i}")
                continue
            done.append(f"saved {key} w{i}")
            done.append(key)
        return done

    counts, errors = race(stores, write)
    assert not errors, errors[:5]
    for key in RECORDS:
        saved = {label.split()[-1] for label in counts if label.startswith(f"saved {key} ")}
        refused = {label.split()[-1] for label in counts if label.startswith(f"refused {key} ")}
        assert len(saved) + len(refused) == len([i for i in range(WRITERS) if key in assigned(i)])
        assert saved, f"{key}: nobody's save went through"
        final = editing.get(store, admin, "actors", key)
        trail = updates(store, admin, key)
        assert counts[key] == len(saved) == len(trail) == final.version - before[key].version
        assert sorted(added(before[key], final)) == sorted(saved)  # every saved change kept, none refused
        assert [c.user for c in trail] == [admin.email] * len(saved)

"""The place picker: an admin or the owner's editor chooses an actor's place among the resolver's candidates."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sursur.services import accounts, editing
from sursur.services.cases import load_case
from sursur.store import Store
from sursur.web.app import create_app

PASSWORD = "correct horse battery"


@pytest.fixture
def site(tmp_path):
    store = Store(str(tmp_path / "sursur.db"), create=True)
    load_case(store, "medellin")
    accounts.add_user(store, "admin@medellin.gov.co", "medellin", "admin", PASSWORD)
    accounts.add_user(store, "editor@medellin.gov.co", "medellin", "editor", PASSWORD)
    return store


def _signed_in(store, email) -> TestClient:
    client = TestClient(create_app(store, cache=False))
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert client.post("/login", data={"email": email, "password": PASSWORD, "csrf": csrf}).status_code == 200
    return client


def _form(page: str) -> dict:
    return {name: re.search(rf'name="{name}" value="([^"]*)"', page).group(1) for name in ("csrf", "version")}


def test_an_admin_sees_the_candidates_and_places_the_actor(site):
    client = _signed_in(site, "admin@medellin.gov.co")
    page = client.get("/edit/actors/lima/place", params={"q": "San José"}).text
    candidates = re.findall(r'name="place" id="place-\d+" value="([^"]+)"', page)
    assert len(candidates) > 1  # several places share the name: every one is offered, none is guessed
    chosen = candidates[-1]
    answer = client.post("/edit/actors/lima/place", data={**_form(page), "place": chosen, "q": "San José"})
    assert answer.status_code == 200 and 'role="status"' in answer.text
    actor = editing.get(site, None, "actors", "lima")
    assert actor.record.place == chosen and actor.version == 2
    trail = editing.audit(site, accounts.find_user(site, "admin@medellin.gov.co"), kind="actors", key="lima")
    assert [c.fields for c in trail] == [["place"]]


def test_a_stale_or_unknown_choice_changes_nothing(site):
    client = _signed_in(site, "admin@medellin.gov.co")
    page = client.get("/edit/actors/lima/place").text
    form = _form(page)
    assert client.post("/edit/actors/lima/place", data={**form, "place": "geonames:0"}).status_code == 422
    assert client.post("/edit/actors/lima/place", data={**form, "place": "country:PER"}).status_code == 200
    stale = client.post("/edit/actors/lima/place", data={**form, "place": "country:COL"})
    assert stale.status_code == 409
    assert editing.get(site, None, "actors", "lima").record.place == "country:PER"


def test_an_editor_cannot_place_an_actor_its_organisation_does_not_own(site):
    client = _signed_in(site, "editor@medellin.gov.co")
    assert client.get("/edit/actors/lima/place").status_code == 403
    before = editing.get(site, None, "actors", "lima")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)  # the session's (sign-out form)
    answer = client.post("/edit/actors/lima/place", data={"csrf": csrf, "version": before.version, "place": "country:PER"})
    assert answer.status_code == 403
    assert editing.get(site, None, "actors", "lima").record.place == before.record.place

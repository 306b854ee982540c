"""Record pages as a reader checks them (server-rendered HTML, no browser needed)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sursur.services.cases import load_case
from sursur.store import Store
from sursur.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("pages") / "sursur.db"), create=True)
    load_case(store, "medellin")
    return TestClient(create_app(store, cache=False))


def test_an_agreement_page_lists_its_parties_with_their_country_and_side(client):
    page = client.get("/agreement/t1-barcelona", headers={"Accept-Language": "en"}).text
    rows = re.findall(r"<tr><td><a href=\"/actor/([^\"]+)\">[^<]+</a></td><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    # Tabla 1: Medellín (Colombia, G77: South) with Barcelona (Spain: North) under the default rule.
    assert rows == [("medellin", "Colombia", "South"), ("barcelona", "Spain", "North")]


def test_the_networks_page_says_how_many_thematic_units_the_source_names(client):
    page = client.get("/networks", headers={"Accept-Language": "en"}).text
    # The article counts 15 thematic units of Mercociudades and names only some of them.
    assert re.search(r"The sources count 15 thematic units and name \d+ of them\.", page)


def test_the_home_note_does_not_show_a_rules_internal_key(client):
    page = client.get("/", headers={"Accept-Language": "es"}).text
    notes = " ".join(re.findall(r'<p class="note">([^<]*)', page))
    assert "g77-or-dac" not in notes and "B = (O − R)" in notes

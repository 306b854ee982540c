"""The answer cache: never stale after a write, per language and encoding, files and errors not kept."""

from __future__ import annotations

import gzip
import http.client
import json

import pytest
from fastapi.testclient import TestClient

from sursur.domain import Citation
from sursur.domain.classification import Override
from sursur.services.cases import load_case
from sursur.services.classification import set_override
from sursur.store import Store
from sursur.web.app import create_app

from .browser import serving


@pytest.fixture()
def store(tmp_path):
    store = Store(str(tmp_path / "sursur.db"), create=True)
    load_case(store, "medellin")
    yield store
    store.close()


def test_a_write_is_seen_at_the_next_request(store):
    client = TestClient(create_app(store))
    url = "/api/v1/agreements/t1-curazao"
    before = client.get(url).json()["classification"]
    assert before["shown"] == "north_south" and client.get(url).json() == client.get(url).json()
    # Written through the store, as the CLI would (another process would do the same to the file).
    set_override(store, Override("agreement", "t1-curazao", "south_south", "Curazao is a SIDS partner",
                                 Citation("espacios-2020", "Tabla 1")))
    after = client.get(url).json()["classification"]
    assert after["shown"] == "south_south" and after["override"] == "south_south"


def test_each_language_gets_its_own_page(store):
    client = TestClient(create_app(store))
    spanish = client.get("/networks", headers={"Accept-Language": "es"}).text
    english = client.get("/networks", headers={"Accept-Language": "en"}).text
    assert "<h1>Redes</h1>" in spanish and "<h1>Networks</h1>" in english
    assert "<h1>Redes</h1>" in client.get("/networks", headers={"Accept-Language": "es"}).text


def test_files_and_errors_are_not_kept(store):
    app = create_app(store)
    client = TestClient(app)
    assert client.get("/api/v1/export/csv").status_code == 200
    assert client.get("/api/v1/initiatives/nope").status_code == 404
    assert client.get("/api/v1/sources").status_code == 200
    found = app.middleware_stack  # built by the first request: find the cache in it
    while type(found).__name__ != "ResponseCache":
        found = found.app
    paths = {key[1] for key in found.entries}
    assert paths == {"/api/v1/sources"}


def test_plain_and_gzip_clients_both_read_whole_answers_on_one_connection(store):
    with serving(create_app(store)) as url:
        port = int(url.rsplit(":", 1)[1])
        for encoding in ("identity", "gzip", "identity", "gzip"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            for _ in range(3):  # the second and third come from the cache
                conn.request("GET", "/api/v1/initiatives/lima-parques", headers={"Accept-Encoding": encoding})
                response = conn.getresponse()
                body = response.read()
                if response.getheader("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                assert response.status == 200 and json.loads(body)["key"] == "lima-parques"
            conn.close()

"""Downloads of a filtered list (Explore and /api/v1/export): the same records as the list, valid files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from openpyxl import load_workbook

from sursur.interchange.iati.codelists import schema
from sursur.services.cases import load_case
from sursur.services.explore import explore, filters_from
from sursur.services.places import geocode_actors
from sursur.store import Store
from sursur.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("dl") / "sursur.db"), create=True)
    load_case(store, "medellin")
    geocode_actors(store)  # lines need placed actors
    with TestClient(create_app(store)) as c:
        yield c, store


def _keys(store, params):
    found = explore(store, filters_from(params), 1, 500)
    return {r.key for r in found.records}


@pytest.mark.parametrize("params", [{"record": "agreement", "actor": "medellin", "country": "ARG"},
                                    {"record": "initiative", "modality": "regional"},
                                    {"record": "actor", "kind": "municipality", "country": "BRA"},
                                    {"record": "agreement", "classification": "south_south", "scheme": "g77"}])
def test_csv_and_xlsx_hold_exactly_the_listed_records(client, params):
    c, store = client
    expected = _keys(store, params)
    assert expected
    text = c.get("/api/v1/export/csv", params=params)
    assert text.status_code == 200
    rows = list(csv.DictReader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert {r["key"] for r in rows} == expected
    book = load_workbook(io.BytesIO(c.get("/explore/download/xlsx", params=params).content)).active
    header = [cell.value for cell in book[1]]
    assert {row[header.index("key")] for row in book.iter_rows(min_row=2, values_only=True)} == expected


def test_the_iati_download_is_valid_against_the_official_schema(client, tmp_path):
    c, store = client
    response = c.get("/api/v1/export/iati", params={"actor": "medellin"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/xml"
    tree = etree.parse(io.BytesIO(response.content))
    validator = schema()
    assert validator.validate(tree), [f"line {e.line}: {e.message}" for e in validator.error_log]
    assert tree.findall("iati-activity")


def test_geojson_lines_carry_the_class_under_the_chosen_scheme(client):
    c, store = client
    params = {"record": "agreement", "actor": "medellin", "scheme": "dac-recipients"}
    features = c.get("/api/v1/export/geojson", params=params).json()["features"]
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    assert len(lines) >= 10
    assert all(f["properties"]["scheme"] == "dac-recipients" for f in lines)
    listed = explore(store, filters_from(params), 1, 500)
    classes = {k: r.value.value for k, r in listed.classes.items()}
    assert all(classes[f["properties"]["key"]] == f["properties"]["class"] for f in lines)


@pytest.mark.parametrize("url, word", [("/api/v1/export/iati?record=agreement", "IATI"),
                                       ("/api/v1/export/pdf", "fmt"),
                                       ("/api/v1/export/csv?country=XX", "country")])
def test_a_download_that_cannot_be_made_says_why_in_json(client, url, word):
    c, _ = client
    response = c.get(url + ("&" if "?" in url else "?") + "lang=en")
    assert response.status_code == 422
    assert word in response.json()["error"]["message"] + (response.json()["error"].get("parameter") or "")

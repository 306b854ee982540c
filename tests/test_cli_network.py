"""`sursur network` on the built-in case: tables, JSON and CSV with their records, clear refusals."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sursur.cli import app
from sursur.services.cases import load_case
from sursur.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("network") / "case.db"
    load_case(Store(f"sqlite:///{path}", create=True), "medellin")
    return str(path)


def _run(db, *args, lang="en"):
    return runner.invoke(app, ["--db", db, "--lang", lang, "network", *args])


def test_stats_as_a_table_and_as_json(db):
    result = _run(db, "stats")
    assert result.exit_code == 0, result.output
    assert "ρ (Garlaschelli–Loffredo)" in result.output and "-0.2" in result.output
    assert "edu → medellin" in result.output  # the folding is said, not hidden

    data = json.loads(_run(db, "stats", "--json").output)
    values = {r["measure"]: r["value"] for r in data["rows"]}
    assert values["reciprocity"] == 0.0 and values["reciprocity_rho"] == -0.2 and values["components"] == 1
    assert all(r["records"] for r in data["rows"]) and data["notes"]

    apart = json.loads(_run(db, "stats", "--bodies", "--json").output)
    assert {r["measure"]: r["value"] for r in apart["rows"]}["nodes"] > values["nodes"]


def test_centrality_as_csv_and_communities(db):
    rows = list(csv.DictReader(io.StringIO(_run(db, "centrality", "--csv").output)))
    assert rows[0]["actor"] == "medellin" and rows[0]["degree_centrality"] == "1.0"
    assert "initiative:lima-parques" in rows[0]["records"].split(";")

    result = _run(db, "communities", "--json")
    communities = json.loads(result.output)["rows"]
    assert sum(c["size"] for c in communities) == len(rows)  # every actor in exactly one community


def test_ego_growth_and_comembership(db):
    result = _run(db, "ego", "aci", "--json")
    data = json.loads(result.output)
    assert data["actor"] == "aci" and {r["actor"] for r in data["rows"]} >= {"medellin"}
    assert any("medellin's own bodies" in n for n in data["notes"])

    result = _run(db, "growth", "Mercociudades")
    assert result.exit_code == 0 and "307" in result.output and "stated" in result.output

    rows = json.loads(_run(db, "growth", "mercociudades", "--json").output)["rows"]
    by_year = {r["year"]: r for r in rows}
    assert (by_year[1995]["stated"], by_year[1995]["listed"], by_year[2016]["stated"]) == (12, 12, 307)
    assert "network:mercociudades#2016" in by_year[2016]["records"]

    rows = list(csv.DictReader(io.StringIO(_run(db, "comembership", "--actor", "medellin", "--csv").output)))
    assert len(rows) == 12 and {r["networks"] for r in rows} == {"mercociudades"}


def test_unknown_names_are_refused_with_the_closest(db):
    result = _run(db, "ego", "medelin")
    assert result.exit_code == 1 and "medellin" in result.output and "Traceback" not in result.output
    result = _run(db, "growth", "mercociudad")
    assert result.exit_code == 1 and "there is no network 'mercociudad'" in result.output
    assert "mercociudades" in result.output
    result = _run(db, "comembership", "--actor", "bogota")
    assert result.exit_code == 1 and "bogota" in result.output


def test_an_empty_period_is_an_empty_table_with_a_note(db):
    result = _run(db, "centrality", "--from", "2030")
    assert result.exit_code == 0 and "centrality (0)" in result.output
    data = json.loads(_run(db, "centrality", "--from", "2030", "--json").output)
    assert data["rows"] == [] and any("the graph has no ties" in n for n in data["notes"])
    data = json.loads(_run(db, "growth", "mercociudades", "--from", "2030", "--json").output)
    assert data["rows"] == [] and any("in this period" in n for n in data["notes"])
    result = _run(db, "stats", "--from", "2016", "--to", "2010")
    assert result.exit_code == 1 and "before it starts" in result.output

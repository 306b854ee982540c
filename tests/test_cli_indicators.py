"""`sursur indicators` on the built-in case: listed, computed, as JSON and CSV, with clear refusals."""

import csv
import io
import json

from typer.testing import CliRunner

from sursur.cli import app
from sursur.services.cases import load_case
from sursur.store import Store

runner = CliRunner()


def _db(tmp_path):
    db = tmp_path / "case.db"
    load_case(Store(f"sqlite:///{db}", create=True), "medellin")
    return str(db)


def test_the_list_and_one_indicator_as_json_and_csv(tmp_path):
    db = _db(tmp_path)
    listed = runner.invoke(app, ["--db", db, "--lang", "en", "indicators"])
    assert listed.exit_code == 0 and "concentration" in listed.output and "Herfindahl" in listed.output

    result = runner.invoke(app, ["--db", db, "indicators", "portfolio", "--actor", "medellin", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["indicator"] == "portfolio" and data["rows"]
    modalities = {r["value"]: r["initiatives"] for r in data["rows"] if r["dimension"] == "modality"}
    assert sum(modalities.values()) == 9  # the case's nine initiatives, each counted once
    assert all(r["records"] for r in data["rows"])

    result = runner.invoke(app, ["--db", db, "indicators", "concentration", "--actor", "medellin", "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["over"] for r in rows] == ["partners", "sectors"] and rows[0]["records"].count("agreement:") > 10


def test_unknown_names_are_refused_with_the_closest(tmp_path):
    db = _db(tmp_path)
    result = runner.invoke(app, ["--db", db, "--lang", "es", "indicators", "balanse"])
    assert result.exit_code == 1 and "balance" in result.output and "no hay ningún indicador" in result.output
    result = runner.invoke(app, ["--db", db, "--lang", "es", "indicators", "balance", "--actor", "medelin"])
    assert result.exit_code == 1 and "medellin" in result.output

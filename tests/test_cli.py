"""The command line, as a user runs it: exit codes, JSON, one-line errors in the chosen language."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sursur import __version__
from sursur.cli import app
from sursur.store.database import head_revision

runner = CliRunner()


def sursur(*args, lang="es"):
    return runner.invoke(app, ["--lang", lang, *args], catch_exceptions=False)


@pytest.fixture
def loaded(db_url):
    assert sursur("--db", db_url, "case", "load", "medellin").exit_code == 0
    return db_url


def test_version():
    result = sursur("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"sursur {__version__}"


def test_the_installed_entry_point_runs():
    script = Path(sys.executable).parent / "sursur"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"sursur {__version__}"


def test_init_creates_and_reports_the_schema(tmp_path):
    db = tmp_path / "nuevo.db"
    result = sursur("--db", str(db), "init")
    assert result.exit_code == 0, result.output
    assert db.exists() and head_revision() in result.stdout


def test_actors_json_filters_by_country(loaded):
    result = sursur("--db", loaded, "actors", "list", "--country", "ARG", "--json")
    assert result.exit_code == 0
    actors = json.loads(result.stdout)
    assert {a["country"] for a in actors} == {"ARG"}
    assert {"moron", "rosario", "buenos-aires-provincia"} <= {a["key"] for a in actors}
    moron = next(a for a in actors if a["key"] == "moron")
    assert {"source": "espacios-2020", "locator": "Tabla 1, fila 15"} in moron["sources"]


def test_actors_json_filters_by_kind(loaded):
    result = sursur("--db", loaded, "actors", "list", "--kind", "multilateral", "--json")
    actors = json.loads(result.stdout)
    assert actors and {a["kind"] for a in actors} == {"multilateral"}
    assert all(a["country"] is None for a in actors)


def test_initiatives_json_keeps_unknown_as_null(loaded):
    result = sursur("--db", loaded, "initiatives", "list", "--json")
    initiatives = json.loads(result.stdout)
    habana = next(i for i in initiatives if i["key"] == "la-habana-centro-historico")
    assert habana["modality"] == "triangular"
    assert habana["start"] is None and habana["flows"] == []
    assert [p["role"] for p in habana["participants"]] == ["first_offerer", "second_offerer", "receiver"]


def test_reloading_reports_nothing_changed(loaded):
    result = sursur("--db", loaded, "case", "load", "medellin", lang="en")
    assert result.exit_code == 0 and "0 created, 0 updated" in result.stdout


def test_if_empty_leaves_a_database_with_records_alone(loaded):
    result = sursur("--db", loaded, "case", "load", "medellin", "--if-empty", lang="en")
    assert "already has records" in result.stdout


@pytest.mark.parametrize("lang, words", [("es", "no es una base de datos de sursur"),
                                         ("en", "is not a sursur database"),
                                         ("pt", "não é um banco de dados do sursur")])
def test_a_foreign_file_gets_one_line_in_the_users_language(tmp_path, lang, words):
    notes = tmp_path / "acta.txt"
    notes.write_text("Acta de la reunión\n" * 20)
    before = notes.read_bytes()
    result = sursur("--db", str(notes), "init", lang=lang)
    assert result.exit_code == 1
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 or "\n" not in result.stderr.strip().replace("\n", " ", 0)
    assert notes.read_bytes() == before


def test_an_unreachable_server_is_one_error_line():
    result = sursur("--db", "postgresql://nadie@127.0.0.1:1/nada", "actors", "list")
    assert result.exit_code == 1
    assert "127.0.0.1:1" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_kind_lists_the_choices(loaded):
    result = sursur("--db", loaded, "actors", "list", "--kind", "ciudad")
    assert result.exit_code == 1 and "municipality" in result.stderr


def test_an_unknown_case_names_the_available_ones(tmp_path):
    result = sursur("--db", str(tmp_path / "x.db"), "case", "load", "bogota", lang="en")
    assert result.exit_code == 1 and "medellin" in result.stderr


def test_serve_on_a_busy_port_says_so_and_how_to_choose_another(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = sursur("--db", str(tmp_path / "s.db"), "serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr

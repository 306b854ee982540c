"""The practice bank's data: the new columns (description, problem, results, contact, transfers) go through a
template, an import and an export unchanged; a transfer to an initiative that does not exist is refused at its
row and column; the Medellín case holds the practices the article names, with their transfers and citations."""

import csv
import json

import pytest
from typer.testing import CliRunner

from sursur.cli import app
from sursur.i18n import gettext_for
from sursur.interchange.problems import ImportRefused
from sursur.interchange.tables import read_table
from sursur.interchange.tables.rows import header_map
from sursur.services.tables import import_table
from sursur.store import Store

runner = CliRunner()
NEW_COLUMNS = ("description", "problem", "results", "contact", "transfers")

HUERTAS = {
    "key": "huertas-en-laderas",
    "owner": "medellin",
    "title": "Huertas comunitarias en laderas",
    "summary": "Huertas urbanas que cultivan vecinas y vecinos en los barrios de ladera.",
    "description": "La Secretaría de Desarrollo Económico entrega semillas, herramientas y formación; cada "
                   "junta de acción comunal elige el terreno y reparte las cosechas.",
    "language": "es",
    "problem": "Inseguridad alimentaria en barrios de ladera; suelos sin uso, con riesgo de deslizamiento",
    "results": "120 huertas, 3 400 familias; 18 t de alimentos en 2019",
    "themes": "sdg:2;medellin:early_childhood",
    "evidence": "Informe de gestión 2019",
    "recognition": "",
    "contact": "Secretaría de Desarrollo Económico, huertas@medellin.gov.co, +57 4 385 5555",
    "transfers": "lima-parques;panama-prevencion-violencia",
    "source": "espacios-2020",
    "locator": "3.4",
}


def sursur(db, *args, lang="es"):
    return runner.invoke(app, ["--lang", lang, "--db", db, *args], catch_exceptions=False)


@pytest.fixture
def loaded(db_url):
    assert sursur(db_url, "case", "load", "medellin").exit_code == 0
    return db_url


def counts(url):
    store = Store(url)
    try:
        with store.reading() as repo:
            return repo.counts()
    finally:
        store.close()


def stored_practice(url, key):
    store = Store(url)
    try:
        with store.reading() as repo:
            return next((p for p in repo.practices() if p.key == key), None)
    finally:
        store.close()


def fill(template, target, records: list[dict], kind: str = "practices"):
    """Rows written under the template's own header (in the user's language), by column key."""
    table = read_table(template)
    columns = header_map(table, kind)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.header)
        for record in records:
            writer.writerow([record.get(columns[i].key, "") if i in columns else "" for i in range(len(table.header))])
    return target


def exported(path, kind: str = "practices") -> dict[str, dict[str, str]]:
    table = read_table(path)
    columns = header_map(table, kind)
    return {row["key"]: row for row in ({columns[i].key: c for i, c in enumerate(cells) if i in columns}
                                        for _, cells in table.rows)}


def test_the_template_has_the_new_columns(tmp_path):
    target = tmp_path / "practicas.csv"
    result = runner.invoke(app, ["--lang", "es", "template", "practices", str(target)], catch_exceptions=False)
    assert result.exit_code == 0
    keys = {c.key for c in header_map(read_table(target), "practices").values()}
    assert set(NEW_COLUMNS) <= keys and {"key", "owner", "title", "summary", "language"} <= keys


def test_template_import_export_round_trip_of_the_new_columns(loaded, tmp_path):
    template = tmp_path / "plantilla.csv"
    assert sursur(loaded, "template", "practices", str(template)).exit_code == 0
    source = fill(template, tmp_path / "huertas.csv", [HUERTAS])
    result = sursur(loaded, "import", "table", str(source), "--kind", "practices", lang="en")
    assert result.exit_code == 0, result.stderr
    assert "1 imported (1 created, 0 updated" in " ".join(result.stdout.split())

    huertas = stored_practice(loaded, "huertas-en-laderas")
    assert huertas.description.text == HUERTAS["description"] and huertas.description.lang == "es"
    assert huertas.summary.text == HUERTAS["summary"]
    assert (huertas.problem, huertas.results, huertas.contact) == \
        (HUERTAS["problem"], HUERTAS["results"], HUERTAS["contact"])
    assert huertas.transfers == ["lima-parques", "panama-prevencion-violencia"]
    assert huertas.themes == ["sdg:2", "medellin:early_childhood"]

    out = tmp_path / "practicas.csv"
    result = sursur(loaded, "export", "csv", "practices", str(out), lang="en")
    assert result.exit_code == 0 and "6 rows" in result.stdout
    rows = exported(out)
    assert set(rows) == {"buen-comienzo", "urbanismo-social", "prevencion-violencia-jovenes",
                         "curitiba-trabajadoras-informales", "turin-empleo-femenino", "huertas-en-laderas"}
    for column in (*NEW_COLUMNS, "summary", "language", "evidence"):
        expected = HUERTAS[column] if column != "transfers" else "lima-parques; panama-prevencion-violencia"
        assert rows["huertas-en-laderas"][column].replace("; ", ";") == expected.replace("; ", ";"), column
    assert rows["buen-comienzo"]["transfers"] == "buen-comienzo-ecuador-2011"
    assert rows["buen-comienzo"]["problem"] == "La atención integral de la primera infancia."

    before = counts(loaded)
    again = sursur(loaded, "import", "table", str(out), "--kind", "practices", lang="en")
    assert again.exit_code == 0, again.stderr
    assert "0 created, 0 updated, 6 unchanged" in " ".join(again.stdout.split())
    assert counts(loaded) == before


def test_a_file_without_the_new_columns_leaves_them_alone(loaded, tmp_path):
    first = tmp_path / "completa.csv"
    with first.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(HUERTAS))
        writer.writerow(list(HUERTAS.values()))
    assert sursur(loaded, "import", "table", str(first), "--kind", "practices").exit_code == 0
    partial = tmp_path / "resultados.csv"
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerows([["key", "owner", "title", "results"],
                          ["huertas-en-laderas", "medellin", HUERTAS["title"], "150 huertas en 2021"]])
    result = sursur(loaded, "import", "table", str(partial), "--kind", "practices", lang="en")
    assert result.exit_code == 0 and "1 updated" in " ".join(result.stdout.split())
    huertas = stored_practice(loaded, "huertas-en-laderas")
    assert huertas.results == "150 huertas en 2021"
    assert huertas.description.text == HUERTAS["description"] and huertas.contact == HUERTAS["contact"]
    assert huertas.problem == HUERTAS["problem"]
    assert huertas.transfers == ["lima-parques", "panama-prevencion-violencia"]


def test_a_transfer_to_an_unknown_initiative_is_refused_at_its_row_and_column(loaded, tmp_path):
    es = gettext_for("es")
    path = tmp_path / "malas.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerows([["owner", "title", "summary", "language", "transfers"],
                          ["medellin", "Huertas buenas", "Huertas comunitarias", "es", "lima-parques"],
                          ["medellin", "Huertas malas", "Huertas en terrazas", "es", "lima-parques; lima-huertas"]])
    before = counts(loaded)
    result = sursur(loaded, "import", "table", str(path), "--kind", "practices")
    assert result.exit_code == 1
    assert "lima-huertas" in result.stderr
    assert es("row {row}").format(row=3) in result.stderr
    assert es("column {column}").format(column=es("transfers")) in result.stderr
    assert counts(loaded) == before  # all or nothing: the good row is not written either
    assert stored_practice(loaded, "huertas-buenas") is None

    store = Store(loaded)
    try:
        with pytest.raises(ImportRefused) as caught:
            import_table(store, path, "practices")
    finally:
        store.close()
    assert [(p.row, p.column, p.params) for p in caught.value.problems] == \
        [(3, es("transfers"), {"key": "lima-huertas"})]


def test_skip_invalid_writes_the_practice_with_good_transfers_only(loaded, tmp_path):
    path = tmp_path / "mixtas.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([
            ["owner", "title", "transfers"],
            ["medellin", "Huertas buenas", "lima-parques"],
            ["medellin", "Huertas malas", "nada"]])
    result = sursur(loaded, "import", "table", str(path), "--kind", "practices", "--skip-invalid")
    assert result.exit_code == 0
    assert stored_practice(loaded, "huertas-buenas").transfers == ["lima-parques"]
    assert stored_practice(loaded, "huertas-malas") is None


# --- the Medellín case ---------------------------------------------------------------------------------------

def test_the_case_holds_the_practices_the_article_names(medellin_store):
    with medellin_store.reading() as repo:
        practices = {p.key: p for p in repo.practices()}
        initiatives = {i.key: i for i in repo.initiatives()}
        families = {owner: repo.family(owner) for owner in {p.owner for p in practices.values()}}
    assert {k: p.transfers for k, p in practices.items()} == {
        "buen-comienzo": ["buen-comienzo-ecuador-2011"],
        "urbanismo-social": ["lima-parques"],
        "prevencion-violencia-jovenes": ["panama-prevencion-violencia"],
        "curitiba-trabajadoras-informales": [],
        "turin-empleo-femenino": [],
    }
    assert {k: p.owner for k, p in practices.items()} == {
        "buen-comienzo": "medellin", "urbanismo-social": "medellin", "prevencion-violencia-jovenes": "medellin",
        "curitiba-trabajadoras-informales": "curitiba", "turin-empleo-femenino": "turin"}
    for practice in practices.values():
        for key in practice.transfers:
            participants = {p.actor for p in initiatives[key].participants}
            assert participants & families[practice.owner], (practice.key, key, participants)


def test_every_practice_of_the_case_cites_the_article(medellin_store):
    with medellin_store.reading() as repo:
        practices = repo.practices()
    assert len(practices) == 5
    for practice in practices:
        assert practice.sources, practice.key
        assert {c.source for c in practice.sources} == {"espacios-2020"}, practice.key
        assert all(c.locator for c in practice.sources), practice.key
        assert practice.summary and practice.summary.lang == "es" and practice.summary.text.strip()
    buen = next(p for p in practices if p.key == "buen-comienzo")
    assert {c.locator for c in buen.sources} == {"3.4", "3.4, nota 6", "Tabla 2, fila 13"}
    assert buen.recognition == "Honors Habitat" and buen.problem == "La atención integral de la primera infancia."
    assert {c.locator for p in practices if p.owner != "medellin" for c in p.sources} == {"1"}


def test_demands_go_in_and_out_through_their_table_and_feed_who_could_adopt_a_practice(loaded, tmp_path):
    template = tmp_path / "necesidades.csv"
    assert sursur(loaded, "template", "demands", str(template)).exit_code == 0
    need = "Queremos atender a los niños pequeños y a las madres gestantes de los barrios pobres"
    source = fill(template, tmp_path / "lima.csv", [{"actor": "lima", "need": need, "language": "es",
                                                     "themes": "sdg:4"}], kind="demands")
    assert sursur(loaded, "import", "table", str(source), "--kind", "demands").exit_code == 0
    assert sursur(loaded, "import", "table", str(source), "--kind", "demands").exit_code == 0  # again: same record
    assert counts(loaded)["demands"] == 1
    out = tmp_path / "out.csv"
    assert sursur(loaded, "export", "csv", "demands", str(out)).exit_code == 0
    (key, row), = exported(out, "demands").items()
    assert key.startswith("lima-") and row["need"] == need and row["themes"] == "sdg:4" and row["language"] == "es"
    # the practice that answers Lima's need ranks Lima first, through that demand
    result = sursur(loaded, "match", "--practice", "buen-comienzo", "--json")
    first = json.loads(result.stdout)["results"][0]
    assert first["key"] == "lima" and first["via"] == key and first["components"]["text"] > 0


def test_a_wrong_demand_row_is_refused_where_it_is_and_nothing_is_written(loaded, tmp_path):
    template = tmp_path / "necesidades.csv"
    assert sursur(loaded, "template", "demands", str(template)).exit_code == 0
    source = fill(template, tmp_path / "malas.csv", [
        {"actor": "lima", "need": "Necesitamos apoyo para los mercados municipales"},
        {"actor": "nadie", "need": "algo que falta"},
        {"actor": "quito", "need": "=HYPERLINK(1)"}], kind="demands")
    result = sursur(loaded, "import", "table", str(source), "--kind", "demands", lang="en")
    assert result.exit_code != 0
    assert "row 3" in result.stderr and "nadie" in result.stderr
    assert "row 4" in result.stderr and "formula" in result.stderr
    assert counts(loaded)["demands"] == 0

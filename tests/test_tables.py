"""Spreadsheet templates and imports: every bad row named, nothing half-written, re-imports update."""

import csv
import zipfile

import openpyxl
import pytest

from sursur.interchange.problems import ImportRefused
from sursur.interchange.tables import KINDS, read_table, safe_cell
from sursur.services.cases import load_case
from sursur.services.tables import import_table, write_template


@pytest.fixture
def case(store):
    load_case(store, "medellin")
    return store


def write_csv(path, rows, delimiter=";", encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def counts(store):
    with store.reading() as repo:
        return repo.counts()


def test_actors_import_with_spanish_headers_and_labels(case, tmp_path):
    path = write_csv(tmp_path / "actores.csv", [["nombre", "tipo", "país", "población", "fuente", "localizador"],
                                                ["Recife", "Municipio", "Brasil", "1488920", "", ""],
                                                ["Maputo", "municipality", "Moçambique", "", "Informe 2024", "p. 3"]])
    result = import_table(case, path, "actors")
    assert (result.rows, result.imported, result.rejected) == (2, 2, 0)
    with case.reading() as repo:
        recife, maputo = repo.actor("recife"), repo.actor("maputo")
    assert recife.country == "BRA" and recife.population.value == 1488920
    assert recife.sources[0].locator == "fila 2"  # the file itself is the source, row by row
    assert maputo.population is None  # empty stays unknown, never 0
    assert maputo.sources[0].source == "informe-2024" and maputo.sources[0].locator == "p. 3"


def test_importing_the_same_file_again_updates_instead_of_duplicating(case, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["name", "kind", "country"], ["Recife", "municipality", "BRA"]])
    import_table(case, path, "actors")
    before = counts(case)
    again = import_table(case, path, "actors")
    assert counts(case) == before and again.report.changed == 0
    write_csv(path, [["name", "kind", "country", "website"], ["Recife", "municipality", "BRA", "https://recife.pe.gov.br"]])
    changed = import_table(case, path, "actors")
    assert changed.report.updated == {"actors": 1} and counts(case) == before


def test_a_name_already_known_in_that_country_keeps_its_key(case, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["nombre", "tipo", "país"], ["Quito", "municipio", "Ecuador"]])
    import_table(case, path, "actors")
    with case.reading() as repo:
        assert [a.key for a in repo.actors(country="ECU") if a.name == "Quito"] == ["quito"]


def test_every_bad_row_is_named_and_nothing_is_written(case, tmp_path):
    before = counts(case)
    path = write_csv(tmp_path / "malo.csv", [["name", "kind", "country", "population"],
                                             ["Lagos", "municipality", "Nigeria", "1,5 millones"],
                                             ["", "municipality", "Chile", ""],
                                             ["Temuco", "municipality", "Chil", ""],
                                             ["Talca", "municipality", "Chile", "=1+1"],
                                             ["Valdivia", "municipality", "Chile", ""]])
    with pytest.raises(ImportRefused) as caught:
        import_table(case, path, "actors")
    problems = {(p.row, p.column) for p in caught.value.problems}
    assert problems == {(2, "población"), (3, "nombre"), (4, "país"), (5, "población")}
    assert "Chile (CHL)" in str([p.params for p in caught.value.problems if p.row == 4])
    assert counts(case) == before


def test_skip_invalid_writes_the_good_rows_and_saves_the_rejected_ones(case, tmp_path):
    path = write_csv(tmp_path / "malo.csv", [["name", "kind", "country"], ["Valdivia", "municipality", "Chile"],
                                             ["Talca", "ciudad", "Chile"]])
    result = import_table(case, path, "actors", skip_invalid=True, lang="en")
    assert (result.imported, result.rejected) == (1, 1)
    with result.rejected_file.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "problems" and rows[1][0] == "Talca" and "row 3" in rows[1][-1]
    with case.reading() as repo:
        assert repo.actor("valdivia") is not None and repo.actor("talca") is None


def test_initiatives_with_participants_and_roles(case, tmp_path):
    path = write_csv(tmp_path / "i.csv", [
        ["title", "modality", "instrument", "participants", "themes", "start"],
        ["Parques para todos", "bilateral", "project", "medellin:offerer; lima:receiver", "medellin:environment", "2016"],
        ["Sin socios", "bilateral", "project", "nadie:offerer", "", ""],
        ["Mal rol", "bilateral", "project", "medellin:donante", "", ""]])
    with pytest.raises(ImportRefused) as caught:
        import_table(case, path, "initiatives")
    assert {p.row for p in caught.value.problems} == {3, 4}
    result = import_table(case, path, "initiatives", skip_invalid=True)
    assert result.imported == 1
    with case.reading() as repo:
        parques = next(i for i in repo.initiatives() if i.key == "parques-para-todos")
    assert [(p.actor, p.role.value) for p in parques.participants] == [("medellin", "offerer"), ("lima", "receiver")]


def test_flows_keep_unknown_amounts_unknown_and_refuse_negative_ones(case, tmp_path):
    path = write_csv(tmp_path / "f.csv", [["initiative", "kind", "amount", "currency", "year"],
                                          ["lima-parques", "commitment", "", "USD", "2015"],
                                          ["lima-parques", "disbursement", "1250,50", "USD", "2016"]])
    import_table(case, path, "flows")
    with case.reading() as repo:
        flows = next(i for i in repo.initiatives() if i.key == "lima-parques").flows
    assert [f.amount for f in flows] == [None, pytest.approx(1250.50)]
    bad = write_csv(tmp_path / "g.csv", [["initiative", "kind", "amount", "currency"],
                                         ["lima-parques", "disbursement", "-5", "USD"]])
    with pytest.raises(ImportRefused, match="problem"):
        import_table(case, bad, "flows")


def test_a_repeated_key_is_refused_on_both_rows(case, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["key", "name", "kind"], ["x1", "Uno", "ngo"], ["x1", "Dos", "ngo"]])
    with pytest.raises(ImportRefused) as caught:
        import_table(case, path, "actors")
    assert {p.row for p in caught.value.problems} == {2, 3}


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes("nombre;tipo\nBogotá;municipio\n".encode("latin-1")), "UTF-8"),
    (lambda p: p.write_bytes(b"PK\x03\x04garbage"), "XLSX"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary"), "binary"),
    (lambda p: p.write_text("nombre;color\nBogotá;rojo\n", encoding="utf-8"), "color"),
])
def test_bad_csv_files_each_get_their_own_message(case, tmp_path, make, words):
    path = tmp_path / "datos.csv"
    make(path)
    with pytest.raises(ImportRefused) as caught:
        import_table(case, path, "actors")
    assert words in str([p.reason.format(**p.params) for p in caught.value.problems] + [str(caught.value)])


def test_bad_xlsx_files_each_get_their_own_message(tmp_path):
    empty = tmp_path / "vacio.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(ImportRefused, match="cannot be imported"):
        read_table(empty)
    not_zip = tmp_path / "texto.xlsx"
    not_zip.write_text("nombre,tipo\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        read_table(not_zip)
    assert "zip" in caught.value.problems[0].reason
    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<a/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (401 * 2**20))
    with pytest.raises(ImportRefused) as caught:
        read_table(bomb)
    assert "unpack" in caught.value.problems[0].reason


def test_an_xlsx_made_from_the_template_imports(case, tmp_path):
    path = tmp_path / "actores.xlsx"
    write_template("actors", path, "pt")
    book = openpyxl.load_workbook(path)
    sheet = book["data"]
    assert [c.value for c in sheet[1]][:3] == ["chave", "nome", "tipo"]
    assert book.sheetnames[1] and book[book.sheetnames[1]].max_row == len(KINDS["actors"]) + 1
    sheet.append(["", "Porto Alegre", "Município", "Brasil"])
    book.save(path)
    result = import_table(case, path, "actors")
    assert result.imported == 1


def test_written_cells_never_run_as_formulas():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("-5") == "'-5" and safe_cell("Quito") == "Quito"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_template_reads_back_with_its_own_headers(kind, tmp_path):
    path = tmp_path / f"{kind}.csv"
    write_template(kind, path, "es")
    table = read_table(path)
    from sursur.interchange.tables.rows import header_map

    assert len(header_map(table, kind)) == len(KINDS[kind])


def test_a_file_with_few_columns_does_not_erase_what_it_has_no_column_for(case, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["key", "name", "kind", "country"],
                                          ["medellin", "Medellín", "municipality", "Colombia"]])
    import_table(case, path, "actors")
    with case.reading() as repo:
        medellin = repo.actor("medellin")
    assert medellin.population.value == 2400000 and medellin.population.approximate
    assert len(medellin.timeline) >= 2
    assert {c.source for c in medellin.sources} >= {"espacios-2020"}


@pytest.mark.parametrize("kind", ["actors", "agreements", "initiatives", "memberships", "practices"])
def test_reimporting_an_export_changes_nothing(case, tmp_path, kind):
    from sursur.services.exports import export_table

    path = tmp_path / f"{kind}.xlsx"
    assert export_table(case, kind, path) > 0
    before = counts(case)
    result = import_table(case, path, kind)
    assert result.rejected == 0 and result.report.changed == 0
    assert counts(case) == before

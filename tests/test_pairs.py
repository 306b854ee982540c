"""Twinning lists and network rosters: sides resolved, pairs merged, nothing guessed, counts printed."""

import csv
from pathlib import Path

import pytest

from sursur.services.pairs import import_members, import_twinnings
from sursur.store import Store

from .test_cli import sursur

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TWINNINGS = SHARED / "twinnings" / "rogorido_eu_sistercities_wikidata.tsv"
EUROCITIES = SHARED / "networks" / "eurocities_members_wikidata_enriched.json"


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_reversed_pairs_and_duplicates_merge_and_self_pairs_are_dropped(store, tmp_path):
    path = write(tmp_path / "hermanamientos.csv", [
        ["ciudad a", "país a", "ciudad b", "país b", "año"],
        ["Medellín", "Colombia", "Milán", "Italia", "2014"],
        ["Milán", "Italia", "Medellín", "Colombia", ""],
        ["Medellín", "Colombia", "Milán", "Italia", ""],
        ["Quito", "Ecuador", "Quito", "Ecuador", ""],
        ["Cuenca", "", "Rosario", "Argentina", ""],
        ["Xqzwv", "Chile", "Rosario", "Argentina", ""],
    ])
    report = import_twinnings(store, path, report_path=tmp_path / "r.csv", lang="en")
    assert (report.rows, report.pairs, report.duplicates, report.reversed) == (6, 1, 1, 1)
    assert report.self_pairs == [5]
    assert (report.ambiguous, report.unresolved) == (1, 1)
    with store.reading() as repo:
        (twinning,) = repo.agreements()
        actors = {a.key: a for a in repo.actors()}
    assert twinning.kind.value == "twinning" and str(twinning.signed) == "2014"
    assert len(twinning.sources) == 3  # the three rows that state it
    assert {actors[p].country for p in twinning.parties} == {"COL", "ITA"}
    assert all(actors[p].place for p in twinning.parties)
    assert not any(a.name in ("Cuenca", "Xqzwv") for a in actors.values())  # never guessed
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as handle:
        unsettled = list(csv.DictReader(handle))
    assert {r["name"]: r["status"] for r in unsettled} == {"Cuenca": "ambiguous", "Xqzwv": "unresolved"}
    assert "ECU" in next(r for r in unsettled if r["name"] == "Cuenca")["candidates"]


def test_a_second_import_of_the_same_list_changes_nothing(store, tmp_path):
    path = write(tmp_path / "t.csv", [["city a", "country a", "city b", "country b"],
                                      ["Rosario", "Argentina", "Porto Alegre", "Brasil"]])
    import_twinnings(store, path, report_path=tmp_path / "r.csv")
    again = import_twinnings(store, path, report_path=tmp_path / "r.csv")
    assert again.saved.changed == 0


def test_a_list_without_the_needed_columns_says_which(store, tmp_path):
    from sursur.interchange.problems import ImportRefused

    path = write(tmp_path / "t.csv", [["ciudad", "país"], ["Rosario", "Argentina"]])
    with pytest.raises(ImportRefused) as caught:
        import_twinnings(store, path)
    assert {p.params["role"] for p in caught.value.problems} == {"name_b", "country_b"}


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    return Store(str(tmp_path_factory.mktemp("pairs") / "s.db"), create=True)


def test_the_wikidata_twinning_list_imports_as_it_is(sqlite_store, tmp_path):
    report = import_twinnings(sqlite_store, TWINNINGS, report_path=tmp_path / "r.csv")
    print(f"\ntwinnings: rows {report.rows}, pairs {report.pairs}, cities {report.cities}, countries "
          f"{report.countries}, duplicates {report.duplicates}, reversed {report.reversed}, self-pairs "
          f"{len(report.self_pairs)}, ambiguous {report.ambiguous}, unresolved {report.unresolved}")
    assert report.rows == 13081
    assert report.pairs > 8500 and report.reversed > 2000 and report.duplicates > 100 and report.self_pairs
    assert report.countries > 100
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == report.ambiguous + report.unresolved
    assert (report.ambiguous + report.unresolved) / (2 * report.rows) < 0.05
    with sqlite_store.reading() as repo:
        assert repo.counts()["agreements"] == report.pairs
        assert all(a.place for a in repo.actors())


def test_the_eurocities_roster_imports_as_it_is(sqlite_store, tmp_path):
    report = import_members(sqlite_store, EUROCITIES, "Eurocities", joined=None, report_path=tmp_path / "e.csv")
    print(f"\neurocities: listed {report.rows}, members {report.members}, countries {report.countries}, "
          f"ambiguous {report.ambiguous}, unresolved {report.unresolved} (19 of them the file's own 'not_found')")
    assert report.rows == 209 + 19
    assert report.members > 190 and report.countries >= 35
    assert report.unresolved >= 19
    with sqlite_store.reading() as repo:
        assert len(repo.memberships(network="eurocities")) == report.members


def test_the_cli_prints_the_counts(tmp_path):
    path = write(tmp_path / "t.csv", [["city a", "country a", "city b", "country b"],
                                      ["Rosario", "Argentina", "Porto Alegre", "Brasil"]])
    result = sursur("--db", str(tmp_path / "x.db"), "import", "twinnings", str(path), lang="en")
    assert result.exit_code == 0, result.output
    assert "1 pairs" in result.stdout and "2 cities in 2 countries" in result.stdout

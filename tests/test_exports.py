"""Exports: GeoJSON points and lines with their class, the relation graph, spreadsheets safe to open."""

import json

import networkx as nx
import openpyxl
import pytest

from sursur.services.cases import load_case
from sursur.services.exports import export_geojson, export_graph, export_table
from sursur.services.places import geocode_actors


@pytest.fixture(scope="module")
def placed(medellin_store):
    geocode_actors(medellin_store)
    return medellin_store


def test_geojson_has_placed_actors_as_points_and_relations_as_classified_lines(placed, tmp_path):
    path = tmp_path / "m.geojson"
    export_geojson(placed, path, "g77")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    points = {f["properties"]["key"]: f for f in features if f["geometry"]["type"] == "Point"}
    lon, lat = points["medellin"]["geometry"]["coordinates"]
    assert lat == pytest.approx(6.25, abs=0.1) and lon == pytest.approx(-75.57, abs=0.1)
    assert "orange-county" not in points and "condado-de-orange" not in points  # ambiguous: no point invented
    assert "oei" not in points  # no seat recorded, no point
    milan = next(f for f in features if f["properties"].get("key") == "t1-milan")
    assert milan["geometry"]["type"] == "LineString" and milan["properties"]["class"] == "north_south"
    assert milan["properties"]["scheme"] == "g77"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_relation_graph_reads_back(placed, tmp_path, fmt):
    path = tmp_path / f"m.{fmt}"
    nodes, edges = export_graph(placed, path, fmt)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == edges
    assert graph.has_edge("medellin", "milan")
    data = next(iter(graph.get_edge_data("medellin", "milan").values()))
    assert data["relation_class"] == "north_south"


def test_an_exported_cell_that_looks_like_a_formula_is_neutralised(store, tmp_path):
    from sursur.domain import Actor, Citation, Dataset, Source

    with store.transaction() as repo:
        repo.save(Dataset(sources=[Source(key="s", title="s")],
                          actors=[Actor(key="evil", name="=HYPERLINK(\"http://x\",\"click\")", kind="ngo",
                                        sources=[Citation("s")])]))
    path = tmp_path / "a.xlsx"
    export_table(store, "actors", path)
    cell = openpyxl.load_workbook(path)["data"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.mark.parametrize("export", ["csv", "xlsx", "geojson", "graphml", "iati"])
def test_an_output_path_that_cannot_be_written_gets_a_clear_message(medellin_store, tmp_path, export):
    from sursur.interchange.output import CannotWrite
    from sursur.services.exports import export_iati

    def run(target):
        if export in ("csv", "xlsx"):
            return export_table(medellin_store, "actors", target)
        if export == "geojson":
            return export_geojson(medellin_store, target)
        if export == "graphml":
            return export_graph(medellin_store, target, "graphml")
        return export_iati(medellin_store, target)

    suffix = {"iati": "xml"}.get(export, export)
    with pytest.raises(CannotWrite, match="does not exist"):
        run(tmp_path / "missing" / f"out.{suffix}")
    folder = tmp_path / f"out.{suffix}"
    folder.mkdir()
    with pytest.raises(CannotWrite, match="is a folder"):
        run(folder)
    # a good run replaces an older file whole, and leaves no temporary file behind
    target = tmp_path / f"again.{suffix}"
    target.write_text("old", encoding="utf-8")
    run(target)
    assert target.read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"again.{suffix}", f"out.{suffix}"])

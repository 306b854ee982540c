"""Server-side SVG graphics: the world map and the charts, checked as a reader would see them."""

from __future__ import annotations

import re
import time
from itertools import pairwise

import pytest
from lxml import etree

from sursur.graphics import MapLine, MapPoint, Series, bar_chart, line_chart, project, world_map
from sursur.graphics.worldmap import map_height

NS = {"s": "http://www.w3.org/2000/svg"}
MEDELLIN = (-75.57, 6.25)
MADRID = (-3.70, 40.42)


def parse(markup: str) -> etree._Element:
    return etree.fromstring(markup.encode("utf-8"))


def absolute_points(d: str) -> list[list[tuple[float, float]]]:
    """The vertices of each subpath of path data using M, L, l and z/Z (what the map writes)."""
    subpaths, command, x, y = [], "", 0.0, 0.0
    tokens = re.findall(r"[MLlZz]|-?(?:\d+\.?\d*|\.\d+)", d)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("M", "L", "l", "Z", "z"):
            command = token
            i += 1
            if token in "Zz":
                continue
            if token == "M":
                subpaths.append([])
            continue
        dx, dy = float(tokens[i]), float(tokens[i + 1])
        i += 2
        if command == "l":
            x, y = x + dx, y + dy
        else:
            x, y = dx, dy
        subpaths[-1].append((x, y))
    return subpaths


def bbox(d: str) -> tuple[float, float, float, float]:
    points = [p for sub in absolute_points(d) for p in sub]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def country_path(svg: etree._Element, alpha3: str) -> etree._Element:
    (path,) = svg.xpath(f"//s:path[@data-iso='{alpha3}']", namespaces=NS)
    return path


@pytest.fixture(scope="module")
def plain_map():
    return world_map(title="World", description="Countries only")


# --- world map ---------------------------------------------------------------------------------------

def test_the_map_is_accessible_svg_with_all_countries(plain_map):
    svg = parse(plain_map)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "map-title map-desc"
    assert svg.find("s:title", NS).get("id") == "map-title" and svg.find("s:title", NS).text == "World"
    assert svg.find("s:desc", NS).get("id") == "map-desc"
    assert svg.get("width") == "100%" and svg.get("viewBox").startswith("0 0 960 ")
    assert svg.find("s:style", NS) is not None
    countries = svg.xpath("//s:path[contains(concat(' ', @class, ' '), ' country ')]", namespaces=NS)
    assert len(countries) >= 170
    # Unshaded countries carry no tooltip (small markup).
    assert not svg.xpath("//s:path[@class='country']/s:title", namespaces=NS)


def test_a_shaded_country_gets_its_class_and_tooltip_name():
    svg = parse(world_map(shaded={"COL": "partner-country"}, country_name={"COL": "Colombia"}.get,
                          title="t", description="d"))
    colombia = country_path(svg, "COL")
    assert "partner-country" in colombia.get("class").split()
    assert colombia.find("s:title", NS).text == "Colombia"


def test_points_land_in_their_countries(plain_map):
    svg = parse(plain_map)
    for (lon, lat), alpha3 in ((MEDELLIN, "COL"), (MADRID, "ESP")):
        x, y = project(lon, lat)
        x0, y0, x1, y1 = bbox(country_path(svg, alpha3).get("d"))
        assert x0 < x < x1 and y0 < y < y1, alpha3
    # and not in the other one
    x, y = project(*MEDELLIN)
    x0, y0, x1, y1 = bbox(country_path(svg, "ESP").get("d"))
    assert not (x0 < x < x1 and y0 < y < y1)


def test_projection_is_centred_and_oriented():
    assert project(0, 0) == pytest.approx((480, map_height(960) / 2))
    west, east = project(-180, 0), project(180, 0)
    assert west[0] == pytest.approx(2) and east[0] == pytest.approx(958)
    assert project(0, 60)[1] < project(0, 0)[1] < project(0, -60)[1]  # north is up
    assert project(10, 0, 480)[0] == pytest.approx(240 + (project(10, 0)[0] - 480) * 476 / 956)


def test_no_country_streaks_across_the_map(plain_map):
    """Russia, Fiji and Antarctica cross the antimeridian: no edge may jump across the map."""
    svg = parse(plain_map)
    for path in svg.xpath("//s:path[contains(@class, 'country')]", namespaces=NS):
        for sub in absolute_points(path.get("d")):
            ring = sub + sub[:1]
            jumps = [abs(b[0] - a[0]) for a, b in pairwise(ring)]
            assert max(jumps) < 480, path.get("data-iso")
    # ... and those countries are still drawn on both sides
    russia = bbox(country_path(svg, "RUS").get("d"))
    # Chukotka, east of 180°, is drawn at the far west
    assert russia[0] < project(-169, 66)[0] < 480 < project(179, 66)[0] < russia[2]
    fiji = country_path(svg, "FJI").get("d")
    assert len(absolute_points(fiji)) >= 3


def test_points_lines_legend_and_escaping():
    markup = world_map(
        [MapPoint(*MEDELLIN, "Medellín <script>alert(1)</script>", "focus", href="/a?x=1&y=2"),
         MapPoint(*MADRID, "Madrid & co", "partner")],
        [MapLine(MEDELLIN, MADRID, "south_north", "Medellín → Madrid")],
        title="<script>", description="a & b", legend=[("focus", "Focus"), ("south_north", "South–North")],
        html_id="m2")
    assert "<script>" not in markup
    svg = parse(markup)
    assert svg.find("s:title", NS).text == "<script>"
    (link,) = svg.xpath("//s:a", namespaces=NS)
    assert link.get("href") == "/a?x=1&y=2"
    focus = link[0]
    assert focus.find("s:title", NS).text.startswith("Medellín <script>")
    partner = svg.xpath("//s:circle[contains(@class, 'partner')]", namespaces=NS)[0]
    assert float(focus.get("r")) > float(partner.get("r"))
    curve = svg.xpath("//s:g[@class='links']/s:path", namespaces=NS)[0]
    assert "south_north" in curve.get("class") and "Q" in curve.get("d")
    assert curve.find("s:title", NS).text == "Medellín → Madrid"
    # points are drawn after (above) the lines
    groups = [g.get("class") for g in svg.iterfind("s:g", NS)]
    assert groups.index("links") < groups.index("points")
    legend = svg.xpath("//s:g[@class='legend']//s:text/text()", namespaces=NS)
    assert legend == ["Focus", "South–North"]


def test_every_class_has_a_style_and_lines_differ_by_dash(plain_map):
    style = parse(plain_map).find("s:style", NS).text
    classifications = ("south_south", "north_south", "south_north", "north_north", "triangular",
                       "multilateral", "unknown")
    for css in ("partner-country", *classifications):
        assert f".country.{css}{{" in style
    for css in classifications:
        assert f".link.{css}{{" in style
    for css in ("focus", "partner", "founder", "member"):
        assert f".pt.{css}{{" in style
    dashes = set(re.findall(r"\.link\.\w+\{stroke:[^;]+;stroke-dasharray:([^}]+)\}", style))
    assert len(dashes) == 7


def test_the_base_map_is_cheap_to_reuse(plain_map):
    start = time.perf_counter()
    for _ in range(10):
        world_map([MapPoint(*MEDELLIN, "M", "focus")], shaded={"COL": "south_south"}, title="t",
                  description="d")
    assert (time.perf_counter() - start) / 10 < 0.05


# --- charts --------------------------------------------------------------------------------------------

def label(value: float) -> str:
    return f"{value:g} €"


def bars(svg: etree._Element) -> list[etree._Element]:
    return svg.xpath("//s:rect[contains(concat(' ', @class, ' '), ' bar ')]", namespaces=NS)


def test_bar_heights_are_proportional_and_titled():
    svg = parse(bar_chart(["2020", "2021"], [Series("Offered", "offered", [10, 20])], title="t",
                          description="d", value_label=label, unknown_label="?", html_id="c"))
    assert svg.get("aria-labelledby") == "c-title c-desc"
    first, second = bars(svg)
    assert float(second.get("height")) / float(first.get("height")) == pytest.approx(2, abs=0.02)
    assert first.find("s:title", NS).text == "Offered · 2020: 10 €"
    assert "offered" in first.get("class").split()
    ticks = svg.xpath("//s:g[@class='y-axis']/s:text/text()", namespaces=NS)
    assert ticks[0] == "0 €" and 4 <= len(ticks) <= 7


def test_unknown_is_not_zero_and_zero_is_not_unknown():
    markup = bar_chart(["2019", "2020", "2021"], [Series("Received", "received", [5, None, 0])],
                       title="t", description="d", value_label=label, unknown_label="Not known",
                       html_id="c")
    svg = parse(markup)
    assert len(bars(svg)) == 1  # only the 5 is a rectangle with height
    (zero,) = svg.xpath("//*[contains(@class, 'zero')]", namespaces=NS)
    assert zero.find("s:title", NS).text == "Received · 2021: 0 €"
    assert re.fullmatch(r"M[\d.]+,[\d.]+h[\d.]+", zero.get("d"))  # a flat line on the baseline
    (unknown,) = svg.xpath("//s:g[contains(@class, 'unknown')]", namespaces=NS)
    assert unknown.find("s:title", NS).text == "Received · 2020: Not known"
    assert "?" in "".join(unknown.itertext())
    assert "zero" not in unknown.get("class")
    assert "Not known" in svg.xpath("//s:g[@class='legend']//s:text/text()", namespaces=NS)


def test_empty_and_all_unknown_charts_say_unknown():
    for categories, series in (([], []), (["2020", "2021"], [Series("S", "stated", [None, None])])):
        svg = parse(bar_chart(categories, series, title="t", description="d", value_label=label,
                              unknown_label="No known figure"))
        assert not bars(svg)
        (text,) = svg.xpath("//s:text[@class='empty']", namespaces=NS)
        assert text.text == "No known figure" and text.get("text-anchor") == "middle"
    svg = parse(line_chart([], [], title="t", description="d", value_label=label, unknown_label="None"))
    assert svg.xpath("//s:text[@class='empty']/text()", namespaces=NS) == ["None"]


def test_chart_text_is_escaped():
    markup = bar_chart(["<script>x</script>"], [Series("<b>S</b>", "offered", [1])], title="<script>",
                       description="&", value_label=label, unknown_label="<i>")
    assert "<script>" not in markup and "<b>" not in markup
    assert parse(markup).find("s:title", NS).text == "<script>"


def test_series_length_must_match():
    with pytest.raises(ValueError):
        bar_chart(["a", "b"], [Series("S", "offered", [1])], title="t", description="d", value_label=label,
                  unknown_label="?")


def test_line_chart_scales_x_by_value_and_breaks_at_unknown():
    svg = parse(line_chart([2000, 2001, 2010, 2011], [Series("Listed", "listed", [1, 2, None, 4])],
                           title="t", description="d", value_label=label, unknown_label="Unknown",
                           html_id="l"))
    marks = svg.xpath("//s:g[@class='lines']/*[contains(@class, 'mark')]", namespaces=NS)
    assert [m.find("s:title", NS).text for m in marks] == ["Listed · 2000: 1 €", "Listed · 2001: 2 €",
                                                           "Listed · 2011: 4 €"]
    x = [float(m.get("cx")) for m in marks]
    assert (x[2] - x[1]) / (x[1] - x[0]) == pytest.approx(10, rel=0.02)  # 10 years vs 1 year
    lines = svg.xpath("//s:path[contains(@class, 'line') and not(ancestor::s:g[@class='legend'])]",
                      namespaces=NS)
    assert len(lines) == 1 and lines[0].get("d").count("L") == 1  # 2000–2001 only; 2011 stands alone
    (unknown,) = svg.xpath("//s:text[contains(@class, 'q') and not(ancestor::s:g[@class='legend'])]",
                           namespaces=NS)
    assert unknown.find("s:title", NS).text == "Listed · 2010: Unknown"


def test_two_charts_on_a_page_have_distinct_ids():
    kwargs = {"title": "t", "description": "d", "value_label": label, "unknown_label": "?"}
    one = parse(bar_chart(["a"], [Series("S", "offered", [None])], html_id="one", **kwargs))
    two = parse(bar_chart(["a"], [Series("S", "offered", [1])], html_id="two", **kwargs))
    ids_one, ids_two = set(one.xpath("//@id")), set(two.xpath("//@id"))
    assert ids_one and not ids_one & ids_two
    assert all(i.startswith("one") for i in ids_one)


def test_unnamed_series_take_palette_colours_not_used_by_named_ones():
    svg = parse(line_chart([1, 2], [Series("A", "offered", [1, 2]), Series("B", "", [2, 3])], title="t",
                           description="d", value_label=label, unknown_label="?"))
    classes = [p.get("class") for p in svg.xpath("//s:g[@class='lines']/s:path", namespaces=NS)]
    assert classes == ["line offered", "line series-1"]

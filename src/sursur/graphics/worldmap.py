"""A world map as SVG markup: countries (optionally shaded), points and curved lines between them.

Projection: Equal Earth (Šavrič, Patterson & Jenny, 2018, https://doi.org/10.1080/13658816.2018.1504949),
an equal-area pseudocylindrical projection, centred on Greenwich. ``project`` scales it so the whole
world (±180°) is ``width`` SVG units wide with a 2-unit margin; y grows downward, the map is
``map_height(width)`` high (≈ width / 2.05) and (0°, 0°) is at its centre. Shapes: Natural Earth 1:110m,
see ``reference/data/geo/SOURCE.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from . import svg
from .svg import attr, esc, num
from .topojson import countries

__all__ = ["MapLine", "MapPoint", "map_height", "project", "world_map"]

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
MARGIN = 2.0


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    title: str            # tooltip text, already in the user's language
    css: str = "partner"  # CSS class: e.g. "focus", "partner", "founder", "member"
    href: str | None = None  # if set, the point is wrapped in <a href>


@dataclass(frozen=True)
class MapLine:
    a: tuple[float, float]   # (lon, lat)
    b: tuple[float, float]
    css: str                 # e.g. a classification value: "south_south", "north_south", …
    title: str


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Unscaled Equal Earth (radius 1): x in ±2.7065, y in ±1.3173, y up."""
    lam, phi = math.radians(lon), math.radians(max(-90.0, min(90.0, lat)))
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = _equal_earth(180, 0)[0]
Y_MAX = _equal_earth(0, 90)[1]


def _scale(width: float) -> float:
    return (width - 2 * MARGIN) / (2 * X_MAX)


def map_height(width: float = 960) -> float:
    """Height of the map area (without the legend) for a map ``width`` units wide."""
    return 2 * Y_MAX * _scale(width) + 2 * MARGIN


def project(lon: float, lat: float, width: float = 960) -> tuple[float, float]:
    """Equal Earth projection, scaled to the SVG's coordinate space.

    ``width`` is the SVG's viewBox width (``world_map``'s ``width``, 960 by default): longitude ±180° maps
    to x = 2 and x = width − 2, (0°, 0°) to (width / 2, map_height(width) / 2), north is up (smaller y).
    """
    x, y = _equal_earth(lon, lat)
    s = _scale(width)
    return width / 2 + s * x, map_height(width) / 2 - s * y


def _tenths(value: int) -> str:
    """An integer number of tenths as the shortest SVG number: 12 → "1.2", -3 → "-.3", 40 → "4"."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, tenth = divmod(value, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _path(rings, width: float) -> str:
    """Path data: each ring as an absolute move then relative line-tos, on a 0.1-unit grid (deltas are
    taken between rounded positions, so rounding does not accumulate)."""
    parts = []
    for ring in rings:
        grid = [(round(x * 10), round(y * 10)) for x, y in (project(lon, lat, width) for lon, lat in ring)]
        steps = []
        for (x0, y0), (x1, y1) in pairwise(grid):
            if (x0, y0) != (x1, y1):
                steps.append(f"{_tenths(x1 - x0)},{_tenths(y1 - y0)}")
        if len(steps) >= 2:
            parts.append(f"M{_tenths(grid[0][0])},{_tenths(grid[0][1])}l{' '.join(steps)}z")
    return "".join(parts)


@lru_cache(maxsize=8)
def base_paths(width: float = 960) -> tuple[tuple[str | None, str], ...]:
    """(alpha-3 or None, SVG path data) for every country, projected once per width and process."""
    return tuple((country.alpha3, _path(country.rings, width)) for country in countries())


@lru_cache(maxsize=8)
def _sphere(width: float) -> str:
    """The outline of the whole globe (the map's border), as path data."""
    east = [(180.0, lat) for lat in range(90, -91, -2)]
    west = [(-180.0, lat) for lat in range(-90, 91, 2)]
    return _path([east + west], width)


def _bezier(a: tuple[float, float], b: tuple[float, float], width: float) -> str | None:
    (x0, y0), (x1, y1) = project(*a, width), project(*b, width)
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 0.5:
        return None
    # Control point off the middle, to the left of the direction a→b: a→b and b→a do not overlap.
    bow = 0.18 * length
    cx, cy = (x0 + x1) / 2 + dy / length * bow, (y0 + y1) / 2 - dx / length * bow
    return f"M{num(x0)},{num(y0)}Q{num(cx)},{num(cy)} {num(x1)},{num(y1)}"


POINT_RADIUS = {"focus": 7.5, "founder": 5.0, "member": 4.5}
POINT_CLASSES = ("focus", "partner", "founder", "member")
DEFAULT_RADIUS = 4.5


def _marker(css: str, x: float, y: float, inner: str = "") -> str:
    """A point mark. Shapes differ by class as well as colour: founder is a diamond, member a square."""
    r = POINT_RADIUS.get(css.split()[0] if css.strip() else "", DEFAULT_RADIUS)
    cls = attr("pt " + css)
    if css.startswith("founder"):
        d = f"M{num(x)},{num(y - r * 1.3)}l{num(r * 1.3)},{num(r * 1.3)} {num(-r * 1.3)},{num(r * 1.3)}" \
            f" {num(-r * 1.3)},{num(-r * 1.3)}Z"
        return f"<path class={cls} d={attr(d)}>{inner}</path>"
    if css.startswith("member"):
        return (f"<rect class={cls} x={attr(num(x - r))} y={attr(num(y - r))} width={attr(num(2 * r))}"
                f" height={attr(num(2 * r))}>{inner}</rect>")
    return f"<circle class={cls} cx={attr(num(x))} cy={attr(num(y))} r={attr(num(r))}>{inner}</circle>"


def world_map(points: Sequence[MapPoint] = (), lines: Sequence[MapLine] = (), *,
              shaded: Mapping[str, str] | None = None, country_name: Callable[[str], str] | None = None,
              title: str, description: str, legend: Sequence[tuple[str, str]] = (), width: int = 960,
              html_id: str = "map") -> str:
    """SVG markup of the world map (safe to insert into HTML: every text is escaped).

    ``shaded`` maps ISO 3166-1 alpha-3 codes to a CSS class for the country's fill; ``country_name(alpha3)``
    gives the tooltip of a shaded country (unshaded countries have none, to keep the markup small).
    Lines are drawn under points, the "focus" point last. ``legend``: (css class, label) pairs drawn as a
    key below the map; a class used by a line is shown as a line sample, by a point as that point's
    mark, otherwise as a filled country swatch.
    """
    shaded = shaded or {}
    height = map_height(width)
    legend_rows = _legend_layout(legend, width)
    total = height + (len(legend_rows) * LEGEND_ROW + 10 if legend_rows else 0)
    out = [svg.svg_open(html_id, "map", width, total, title, description, svg.map_style()),
           f'<path class="sphere" d="{_sphere(width)}"/><g class="countries">']
    for alpha3, d in base_paths(width):
        css = shaded.get(alpha3) if alpha3 else None
        if css is None:
            iso = f" data-iso={attr(alpha3)}" if alpha3 else ""
            out.append(f'<path class="country"{iso} d="{d}"/>')
        else:
            name = country_name(alpha3) if country_name else alpha3
            out.append(f"<path class={attr('country named ' + css)} data-iso={attr(alpha3)}"
                       f' d="{d}"><title>{esc(name)}</title></path>')
    out.append('</g><g class="links">')
    for line in lines:
        d = _bezier(line.a, line.b, width)
        if d:
            out.append(f"<path class={attr('link ' + line.css)} d={attr(d)}><title>{esc(line.title)}"
                       "</title></path>")
    out.append('</g><g class="points">')
    for point in sorted(points, key=lambda p: p.css.split()[:1] == ["focus"]):
        x, y = project(point.lon, point.lat, width)
        mark = _marker(point.css, x, y, f"<title>{esc(point.title)}</title>")
        if point.href:
            mark = f"<a href={attr(point.href)} xlink:href={attr(point.href)}>{mark}</a>"
        out.append(mark)
    out.append("</g>")
    out.append(_legend(legend_rows, lines, points, shaded, height))
    out.append("</svg>")
    return "".join(out)


LEGEND_FONT = 17.0
LEGEND_ROW = 30


def _legend_layout(legend: Sequence[tuple[str, str]], width: float) -> list[list[tuple[str, str, float]]]:
    """Entries wrapped into rows: (css, label, x) per entry."""
    rows: list[list[tuple[str, str, float]]] = []
    x = width
    for css, label in legend:
        needed = 34 + svg.text_width(label, LEGEND_FONT)
        if x + needed > width - 8 or not rows:
            rows.append([])
            x = 12.0
        rows[-1].append((css, label, x))
        x += needed + 18
    return rows


def _legend(rows, lines: Sequence[MapLine], points: Sequence[MapPoint], shaded: Mapping[str, str],
            top: float) -> str:
    """The key. A class used by a line is shown as a line sample, then one used by a point as that
    point's mark, then one used to shade countries as a swatch; an unused class by what it usually is."""
    if not rows:
        return ""
    line_classes = {c for line in lines for c in line.css.split()}
    point_classes = {c for point in points for c in point.css.split()}
    shade_classes = {c for css in shaded.values() for c in css.split()}
    out = ['<g class="legend">']
    for i, row in enumerate(rows):
        y = top + 20 + i * LEGEND_ROW
        for css, label, x in row:
            first = css.split()[0] if css.strip() else ""
            unused = first not in line_classes | point_classes | shade_classes
            if first in line_classes or (unused and first in svg.CLASSIFICATIONS):
                swatch = f"<path class={attr('link ' + css)} d=\"M{num(x)},{num(y)}h26\"/>"
            elif first in point_classes or (unused and first in POINT_CLASSES):
                swatch = _marker(css, x + 13, y)
            else:
                swatch = (f"<rect class={attr('country swatch ' + css)} x={attr(num(x))} y={attr(num(y - 8))}"
                          ' width="26" height="16"/>')
            out.append(f"{swatch}<text x={attr(num(x + 32))} y={attr(num(y + 5))}>{esc(label)}</text>")
    out.append("</g>")
    return "".join(out)

"""Decode the bundled Natural Earth TopoJSON into country rings of (longitude, latitude) degrees.

TopoJSON (https://github.com/topojson/topojson-specification): arcs are quantized and delta-encoded
(positions are running sums, then ``scale``/``translate``); a geometry lists arc indexes, where a
negative index ``~i`` means arc ``i`` reversed, and each arc after the first in a ring repeats the last
point of the previous one, which is dropped.

world-atlas does not cut polygons at the antimeridian (Russia's Chukotka, Fiji and Antarctica cross
it), so drawing their rings as they are would streak across the whole map. ``cut_antimeridian``
unwraps a ring's longitudes, closes a ring that goes round a pole through that pole, and clips the
pieces to [-180°, 180°]; edges longer than ``MAX_STEP`` degrees are then split, so the new edges along
the map's curved border follow it once projected.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pycountry

Point = tuple[float, float]
Ring = list[Point]

MAX_STEP = 2.0  # degrees


@dataclass(frozen=True)
class Country:
    alpha3: str | None     # ISO 3166-1 alpha-3, None where the file has no (or an unknown) numeric id
    name: str              # Natural Earth's English short name (for debugging; pages use their own)
    rings: tuple[tuple[Point, ...], ...]  # exterior rings and holes alike, cut at the antimeridian


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of ``reference/data/geo/countries-110m.json``, decoded once per process."""
    path = files("sursur.reference") / "data" / "geo" / "countries-110m.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [tuple(piece) for ring in geometry_rings(geometry, arcs) for piece in cut_antimeridian(ring)]
        result.append(Country(_alpha3(geometry.get("id")), geometry.get("properties", {}).get("name", ""),
                              tuple(rings)))
    return tuple(result)


def _alpha3(numeric: str | None) -> str | None:
    if not numeric or numeric == "-99":
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country else None


def decode_arcs(topology: dict) -> list[Ring]:
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            if transform:
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def geometry_rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    """All rings of a Polygon or MultiPolygon (other types have none)."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    return [_ring(indexes, arcs) for polygon in polygons for indexes in polygon]


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def cut_antimeridian(ring: Ring) -> list[Ring]:
    """The ring as one or more open rings inside [-180, 180] (open: the first point is not repeated)."""
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 3:
        return []
    unwrapped: Ring = []
    offset = 0.0
    for lon, lat in ring:
        if unwrapped:
            step = lon + offset - unwrapped[-1][0]
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        unwrapped.append((lon + offset, lat))
    closing = ring[0][0] + offset - unwrapped[-1][0]
    if abs(closing) > 180:
        offset -= math.copysign(360, closing)
    lons = [lon for lon, _ in unwrapped]
    if not offset and min(lons) >= -180 and max(lons) <= 180:
        return [_densify(ring)]
    if offset:
        # Goes round a pole (its longitudes wind once round the globe): close it through that pole.
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
        lons = [lon for lon, _ in unwrapped]
    pieces = []
    for k in range(math.floor((min(lons) + 180) / 360), math.ceil((max(lons) - 180) / 360) + 1):
        shifted = [(lon - 360 * k, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(shifted, -180.0, 1), 180.0, -1)
        if len(piece) >= 3 and abs(_area(piece)) > 1e-9:
            pieces.append(_densify(piece))
    return pieces


def _clip(ring: Ring, edge: float, side: int) -> Ring:
    """Sutherland–Hodgman against the meridian ``edge``: keep ``side * (lon - edge) >= 0``."""
    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        inside_now = side * (current[0] - edge) >= 0
        inside_before = side * (previous[0] - edge) >= 0
        if inside_now != inside_before:
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside_now:
            out.append(current)
    return out


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def _densify(ring: Ring) -> Ring:
    out: Ring = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        out.append((x0, y0))
        steps = math.ceil(max(abs(x1 - x0), abs(y1 - y0)) / MAX_STEP)
        out.extend((x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(1, steps))
    return out

"""GeoJSON for QGIS and web maps: actors as points, relations as lines, each with its classification."""

from __future__ import annotations

from ..reference.places import place_by_id


def feature_collection(actors, results, relations_by_key) -> dict:
    """Actors with a known point; relations between two placed actors, one line per pair of parties."""
    points = {}
    features = []
    for actor in actors:
        place = place_by_id(actor.place) if actor.place else None
        if place is None or place.lat is None:
            continue  # no point is invented for an actor whose place has none
        points[actor.key] = (place.lon, place.lat)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                         "properties": {"record": "actor", "key": actor.key, "name": actor.name,
                                        "kind": actor.kind.value, "country": actor.country, "place": place.id}})
    for result in results:
        parties = [p for p in relations_by_key[(result.record_type, result.key)] if p in points]
        for index, a in enumerate(parties):
            for b in parties[index + 1:]:
                features.append({"type": "Feature",
                                 "geometry": {"type": "LineString", "coordinates": [list(points[a]), list(points[b])]},
                                 "properties": {"record": result.record_type, "key": result.key, "from": a, "to": b,
                                                "scheme": result.scheme, "class": result.value.value,
                                                "stated": result.stated.value if result.stated else None,
                                                "override": result.override.value if result.override else None,
                                                "decentralized": result.decentralized}})
    return {"type": "FeatureCollection", "features": features}

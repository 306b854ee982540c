"""A table row updates a stored record; it does not erase what the table has no column for.

Importing a file with only 'name; kind; country' must not wipe an actor's website, timeline or place,
and re-importing an export must not drop the second citation of a record. So: columns present in the
file replace the stored values; everything else is kept; citations are added, never removed.
"""

from __future__ import annotations

import dataclasses

# domain field → the column that fills it, per kind (fields with no column are always kept)
FIELDS = {
    "actors": {"name": "name", "kind": "kind", "country": "country", "other_names": "other_names",
               "parent": "parent", "population": "population", "area_km2": "area_km2", "gdp_usd": "gdp_usd",
               "founded": "founded", "website": "website", "note": "note", "iati_ref": "iati_ref"},
    "agreements": {"kind": "kind", "parties": "parties", "area": "area", "themes": "themes", "signed": "signed",
                   "ended": "ended", "status": "status"},
    "initiatives": {"title": "title", "description": "description", "modality": "modality",
                    "instrument": "instrument", "cooperation_types": "cooperation_types", "status": "status",
                    "start": "start", "end": "end", "themes": "themes", "participants": "participants",
                    "countries": "countries", "agreement": "agreement"},
    "memberships": {"joined": "joined", "left": "left", "founding": "founding"},
    "practices": {"owner": "owner", "title": "title", "summary": "summary", "themes": "themes",
                  "evidence": "evidence", "recognition": "recognition", "description": "description",
                  "problem": "problem", "results": "results", "contact": "contact", "transfers": "transfers"},
    "demands": {"actor": "actor", "need": "need", "themes": "themes"},
}
MEASURES = ("population", "area_km2", "gdp_usd")


def merge(kind: str, stored, new, present: set[str]):
    """The stored record updated by the new one's values for the columns present in the file."""
    if stored is None or kind not in FIELDS:
        return new
    columns = FIELDS[kind]
    values = {}
    for field in dataclasses.fields(stored):
        name = field.name
        if name == "sources":
            values[name] = stored.sources + [c for c in new.sources if c not in stored.sources]
        elif name in MEASURES and columns.get(name) in present:
            old, fresh = getattr(stored, name), getattr(new, name)
            same = old is not None and fresh is not None and old.value == fresh.value
            values[name] = old if same else fresh  # an unchanged figure keeps its year, 'about' and citation
        elif name == "participants" and columns[name] in present:
            # The table names participants by actor key; described parties ('ciudades chilenas') stay.
            named = [p for p in stored.participants if p.actor]
            values[name] = (stored.participants if named == new.participants
                            else new.participants + [p for p in stored.participants if p.actor is None])
        elif name in columns and columns[name] in present:
            values[name] = getattr(new, name)
        else:
            values[name] = getattr(stored, name)
    return type(stored)(**values)

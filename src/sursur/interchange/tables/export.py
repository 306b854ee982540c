"""Records back into the same columns the import reads, so export → edit → import is a round trip."""

from __future__ import annotations

from ...domain import Dataset
from .columns import KINDS


def _join(items) -> str:
    return "; ".join(str(i) for i in items if i is not None)


def _cite(record_sources) -> tuple[str, str]:
    if not record_sources:
        return "", ""
    first = record_sources[0]
    return first.source, first.locator or ""


def _date(value) -> str:
    return str(value) if value is not None else ""


def _num(value) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rows_for(kind: str, data: Dataset) -> tuple[list[str], list[list[str]]]:
    """(column keys, rows) for a kind; unknown values stay empty, never 0."""
    keys = [c.key for c in KINDS[kind]]
    rows = []
    if kind == "actors":
        for a in data.actors:
            rows.append({"key": a.key, "name": a.name, "kind": a.kind.value, "country": a.country or "",
                         "other_names": _join(a.other_names), "parent": a.parent or "",
                         "population": _num(a.population.value) if a.population else "",
                         "population_year": a.population.year if a.population and a.population.year else "",
                         "area_km2": _num(a.area_km2.value) if a.area_km2 else "",
                         "gdp_usd": _num(a.gdp_usd.value) if a.gdp_usd else "", "founded": _date(a.founded),
                         "website": a.website or "", "iati_ref": a.iati_ref or "", "note": a.note or "",
                         **_source(a.sources)})
    elif kind == "agreements":
        for g in data.agreements:
            rows.append({"key": g.key, "kind": g.kind.value, "parties": _join(g.parties), "area": g.area or "",
                         "themes": _join(g.themes), "signed": _date(g.signed), "ended": _date(g.ended),
                         "status": g.status.value, **_source(g.sources)})
    elif kind == "initiatives":
        for i in data.initiatives:
            rows.append({"key": i.key, "title": i.title, "description": i.description.text if i.description else "",
                         "language": i.description.lang if i.description else "", "modality": i.modality.value,
                         "instrument": i.instrument.value, "cooperation_types": _join(c.value for c in i.cooperation_types),
                         "status": i.status.value, "start": _date(i.start), "end": _date(i.end),
                         "themes": _join(i.themes),
                         "participants": _join(f"{p.actor}:{p.role.value}" for p in i.participants if p.actor),
                         "countries": _join(i.countries), "agreement": i.agreement or "", **_source(i.sources)})
    elif kind == "flows":
        for i in data.initiatives:
            for f in i.flows:
                rows.append({"initiative": i.key, "kind": f.kind.value, "amount": _num(f.amount),
                             "currency": f.currency or "", "year": f.year or "", "date": _date(f.date),
                             "from": f.from_actor or "", "to": f.to_actor or "",
                             **_source([f.source] if f.source else [])})
    elif kind == "memberships":
        for m in data.memberships:
            rows.append({"actor": m.actor, "network": m.network, "joined": _date(m.joined), "left": _date(m.left),
                         "founding": "yes" if m.founding else "no", **_source(m.sources)})
    elif kind == "practices":
        for p in data.practices:
            rows.append({"key": p.key, "owner": p.owner, "title": p.title,
                         "summary": p.summary.text if p.summary else "",
                         "description": p.description.text if p.description else "",
                         "language": p.language or "", "themes": _join(p.themes),
                         "problem": p.problem or "", "results": p.results or "",
                         "evidence": p.evidence or "", "recognition": p.recognition or "",
                         "contact": p.contact or "", "transfers": _join(p.transfers), **_source(p.sources)})
    elif kind == "demands":
        for d in data.demands:
            rows.append({"key": d.key, "actor": d.actor, "need": d.need.text, "language": d.need.lang or "",
                         "themes": _join(d.themes), **_source(d.sources)})
    return keys, [[row.get(k, "") for k in keys] for row in rows]


def _source(sources) -> dict:
    source, locator = _cite(sources)
    return {"source": source, "locator": locator}

"""What a record's rows hold: the values of its own row and the rows of its child tables.

Built here once for both writers: `Writer` (one record at a time) and `BulkWriter` (a batch at a time).
`ref(table, key)` turns a referenced record's key into its row id; each writer resolves keys its own way.
Child rows come without their owner's id (`OWNER_FK` names the column): the writers add it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Table

from ..domain import Actor, Citation, Initiative, Source
from . import tables as t
from .rows import MEASURES

Ref = Callable[[Table, "str | None"], "int | None"]

# record type (as in citations.record_type) → its child tables, and the column in them that holds its id
CHILDREN = {"actor": (t.actor_names, t.actor_measures, t.actor_timeline),
            "initiative": (t.initiative_types, t.initiative_countries, t.participations, t.flows, t.figures)}
OWNER_FK = {"actor": "actor_id", "initiative": "initiative_id"}


def cite(ref: Ref, citation: Citation | None, prefix: str = "source") -> dict:
    if citation is None:
        return {f"{prefix}_id": None, f"{prefix}_locator": None}
    return {f"{prefix}_id": ref(t.sources, citation.source), f"{prefix}_locator": citation.locator}


def stated(ref: Ref, value) -> dict:
    return {"stated_class": value.value.value if value else None,
            **cite(ref, value.source if value else None, "stated")}


def polymorphic_rows(ref: Ref, citations: list[Citation], themes: list[str] | None = None
                     ) -> list[tuple[Table, list[dict]]]:
    """The record's own citations and themes, the tables shared by every kind of record (the writers
    add record_type and record_id)."""
    return [(t.citations, [{"position": i, **cite(ref, c)} for i, c in enumerate(citations)]),
            (t.record_themes, [{"position": i, "theme": theme} for i, theme in enumerate(themes or [])])]


def source_values(s: Source) -> dict:
    return dict(kind=s.kind.value, title=s.title, author=s.author, year=s.year, publisher=s.publisher,
                url=s.url, file=s.file, note=s.note)


def actor_values(ref: Ref, a: Actor) -> dict:
    return dict(name=a.name, kind=a.kind.value, country=a.country, country_basis=a.country_basis,
                parent_id=ref(t.actors, a.parent), place=a.place,
                founded=str(a.founded) if a.founded else None, website=a.website, note=a.note,
                iati_ref=a.iati_ref)


def actor_children(ref: Ref, a: Actor) -> list[tuple[Table, list[dict]]]:
    return list(zip(CHILDREN["actor"], (
        [{"position": i, "name": n} for i, n in enumerate(a.other_names)],
        [{"name": name, "value": m.value, "year": m.year, "approximate": m.approximate, "note": m.note,
          **cite(ref, m.source)}
         for name in MEASURES if (m := getattr(a, name)) is not None],
        [{"position": i, "date": str(e.date), "text": e.text, **cite(ref, e.source)}
         for i, e in enumerate(a.timeline)])))


def initiative_values(ref: Ref, i: Initiative) -> dict:
    return dict(title=i.title, description=i.description.text if i.description else None,
                description_lang=i.description.lang if i.description else None,
                modality=i.modality.value, instrument=i.instrument.value, status=i.status.value,
                start=str(i.start) if i.start else None, end=str(i.end) if i.end else None,
                agreement_id=ref(t.agreements, i.agreement), **stated(ref, i.stated_class),
                iati_identifier=i.iati_identifier, reporter_id=ref(t.actors, i.reporter))


def initiative_children(ref: Ref, i: Initiative) -> list[tuple[Table, list[dict]]]:
    return list(zip(CHILDREN["initiative"], (
        [{"position": n, "type": c.value} for n, c in enumerate(i.cooperation_types)],
        [{"position": n, "country": c} for n, c in enumerate(i.countries)],
        [{"position": n, "actor_id": ref(t.actors, p.actor), "party": p.party, "country": p.country,
          "role": p.role.value} for n, p in enumerate(i.participants)],
        [{"position": n, "kind": f.kind.value, "amount": f.amount, "currency": f.currency, "year": f.year,
          "date": str(f.date) if f.date else None, "from_actor_id": ref(t.actors, f.from_actor),
          "to_actor_id": ref(t.actors, f.to_actor), **cite(ref, f.source)}
         for n, f in enumerate(i.flows)],
        [{"position": n, "name": f.name, "value": f.value, **cite(ref, f.source)}
         for n, f in enumerate(i.figures)])))

"""Exports: spreadsheets in the import's own columns, GeoJSON, the relation graph and IATI XML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..analysis.schemes import scheme as get_scheme
from ..domain import Initiative, Role
from ..domain.errors import N_, UserError
from ..domain.language import LANGUAGES
from ..i18n import gettext_for
from ..interchange.geo import feature_collection
from ..interchange.graph import relation_graph, write_graph
from ..interchange.iati.export import ActivityWriter, Tag, Written, document, write_document
from ..interchange.output import output_file
from ..interchange.problems import ImportRefused, Problem, refuse
from ..interchange.tables import KINDS, write_table
from ..interchange.tables.export import rows_for
from ..labels import label
from ..reference.countries import lists
from ..store import Store
from .classification import classify, classify_records, read_records, relations_of


def export_table(store: Store, kind: str, target: Path) -> int:
    if kind not in KINDS:
        raise refuse(target.name, N_("'{kind}' is not a kind of table; use one of: {choices}"), kind=kind,
                     choices=", ".join(KINDS))
    with store.reading() as repo:
        keys, rows = rows_for(kind, repo.dataset())
    write_table(target, keys, rows)
    return len(rows)


def _relations(store: Store, scheme: str | None):
    with store.reading() as repo:
        actors = repo.actors()
        parties = {("agreement", g.key): g.parties for g in repo.agreements()}
        parties |= {("initiative", i.key): i.actor_keys() for i in repo.initiatives()}
    return actors, classify(store, scheme), parties


def export_geojson(store: Store, target: Path, scheme: str | None = None) -> int:
    collection = feature_collection(*_relations(store, scheme))
    with output_file(target) as partial:
        partial.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return len(collection["features"])


def export_graph(store: Store, target: Path, fmt: str, scheme: str | None = None) -> tuple[int, int]:
    graph = relation_graph(*_relations(store, scheme))
    write_graph(graph, target, fmt)
    return graph.number_of_nodes(), graph.number_of_edges()


# --- IATI ----------------------------------------------------------------------------------------------

LOCAL_SERVER = "http://127.0.0.1:8000"
_OFFERING = ({Role.OFFERER, Role.FIRST_OFFERER, Role.BOTH}, {Role.FUNDER, Role.SECOND_OFFERER}, set(Role))


def _listed(chosen) -> dict[str, str]:
    """The scheme's lists with their vintages, in each language (the same for every initiative)."""
    infos = lists()
    return {lang: "; ".join(f"{gettext_for(lang)(infos[name].title)} ({infos[name].vintage})"
                            for name in chosen.lists) for lang in LANGUAGES}


def _tag(result, chosen, listed: dict[str, str]) -> Tag:
    """The classification of one initiative as a tag: the class, the scheme, its rule, its dated lists."""
    narratives = {}
    for lang in LANGUAGES:
        _ = gettext_for(lang)
        text = _("{value}, under the scheme '{scheme}': {rule} Rule that decided: {reason}. Lists: {lists}.").format(
            value=label(result.value, _), scheme=chosen.name, rule=_(chosen.rule), reason=result.reason,
            lists=listed[lang])
        if result.override is not None:
            text = _("{value}, set by a person: {why}. The rule gave: {computed}").format(
                value=label(result.override, _), why=result.override_why, computed=text)
        narratives[lang] = text
    return Tag(result.shown.value, narratives)


def _reporter(initiative: Initiative, actor: str | None) -> str | None:
    """Who reports it: the org that reported it to IATI, else the chosen actor, else its first offerer."""
    if initiative.reporter:
        return initiative.reporter
    if actor:
        return actor
    for roles in _OFFERING:
        found = next((p.actor for p in initiative.participants if p.actor and p.role in roles), None)
        if found:
            return found
    return None


def export_iati(store: Store, target: Path, actor: str | None = None, scheme: str | None = None,
                public_url: str | None = None, only: set[str] | None = None) -> Written:
    """Writes the initiatives (those `actor` takes part in, or all) as an IATI 2.03 file; see docs/IATI.md.

    Initiatives IATI cannot take without inventing something are left out, each with the reason, in the
    result; the file is written only when at least one activity is in it.
    """
    chosen = get_scheme(scheme)
    if public_url is not None and not re.fullmatch(r"https?://[^\s<>\"']+", public_url):
        raise UserError(N_("'{url}' is not a web address; give the observatory's public address, e.g. "
                           "https://observatorio.example.org"), url=public_url)
    records = read_records(store)
    actors = records.actors
    # an actor's initiatives are those it or its own bodies take part in, as for its classification
    initiatives = relations_of(records, actor)[1] if actor else records.initiatives
    if only is not None:  # a list someone filtered (Explore's download)
        initiatives = [i for i in initiatives if i.key in only]
    results = {r.key: r for r in classify_records(records, chosen.name, actor) if r.record_type == "initiative"}
    method = f"{(public_url or LOCAL_SERVER).rstrip('/')}/methodology#scheme-{chosen.name}"
    writer = ActivityWriter(actors, target.name, method)
    listed = _listed(chosen)
    elements = []
    for initiative in sorted(initiatives, key=lambda i: i.key):
        reporter = _reporter(initiative, actor)
        if reporter is None:
            writer.result.left_out.append(Problem(target.name, N_(
                "initiative {key} is left out: no organisation takes part in it that could report it"),
                {"key": initiative.key}))
            continue
        result = results.get(initiative.key)
        element = writer.activity(initiative, reporter, _tag(result, chosen, listed) if result else None)
        if element is not None:
            elements.append(element)
    if not elements:
        raise ImportRefused(writer.result.left_out, N_("nothing to export to {file}: none of the initiatives "
                                                       "can be written in IATI"), file=target.name)
    write_document(document(elements), target)
    return writer.result


# --- a filtered list (Explore's downloads) --------------------------------------------------------------

DOWNLOADS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "geojson": "application/geo+json", "iati": "application/xml"}
_TABLE_KINDS = {"initiative": "initiatives", "agreement": "agreements", "actor": "actors"}


def export_found(store: Store, filters, fmt: str, target: Path) -> int:
    """The records an Explore filter finds, written as a spreadsheet (the import's own columns), GeoJSON
    (actors as points, relations as lines with their class) or IATI XML (initiatives). Returns how many
    records were written."""
    from types import SimpleNamespace

    from .explore import everything

    if fmt not in DOWNLOADS:
        raise UserError(N_("'{value}' is not a download format; use one of: {choices}"), value=fmt,
                        choices=", ".join(DOWNLOADS))
    found = everything(store, filters)
    if fmt in ("csv", "xlsx"):
        kind = _TABLE_KINDS[filters.record]
        keys, rows = rows_for(kind, SimpleNamespace(**{kind: found}))
        write_table(target, keys, rows)
        return len(rows)
    if fmt == "iati":
        if filters.record != "initiative":
            raise UserError(N_("IATI describes activities: download initiatives in IATI, or this list as CSV, "
                               "XLSX or GeoJSON"))
        if not found:
            raise UserError(N_("nothing to download: no record matches these filters"))
        return export_iati(store, target, filters.actor, filters.scheme, only={i.key for i in found}).activities
    return _found_geojson(store, filters, found, target)


def _found_geojson(store: Store, filters, found: list, target: Path) -> int:
    from .explore import classify_found

    with store.reading() as repo:
        if filters.record == "actor":
            actors, results, parties = found, [], {}
        else:
            named = set()
            for r in found:
                named |= set(r.parties) if filters.record == "agreement" else set(r.actor_keys())
            actors = repo.actors_by_key(named)
            results = list(classify_found(repo, filters.record, found, filters.scheme).values())
            parties = {(filters.record, r.key): (r.parties if filters.record == "agreement" else r.actor_keys())
                       for r in found}
    collection = feature_collection(actors, results, parties)
    with output_file(target) as partial:
        partial.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return len(found)

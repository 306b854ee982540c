"""The report as one self-contained HTML document (its style sheet and drawings inside): what the .html
file holds and what WeasyPrint prints to PDF."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..analysis.indicators.partners import KIND_ORDER
from ..analysis.schemes import SCHEMES
from ..domain.classification import RelationClass
from ..domain.source import group_citations
from ..formats import helpers
from ..graphics.figures import members_map_svg, partner_map_svg, volumes_svg
from ..labels import value_label
from ..reference.countries import lists
from ..services.reports import ReportData

ENV = Environment(loader=PackageLoader("sursur.reports", "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
THEMES = (("theme:medellin", "own"), ("theme:segib", "segib"), ("theme:sdg", "sdg"))
CLASSES = [c.value for c in RelationClass]
SHOWN_IN_LISTS = 3  # records named per data-quality check before "and N more"
# Rows a list shows at most: a report is read, not searched. An actor with more (a generated one has 10 000
# initiatives) gets the first ones and a note saying where the whole list is; Medellín's lists are whole.
LISTED = 300


@dataclass
class Listed:
    rows: list
    total: int

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.total


def _cap(rows: list, key=None) -> Listed:
    """The first LISTED rows (by `key` when given, else in the order given) and how many there were."""
    chosen = sorted(rows, key=key) if key and len(rows) > LISTED else rows
    return Listed(chosen[:LISTED], len(rows))


@dataclass
class Section:
    anchor: str
    title: str


def sections(data: ReportData, _) -> list[Section]:
    """The numbered sections, in order (the table of contents lists them with their pages)."""
    if data.empty:
        return [Section("no-data", _("No cooperation recorded")), Section("annex-sources", _("Sources"))]
    found = [Section("figures", _("Key figures")), Section("partners", _("Partners by area and kind")),
             Section("volumes", _("Volumes by year")), Section("map", _("Partners on the map"))]
    if data.networks:
        found.append(Section("networks", _("Networks")))
    found += [Section("south-south", _("South–South share under every scheme")),
              Section("balance", _("Offer and reception")), Section("themes", _("Thematic profile")),
              Section("concentration", _("Concentration")), Section("initiatives", _("Initiatives")),
              Section("agreements", _("Agreements")), Section("quality", _("Data quality")),
              Section("annex-method", _("Annex: methodology")), Section("annex-sources", _("Annex: sources"))]
    return found


def render_html(data: ReportData, lang: str) -> str:
    h = helpers(lang)
    _ = h["_"]
    drawings = {"volumes": volumes_svg(lang, data.years, data.series) if data.years else None,
                "partners": partner_map_svg(lang, data.partner_map, link=None) if data.partner_map else None,
                "networks": {part.network.key: members_map_svg(lang, part.network, part.name, part.members, link=None)
                             for part in data.networks}}
    css = (files("sursur.reports") / "templates" / "report.css").read_text(encoding="utf-8")
    listed, shown = sections(data, _), _listed(data)
    return ENV.get_template("report.html").render(
        r=data, svg=drawings, css=css, version=__version__, sections=listed,
        num={s.anchor: n for n, s in enumerate(listed, start=1)}, title={s.anchor: s.title for s in listed}, group_citations=group_citations,
        partner_groups=_partner_groups(shown["partners"]), listed=shown, sensitivity=_sensitivity(data), themes=_themes(data),
        quality=_quality(data), schemes=SCHEMES, lists=lists(), classes=CLASSES,
        cell=lambda value, column, dimension=None: _cell(h, value, column, dimension),
        name=lambda key: data.names.get(key, key),
        names=lambda keys: ", ".join(data.names.get(k, k) for k in keys), **h)


def _cell(h: dict, value, column: str, dimension: str | None = None) -> str:
    """An indicator cell in the reader's language: unknown is written as such, never as 0."""
    fmt = h["fmt"]
    if value is None:
        return h["_"]("unknown")
    if column in ("share", "south_south_share") or dimension == "south_south_share":
        return fmt.share(value)
    if isinstance(value, bool):
        return h["_"]("yes") if value else h["_"]("no")
    if isinstance(value, int):
        return fmt.number(value)
    if isinstance(value, (float, Decimal)):
        return fmt.number(value, 4 if column in ("balance", "balance_usd", "hhi", "hhi_normalised")
                          or dimension in ("balance", "balance_usd") else 2)
    return value_label(str(value), dimension or column, h["_"], h["lang"])


def _listed(data: ReportData) -> dict[str, Listed]:
    """The lists as the report shows them: initiatives and agreements most recent first, partners on the map
    and in Tablas 1 and 2 with the most relations first."""
    table = data.tables["partners-by-area"]
    rows = [{**row, "records": records} for row, records in zip(table.rows, table.records)]
    partners = data.partner_map.partners if data.partner_map else []
    return {"initiatives": _cap(data.initiatives), "agreements": _cap(data.agreements),
            "partners": _cap(rows, key=lambda row: -len(row["records"])),
            "map": _cap(partners, key=lambda p: -sum(len(r) for r in p.classes.values()))}


def _partner_groups(listed: Listed) -> list[tuple[str, list[dict]]]:
    """Tabla 1 (subnational governments) and Tabla 2 (the others, by kind): the listed rows of
    partners-by-area."""
    groups: dict[str, list[dict]] = {}
    for row in listed.rows:
        groups.setdefault(row["partner_kind"], []).append(row)
    for rows in groups.values():
        rows.sort(key=lambda row: (row["country"] or "~", (row["name"] or "").casefold()))
    return [(kind, groups[kind]) for kind in KIND_ORDER if kind in groups]


def _sensitivity(data: ReportData) -> dict[str, dict]:
    """scheme → {class: (relations, share)} and the total: the south-south table side by side."""
    found: dict[str, dict] = {}
    for row in data.tables["south-south"].rows:
        cell = found.setdefault(row["scheme"], {"classes": {}, "total": 0})
        cell["classes"][row["class"]] = row["relations"]
        cell["total"] += row["relations"]
    for cell in found.values():  # the share from the counts: the table's is rounded already (1/54 → 1.85 %)
        cell["classes"] = {c: (n, n / cell["total"]) for c, n in cell["classes"].items()}
    return found


def _themes(data: ReportData) -> list[tuple[str, list[dict]]]:
    rows = data.tables["portfolio"].rows
    return [(name, sorted((r for r in rows if r["dimension"] == dimension),
                          key=lambda r: (-(r["initiatives"] + r["agreements"]), r["value"] or "")))
            for dimension, name in THEMES]


def _quality(data: ReportData) -> list[dict]:
    """Each check with the names of the first records it found (the API lists them all)."""
    table = data.tables["data-quality"]
    relations = {(r.record_type, r.record.key): r for r in data.relations}

    def name_of(rid: str) -> str:
        """An actor by its name, an initiative (or its flow) by its title, an agreement by its partners."""
        kind, _, key = rid.partition(":")
        if kind == "actor":
            return data.names.get(key, key)
        if kind == "flow":
            kind, key = "initiative", key.partition("#")[0]
        relation = relations.get((kind, key))
        if relation is None:
            return key
        if kind == "initiative":
            return relation.record.title
        return " – ".join(data.names.get(k, k) for k in relation.partners) or key

    found = []
    for row, records in zip(table.rows, table.records):
        named = [name_of(rid) for rid in records[:SHOWN_IN_LISTS]]
        found.append({**row, "named": named, "more": max(0, len(records) - SHOWN_IN_LISTS)})
    return found

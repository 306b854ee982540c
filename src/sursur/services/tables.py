"""Importing a spreadsheet of records, all or nothing (or the good rows with --skip-invalid), and templates."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..domain import Dataset
from ..domain.errors import N_
from ..i18n import gettext_for
from ..interchange.problems import ImportRefused, Problem
from ..interchange.tables import KINDS, Known, read_rows, read_table, write_table
from ..interchange.tables.merge import merge
from ..interchange.tables.rows import header_map
from ..store import SaveReport, Store
from .themes import check_themes


@dataclass
class TableImport:
    file: str
    kind: str
    rows: int
    imported: int
    rejected: int
    report: SaveReport
    problems: list[Problem]
    rejected_file: Path | None = None


def _known(repo) -> Known:
    data = repo.dataset()
    return Known(actors={a.key: a for a in data.actors}, agreements={g.key for g in data.agreements},
                 initiatives={i.key: i for i in data.initiatives}, networks={n.key for n in data.networks},
                 sources={s.key: s for s in data.sources},
                 records={("agreements", g.key): g for g in data.agreements}
                 | {("practices", p.key): p for p in data.practices}
                 | {("demands", d.key): d for d in data.demands},
                 memberships={(m.actor, m.network): m for m in data.memberships})


def _repeated_keys(parsed, kind: str, file: str) -> None:
    """Two rows with the same key would silently overwrite each other: both are refused."""
    if kind in ("flows", "memberships"):
        return
    counts = Counter(record.key for _, record in parsed.records)
    for number, record in list(parsed.records):
        if counts[record.key] > 1:
            rows = [n for n, r in parsed.records if r.key == record.key]
            parsed.problems.append(Problem(file, N_("the key '{key}' is on rows {rows}; each record once"),
                                           {"key": record.key, "rows": ", ".join(map(str, rows))}, row=number))
            parsed.rejected.add(number)
    parsed.records = [(n, r) for n, r in parsed.records if n not in parsed.rejected]


def _stored(kind: str, record, known: Known, memberships: dict):
    if kind == "actors":
        return known.actors.get(record.key)
    if kind == "initiatives":
        return known.initiatives.get(record.key)
    if kind == "memberships":
        return memberships.get((record.actor, record.network))
    return known.records.get((kind, record.key))


def _dataset(kind: str, parsed, known: Known, present: set[str]) -> Dataset:
    data = Dataset(sources=list(parsed.sources.values()))
    records = [record for _, record in parsed.records]
    if kind != "flows":
        records = [merge(kind, _stored(kind, r, known, known.memberships), r, present) for r in records]
    if kind == "flows":
        by_initiative: dict[str, list] = {}
        for key, flow in records:
            by_initiative.setdefault(key, []).append(flow)
        data.initiatives = [dataclasses.replace(known.initiatives[key], flows=flows)
                            for key, flows in by_initiative.items()]
    else:
        setattr(data, kind, records)
    return data


def import_table(store: Store, path: Path, kind: str, *, skip_invalid: bool = False, lang: str = "es",
                 on_row=None) -> TableImport:
    """Reads every row, then writes in one transaction: nothing if any row is wrong (unless skip_invalid)."""
    table = read_table(path)
    with store.reading() as repo:
        known = _known(repo)
    parsed = read_rows(table, kind, known, on_row)
    _repeated_keys(parsed, kind, table.file)
    if parsed.problems and not skip_invalid:
        raise ImportRefused(parsed.problems)
    present = {column.key for column in header_map(table, kind).values()}
    data = _dataset(kind, parsed, known, present)
    check_themes(data)
    with store.transaction() as repo:
        report = repo.save(data)
    rejected_file = None
    if parsed.rejected:
        rejected_file = _write_rejected(path, table, parsed.problems, lang)
    return TableImport(table.file, kind, len(table.rows), len(parsed.records), len(parsed.rejected), report,
                       parsed.problems, rejected_file)


def _write_rejected(path: Path, table, problems: list[Problem], lang: str) -> Path:
    """The rejected rows as they were, with their problems in a last column, beside the input."""
    gettext = gettext_for(lang)
    reasons: dict[int, list[str]] = {}
    for problem in problems:
        if problem.row is not None:
            reasons.setdefault(problem.row, []).append(problem.render(gettext))
    target = path.with_name(f"{path.stem}.rejected.csv")
    rows = [[*cells, " | ".join(reasons[number])] for number, cells in table.rows if number in reasons]
    write_table(target, [*table.header, gettext("problems")], rows)
    return target


def write_template(kind: str, target: Path, lang: str = "es") -> None:
    """An empty table with the kind's columns in the user's language; XLSX adds a sheet that explains them."""
    if kind not in KINDS:
        from ..interchange.problems import refuse
        raise refuse(target.name, N_("'{kind}' is not a kind of table; use one of: {choices}"), kind=kind,
                     choices=", ".join(KINDS))
    gettext = gettext_for(lang)
    columns = KINDS[kind]
    notes = [[gettext("column"), gettext("required"), gettext("what it holds"), gettext("example")]]
    notes += [[gettext(c.header), gettext("yes") if c.required else "", gettext(c.doc), c.example] for c in columns]
    write_table(target, [gettext(c.header) for c in columns], [], notes, gettext("columns"))

"""`sursur indicators [NAME] [--actor A] [--from Y] [--to Y] [--json|--csv]`."""

from __future__ import annotations

import csv
import sys
from typing import Optional

import typer

from ..analysis.indicators import INDICATORS
from ..labels import SHARES, WORDS, value_label
from ..interchange.jsonout import indicator_json, plain
from .app import Context, app, emit_json, out, print_table, run_action

def _show(value, _, dimension: str | None = None, lang: str = "es") -> str:
    """A cell as the terminal shows it: '?' for unknown, shares in per cent, words through value_label."""
    if value is None:
        return "?"
    if dimension in SHARES:
        return f"{value * 100:.1f} %"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value_label(str(value), dimension, _, lang)


def _row(row: dict, columns: list[str], _, lang: str) -> tuple[str, ...]:
    dimension = row.get("dimension") or row.get("figure")
    return tuple(_show(row[col], _, dimension if col == "value" else col, lang) for col in columns)


@app.command()
def indicators(ctx: typer.Context, name: Optional[str] = typer.Argument(None, help=", ".join(INDICATORS)),
               actor: Optional[str] = typer.Option(None, "--actor", help="one actor (its own bodies included)"),
               start: Optional[int] = typer.Option(None, "--from", help="first year"),
               end: Optional[int] = typer.Option(None, "--to", help="last year"),
               scheme: Optional[str] = typer.Option(None, "--scheme", help="a classification scheme (south-south)"),
               as_json: bool = typer.Option(False, "--json", help="Print JSON, with the records of every row."),
               as_csv: bool = typer.Option(False, "--csv", help="Print CSV, with the records of every row.")):
    """List the indicators, or compute one (every row says which records it counts)."""
    def action(c: Context):
        if name is None:
            print_table(c._("Indicators"), (c._("name"), c._("what it measures")),
                        [(key, c._(doc)) for key, (_, doc) in INDICATORS.items()])
            return
        from ..services.indicators import run_indicator

        table = run_indicator(c.store(), name, actor, start, end, scheme)
        notes = [n.render(c._) for n in table.notes]
        if as_json:
            return emit_json(indicator_json(table, c._, actor=actor, **{"from": start, "to": end}, scheme=scheme))
        if as_csv:
            writer = csv.writer(sys.stdout)
            writer.writerow([*table.columns, "records"])
            for row, recs in zip(table.rows, table.records):
                writer.writerow([("" if row[col] is None else plain(row[col])) for col in table.columns]
                                + [";".join(recs)])
            return
        print_table(c._(WORDS.get(name, name)), tuple(_show(col, c._) for col in table.columns),
                    [_row(row, table.columns, c._, c.lang) for row in table.rows])
        for note in notes:
            out.print("· " + note, highlight=False)
    run_action(ctx, action)

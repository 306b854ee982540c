"""`sursur indicators [NAME] [--actor A] [--from Y] [--to Y] [--json|--csv]`."""

from __future__ import annotations

import csv
import sys
from typing import Optional

import typer

from ..analysis.indicators import INDICATORS
from ..domain import AgreementKind, Instrument, Modality, Role
from ..domain.classification import RelationClass
from ..domain.errors import N_
from ..labels import label
from ..reference.themes import taxonomy
from ..interchange.jsonout import plain
from .app import Context, app, emit_json, out, print_table, run_action

# What a reader sees for the machine words of indicator tables (the JSON and CSV keep the words).
WORDS = {
    "year": N_("year"), "direction": N_("direction"), "kind": N_("kind"), "currency": N_("currency"),
    "flows": N_("flows"), "amount": N_("amount"), "unknown_amounts": N_("unknown amounts"),
    "amount_usd": N_("amount in USD"), "dimension": N_("dimension"), "value": N_("value"),
    "initiatives": N_("initiatives"), "agreements": N_("agreements"), "actor": N_("actor"),
    "offered": N_("offered"), "received": N_("received"), "balance": N_("balance"),
    "offered_usd": N_("offered, USD"), "received_usd": N_("received, USD"), "balance_usd": N_("balance by value"),
    "over": N_("over"), "n": N_("n"), "hhi": N_("HHI"), "hhi_normalised": N_("normalised HHI"),
    "reading": N_("reading"), "unattributed": N_("unattributed"), "diversified": N_("diversified"),
    "moderate": N_("moderate"), "concentrated": N_("concentrated"), "partners": N_("partners"),
    "sectors": N_("sectors"), "role": N_("role"), "modality": N_("modality"), "instrument": N_("instrument"),
    "partner_kind": N_("partner kind"), "partner_country": N_("partner country"),
    "partner_region": N_("partner region"), "agreement_kind": N_("agreement kind"),
    "subnational": N_("subnational"), "national": N_("national"), "multilateral": N_("multilateral"),
    "ngo": N_("NGO"), "academic": N_("academic"), "private": N_("private"), "other": N_("other"),
    "records": N_("records"), "volumes": N_("volumes"), "portfolio": N_("portfolio"),
    "concentration": N_("concentration"),
    "not_converted": N_("not converted"), "scheme": N_("scheme"), "class": N_("class"),
    "relations": N_("relations"), "share": N_("share"), "decentralized": N_("decentralized"),
    "overridden": N_("overridden"), "south-south": N_("South–South"),
    "partner": N_("partner"), "name": N_("name"), "country": N_("country"), "area": N_("area"),
    "themes": N_("themes"), "partners-by-area": N_("partners by area"), "dual-role": N_("dual role"),
    "both_roles": N_("in role 'both'"), "dual": N_("dual"), "first_offered": N_("first year offering"),
    "first_received": N_("first year receiving"), "duration": N_("duration"), "measured": N_("measured"),
    "months_median": N_("median months"), "months_mean": N_("mean months"), "months_min": N_("min. months"),
    "months_max": N_("max. months"), "imprecise": N_("imprecise"), "unknown": N_("unknown"), "all": N_("all"),
    "cost-sharing": N_("cost-sharing"), "initiative": N_("initiative"), "basis": N_("basis"),
    "contributors": N_("contributors"), "total_usd": N_("total, USD"), "largest_share": N_("largest share"),
    "actor_usd": N_("actor, USD"), "actor_share": N_("actor's share"), "given": N_("given"),
    "committed": N_("committed"),
}


ENUMS = {"role": Role, "modality": Modality, "instrument": Instrument, "agreement_kind": AgreementKind,
         "class": RelationClass}


def _show(value, _, dimension: str | None = None, lang: str = "es") -> str:
    if value is None:
        return "?"
    if dimension in ("share", "largest_share", "actor_share"):
        return f"{value * 100:.1f} %"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    if dimension in ENUMS and text in {m.value for m in ENUMS[dimension]}:
        return label(ENUMS[dimension](text), _)
    if dimension and dimension.startswith("theme:") and taxonomy().exists(text):
        return f"{taxonomy().label(text, lang)} ({text})"
    if text.startswith("theme:"):
        return _("theme") + f" ({text[6:]})"
    return _(WORDS[text]) if text in WORDS else text


def _row(row: dict, columns: list[str], _, lang: str) -> tuple[str, ...]:
    dimension = row.get("dimension")
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
            return emit_json({"indicator": table.name, "actor": actor, "from": start, "to": end, "scheme": scheme,
                              "columns": table.columns,
                              "rows": [{**row, "records": recs} for row, recs in zip(table.rows, table.records)],
                              "notes": notes})
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

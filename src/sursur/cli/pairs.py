"""`sursur import twinnings FILE` and `sursur import members FILE --network NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..services import pairs as service
from .app import Context, out, run_action
from .data import import_app

REPORT_HELP = "where to write the ambiguous and unresolved names (default: FILE.unresolved.csv beside it)"


def _print(c: Context, report) -> None:
    saved = report.saved
    out.print(c._("{file}: {rows} rows → {pairs} pairs, {members} members; {cities} cities in {countries} "
                  "countries; merged {duplicates} duplicates and {reversed} reversed pairs; dropped {selfs} "
                  "self-pairs; {ambiguous} ambiguous and {unresolved} unresolved sides (not guessed)").format(
        file=report.file, rows=report.rows, pairs=report.pairs, members=report.members, cities=report.cities,
        countries=report.countries, duplicates=report.duplicates, reversed=report.reversed,
        selfs=len(report.self_pairs), ambiguous=report.ambiguous, unresolved=report.unresolved), highlight=False)
    if report.self_pairs:
        out.print(c._("Self-pairs dropped (a city twinned with itself), rows: {rows}").format(
            rows=", ".join(map(str, report.self_pairs[:20]))))
    out.print(c._("Written: {created} created, {updated} updated, {unchanged} unchanged").format(
        created=sum(saved.created.values()), updated=sum(saved.updated.values()),
        unchanged=sum(saved.unchanged.values())))
    if report.report_file:
        out.print(c._("Ambiguous and unresolved names, with candidates: {path}").format(path=report.report_file))


@import_app.command("twinnings")
def twinnings(ctx: typer.Context, file: Path = typer.Argument(..., help="CSV, TSV or XLSX of city pairs"),
              report: Optional[Path] = typer.Option(None, "--report", help=REPORT_HELP)):
    """Import a list of twinned cities: both sides resolved to places; duplicates and reversed pairs merged."""
    def action(c: Context):
        _print(c, service.import_twinnings(c.store(create=True, migrate=True), file, lang=c.lang, report_path=report))
    run_action(ctx, action)


@import_app.command("members")
def members(ctx: typer.Context, file: Path = typer.Argument(..., help="JSON roster or a CSV/XLSX with names"),
            network: str = typer.Option(..., "--network", help="the network's key or name, e.g. Eurocities"),
            joined: Optional[int] = typer.Option(None, "--joined", help="the year they joined, if the list says"),
            report: Optional[Path] = typer.Option(None, "--report", help=REPORT_HELP)):
    """Import a network's member list; members are resolved to places and never guessed."""
    def action(c: Context):
        _print(c, service.import_members(c.store(create=True, migrate=True), file, network, joined=joined,
                                         lang=c.lang, report_path=report))
    run_action(ctx, action)

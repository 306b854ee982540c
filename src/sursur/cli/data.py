"""`sursur template KIND OUT` and `sursur import table FILE --kind KIND`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..i18n import gettext_for
from ..interchange.tables import KINDS
from ..services import tables as service
from .app import Context, app, out, print_table, run_action

import_app = typer.Typer(help="Import data: spreadsheets of records (and, later, twinning lists, rosters, IATI).",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")


@app.command()
def template(ctx: typer.Context, kind: str = typer.Argument(..., help=", ".join(KINDS)),
             target: Path = typer.Argument(..., help="OUT.xlsx or OUT.csv")):
    """Write an empty spreadsheet with the columns of a kind of record, in your language."""
    def action(c: Context):
        service.write_template(kind, target, c.lang)
        out.print(c._("Template written: {path}").format(path=target))
        print_table(c._("Columns"), (c._("column"), c._("required"), c._("what it holds"), c._("example")),
                    [(c._(col.header), c._("yes") if col.required else "", c._(col.doc), col.example)
                     for col in KINDS[kind]])
    run_action(ctx, action)


@import_app.command("table")
def import_table(ctx: typer.Context, file: Path = typer.Argument(..., help="a .csv (UTF-8) or .xlsx file"),
                 kind: str = typer.Option(..., "--kind", help=", ".join(KINDS)),
                 skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                                   help="Write the good rows; save the rejected ones beside the file.")):
    """Import a spreadsheet of records. All or nothing, unless --skip-invalid."""
    def action(c: Context):
        store = c.store(create=True, migrate=True)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True,
                      console=out) as progress:
            task = progress.add_task(c._("Reading rows"), total=None)

            def on_row(number, total):
                progress.update(task, total=total, completed=number - 1)

            result = service.import_table(store, file, kind, skip_invalid=skip_invalid, lang=c.lang, on_row=on_row)
        report = result.report
        out.print(c._("{file}: {rows} rows; {imported} imported ({created} created, {updated} updated, "
                      "{unchanged} unchanged); {rejected} rejected").format(
            file=result.file, rows=result.rows, imported=result.imported, created=sum(report.created.values()),
            updated=sum(report.updated.values()), unchanged=sum(report.unchanged.values()), rejected=result.rejected))
        for problem in result.problems:
            out.print("  - " + problem.render(gettext_for(c.lang)), highlight=False)
        if result.rejected_file:
            out.print(c._("Rejected rows, with their reasons: {path}").format(path=result.rejected_file))
    run_action(ctx, action)


export_app = typer.Typer(help="Export data: spreadsheets, GeoJSON, GraphML/GEXF (and, later, IATI).",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("csv")
def export_csv(ctx: typer.Context, kind: str = typer.Argument(..., help=", ".join(KINDS)),
               target: Path = typer.Argument(..., help="OUT.csv")):
    """Export records in the same columns `import table` reads."""
    _export_table(ctx, kind, target)


@export_app.command("xlsx")
def export_xlsx(ctx: typer.Context, kind: str = typer.Argument(..., help=", ".join(KINDS)),
                target: Path = typer.Argument(..., help="OUT.xlsx")):
    """Export records in the same columns `import table` reads."""
    _export_table(ctx, kind, target)


def _export_table(ctx, kind, target):
    from ..services import exports

    def action(c: Context):
        count = exports.export_table(c.store(), kind, target)
        out.print(c._("{count} rows written to {path}").format(count=count, path=target))
    run_action(ctx, action)


@export_app.command("geojson")
def export_geojson(ctx: typer.Context, target: Path = typer.Argument(..., help="OUT.geojson"),
                   scheme: Optional[str] = typer.Option(None, "--scheme", help="classification rule for the lines")):
    """Actors as points and relations as lines, with their classification (for QGIS or a web map)."""
    from ..services import exports

    def action(c: Context):
        count = exports.export_geojson(c.store(), target, scheme)
        out.print(c._("{count} features written to {path}").format(count=count, path=target))
    run_action(ctx, action)


@export_app.command("graphml")
def export_graphml(ctx: typer.Context, target: Path = typer.Argument(..., help="OUT.graphml"),
                   scheme: Optional[str] = typer.Option(None, "--scheme")):
    """The relation graph (actors as nodes, relations as edges) for Gephi or networkx."""
    _export_graph(ctx, target, "graphml", scheme)


@export_app.command("gexf")
def export_gexf(ctx: typer.Context, target: Path = typer.Argument(..., help="OUT.gexf"),
                scheme: Optional[str] = typer.Option(None, "--scheme")):
    """The relation graph in Gephi's GEXF format."""
    _export_graph(ctx, target, "gexf", scheme)


def _export_graph(ctx, target, fmt, scheme):
    from ..services import exports

    def action(c: Context):
        nodes, edges = exports.export_graph(c.store(), target, fmt, scheme)
        out.print(c._("{nodes} nodes and {edges} edges written to {path}").format(nodes=nodes, edges=edges,
                                                                                path=target))
    run_action(ctx, action)

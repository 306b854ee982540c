"""`sursur import iati FILE...`: IATI 2.01–2.03 activity files, streamed and validated."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

from ..i18n import gettext_for
from ..services.iati import import_iati
from .app import Context, out, print_table, run_action
from .data import import_app


@import_app.command("iati")
def iati(ctx: typer.Context, files: list[Path] = typer.Argument(..., help="IATI activity XML files"),
         skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                           help="Import the valid activities; report the invalid ones.")):
    """Import IATI activity files. All or nothing, unless --skip-invalid; never half an activity."""
    def action(c: Context):
        store = c.store(create=True, migrate=True)
        with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), transient=True,
                      console=out) as progress:
            tasks: dict[str, int] = {}

            def on_progress(file, activities, done, total):
                if file not in tasks:
                    tasks[file] = progress.add_task(file, total=total)
                progress.update(tasks[file], completed=done)

            report = import_iati(store, files, skip_invalid=skip_invalid, progress=on_progress)
        gettext = gettext_for(c.lang)
        print_table(c._("IATI files"), (c._("File"), c._("Activities"), c._("Imported"), c._("Refused"),
                                        c._("Actors"), c._("Flows")),
                    [(f.file, str(f.activities), str(f.imported), str(f.refused), str(f.actors), str(f.flows))
                     for f in report.files])
        for problem in report.problems[:50]:
            out.print("  - " + problem.render(gettext), highlight=False)
        if report.warnings:
            out.print(c._("{count} details were left out of imported activities (e.g. negative transactions); "
                          "first ones:").format(count=len(report.warnings)))
            for warning in report.warnings[:10]:
                out.print("  · " + warning.render(gettext), highlight=False)
    run_action(ctx, action)

"""`sursur import iati FILE...` (IATI 2.01–2.03, streamed and validated) and `sursur export iati OUT.xml`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

from ..i18n import gettext_for
from ..services.iati import import_iati
from .app import Context, out, print_table, run_action
from .data import export_app, import_app


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


@export_app.command("iati")
def export_iati(ctx: typer.Context, target: Path = typer.Argument(..., help="OUT.xml"),
                actor: Optional[str] = typer.Option(None, "--actor", help="only the initiatives this actor "
                                                    "takes part in; it reports those no one else reported"),
                scheme: Optional[str] = typer.Option(None, "--scheme", help="classification written as a tag"),
                public_url: Optional[str] = typer.Option(None, "--public-url", envvar="SURSUR_PUBLIC_URL",
                                                         help="the observatory's public address, for the "
                                                              "tag's link to the methodology")):
    """Write initiatives as an IATI 2.03 activity file (valid against the IATI schema)."""
    from ..services.exports import LOCAL_SERVER, export_iati as export

    def action(c: Context):
        written = export(c.store(), target, actor=actor, scheme=scheme, public_url=public_url)
        gettext = gettext_for(c.lang)
        out.print(c._("{count} activities written to {path}").format(count=written.activities, path=target))
        if written.left_out:
            out.print(c._("{count} initiatives left out, because IATI needs what they lack:").format(
                count=len(written.left_out)))
            for problem in written.left_out:
                out.print("  - " + problem.render(gettext), highlight=False)
        for warning in written.warnings[:20]:
            out.print("  · " + warning.render(gettext), highlight=False)
        if len(written.warnings) > 20:
            out.print("  " + c._("… and {more} more").format(more=len(written.warnings) - 20))
        if written.local_refs:
            out.print(c._("{count} organisations have no IATI organisation identifier ({keys}); the file gives "
                          "them local refs XX-SURSUR-<key>. Before publishing to the IATI Registry, record their "
                          "identifiers (column 'IATI identifier' of the actors table; see org-id.guide)").format(
                count=len(written.local_refs), keys=", ".join(sorted(written.local_refs)[:8])))
        if not public_url:
            out.print(c._("The classification tags link to {url}; give --public-url with the observatory's "
                          "public address before publishing").format(url=LOCAL_SERVER + "/methodology"))
    run_action(ctx, action)

"""`sursur report --actor A --out informe.pdf|informe.html [--lang] [--from] [--to] [--scheme]`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from ..analysis.schemes import DEFAULT_SCHEME
from ..domain.errors import N_
from ..domain.language import LANGUAGES
from ..i18n import gettext_for, normalize_lang
from ..services.explore import BadFilter, filters_from
from .app import Context, app, out, run_action


@app.command()
def report(ctx: typer.Context,
           actor: str = typer.Option(..., "--actor", help="The actor, by key or name (e.g. medellin)."),
           output: Path = typer.Option(..., "--out", help="The file to write: informe.pdf or informe.html."),
           lang: Optional[str] = typer.Option(None, "--lang", help="es, en or pt (default: the global --lang)."),
           start: Optional[int] = typer.Option(None, "--from", help="First year (default: every recorded year)."),
           end: Optional[int] = typer.Option(None, "--to", help="Last year."),
           scheme: str = typer.Option(DEFAULT_SCHEME, "--scheme", help="The South–South rule the report uses.")):
    """Write an actor's cooperation report (cover, key figures, Tablas 1 and 2, volumes, map, networks,
    South–South under every scheme, balance, themes, concentration, lists, data quality, method, sources)."""
    def action(c: Context):
        if lang:  # the report's language is the command's too: its messages and its errors
            if lang.strip().lower() not in LANGUAGES:
                raise BadFilter("--lang", N_("{parameter}: '{value}' is not one of: {choices}"), value=lang,
                                choices=", ".join(LANGUAGES))
            c.lang = normalize_lang(lang)
            c._ = gettext_for(c.lang)
        from ..reports import write_report
        from ..reports.output import check_report_path
        from ..services.reports import build_report

        check_report_path(output)  # a wrong name or folder is refused before anything is read
        # The years and the scheme checked as the web's report and Explore check them.
        asked = filters_from({"from": None if start is None else str(start), "to": None if end is None else str(end),
                              "scheme": scheme.strip().lower()})
        began = time.perf_counter()
        data = build_report(c.store(), actor, asked.year_from, asked.year_to, asked.scheme)
        written = write_report(data, output, c.lang)
        out.print(c._("Report of {name} written to {path} ({size} KB, {seconds:.1f} s)").format(
            name=data.actor.name, path=written, size=max(1, written.stat().st_size // 1024),
            seconds=time.perf_counter() - began), highlight=False)
        if data.empty:
            out.print(c._("sursur holds no initiative or agreement of {name} in this period: the report says "
                          "so and stays short").format(name=data.actor.name), highlight=False)
    run_action(ctx, action)

"""`sursur demo generate`: a synthetic database for scale work (see docs/DEMO.md)."""

from __future__ import annotations

from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..services.demo import Sizes, check_sizes, generate_demo
from .app import Context, app, out, print_table, run_action

demo_app = typer.Typer(help="Synthetic data for scale work (never mixed with real records).", no_args_is_help=True)
app.add_typer(demo_app, name="demo")


@demo_app.command("generate")
def generate(ctx: typer.Context,
             actors: int = typer.Option(20_000, "--actors", help="How many actors (at least 10)."),
             initiatives: int = typer.Option(200_000, "--initiatives", help="How many initiatives."),
             flows: int = typer.Option(1_000_000, "--flows", help="How many flows, shared out among the initiatives."),
             seed: int = typer.Option(1, "--seed", help="The same seed gives the same records."),
             db: Optional[str] = typer.Option(None, "--db", help="Database to fill (overrides the global --db); "
                                                                  "it must hold no records.")):
    """Fill an empty database with plausible, SYNTHETIC cooperation records, all citing one source that says so."""
    def action(c: Context):
        sizes = Sizes(actors=actors, initiatives=initiatives, flows=flows, seed=seed)
        check_sizes(sizes)  # before the database is opened, so bad options create no file
        store = Context(db or c.db, c.lang).store(create=True)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, console=out) as progress:
            tasks: dict[str, int] = {}
            labels = {"actors": c._("Actors"), "agreements": c._("Agreements"), "initiatives": c._("Initiatives")}

            def on_progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(labels[stage], total=total)
                progress.update(tasks[stage], completed=done)

            report = generate_demo(store, sizes, progress=on_progress)
        if not report.written:
            out.print(c._("{url} already holds the synthetic data of these options (seed {seed}); nothing was "
                          "written").format(url=report.url, seed=seed), highlight=False)
            return
        out.print(c._("Synthetic data (seed {seed}) written to {url} in {seconds:.1f} s; every record cites the "
                      "source {source}").format(seed=seed, url=report.url, seconds=report.seconds,
                                                source=sizes.source_key), highlight=False)
        print_table(c._("Records written"), (c._("Table"), c._("Rows")),
                    [(name, f"{n:,}") for name, n in report.counts.items()], count=False)
        print_table(c._("Most active actors"), (c._("Key"), c._("Name"), c._("Initiatives")),
                    [(key, name, f"{n:,}") for key, name, n in report.most_active], count=False)
    run_action(ctx, action)

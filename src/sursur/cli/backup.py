"""`sursur backup OUT` and `sursur restore FILE [--replace]` (docs/BACKUP.md)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..services import backup as service
from ..store import describe, normalize_url
from ..store.database import head_revision
from .app import Context, app, out, print_table, run_action


def _new_sqlite_file(db: str | None) -> Path | None:
    """The SQLite file a restore would create (None: it exists already, or the database is not a file)."""
    try:
        url = make_url(normalize_url(db))
    except ArgumentError:
        return None  # the store says what is wrong with it
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return None if path.exists() else path


@contextmanager
def _progress(description: str):
    """A Rich progress bar over every row; yields the callback the services call with (done, total)."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=out, disable=not out.is_terminal) as progress:
        task = progress.add_task(description, total=None)

        def on_rows(done: int, total: int) -> None:
            progress.update(task, total=total, completed=done)

        yield on_rows


def _counts(c: Context, title: str, tables: dict[str, int]) -> None:
    rows = [(name, f"{count:,}") for name, count in sorted(tables.items())]
    rows.append((c._("Total"), f"{sum(tables.values()):,}"))
    print_table(title, (c._("Table"), c._("Rows")), rows, count=False)


@app.command("backup")
def backup(ctx: typer.Context, target: Path = typer.Argument(..., help="OUT.jsonl.gz: the backup file to write")):
    """Write every record of the database to one file (gzip of JSON lines), as one consistent snapshot."""
    def action(c: Context):
        store = c.store()
        with _progress(c._("Writing the backup")) as on_rows:
            report = service.backup(store, target, on_rows=on_rows)
        out.print(c._("Backup of {url} (schema {schema}) written to {path}: {rows} rows").format(
            url=describe(store.url), schema=report.schema, path=report.path, rows=f"{report.rows:,}"),
            highlight=False, soft_wrap=True)
        _counts(c, c._("Rows written"), report.tables)
    run_action(ctx, action)


@app.command("restore")
def restore(ctx: typer.Context, source: Path = typer.Argument(..., help="a backup written by: sursur backup"),
            replace: bool = typer.Option(False, "--replace",
                                         help="Replace every record of a database that already holds some.")):
    """Load a backup into the database: all or nothing. An empty database, unless --replace."""
    def action(c: Context):
        # The file is checked before the database is opened (or created): a wrong file creates nothing.
        header = service.read_header(source)
        service.check_schema(source, header.schema, head_revision())
        created = _new_sqlite_file(c.db)
        store = c.store(create=True, migrate=True)
        try:
            with _progress(c._("Restoring the backup")) as on_rows:
                report = service.restore(store, source, replace=replace, on_rows=on_rows)
        except BaseException:
            if created is not None:  # a SQLite file this command made, to restore into: gone again
                store.close()
                created.unlink(missing_ok=True)
            raise
        message = (c._("{path} (written {written_at}) replaced the records of {url}: {rows} rows restored")
                   if report.replaced else
                   c._("{path} (written {written_at}) restored into {url}: {rows} rows"))
        out.print(message.format(path=report.path, written_at=report.written_at, url=describe(store.url),
                                 rows=f"{report.rows:,}"), highlight=False, soft_wrap=True)
        _counts(c, c._("Rows restored"), report.tables)
    run_action(ctx, action)

"""The command line's core: global options, errors, output helpers, and the record commands."""

from __future__ import annotations

import json
import sys
import time
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..domain import ActorKind
from ..domain.enums import to_enum
from ..domain.errors import N_, UserError
from ..domain.source import group_citations
from ..i18n import cli_language, gettext_for, render_error
from ..interchange.cases import available_cases
from ..interchange.jsonout import plain
from ..labels import label
from ..services import records
from ..services.cases import load_case
from ..store import Store, describe

app = typer.Typer(help="sursur: observatorio de la cooperación descentralizada Sur–Sur.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
case_app = typer.Typer(help="Built-in cases (the Medellín case from the article).", no_args_is_help=True)
actors_app = typer.Typer(help="Actors: cities, provinces, agencies, organisations.", no_args_is_help=True)
initiatives_app = typer.Typer(help="Cooperation initiatives.", no_args_is_help=True)
agreements_app = typer.Typer(help="Agreements and alliances between actors.", no_args_is_help=True)
app.add_typer(case_app, name="case")
app.add_typer(actors_app, name="actors")
app.add_typer(initiatives_app, name="initiatives")
app.add_typer(agreements_app, name="agreements")

out = Console()
err = Console(stderr=True)

USER_ERRORS = (UserError,)


class Context:
    def __init__(self, db: str | None, lang: str):
        self.db, self.lang = db, lang
        self._ = gettext_for(lang)

    def store(self, *, create: bool = False, migrate: bool = False) -> Store:
        return Store(self.db, create=create, migrate=migrate)


def _version(value: bool):
    if value:
        out.print(f"sursur {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         db: Optional[str] = typer.Option(None, "--db", envvar="SURSUR_DATABASE_URL",
                                          help="Database: a SQLite file or a URL (postgresql://user@host/db). "
                                               "Default: ./sursur.db"),
         lang: Optional[str] = typer.Option(None, "--lang", help="es (default), en or pt; or SURSUR_LANG."),
         version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")):
    ctx.obj = Context(db, cli_language(lang))


def _fail(ctx: Context, error: Exception) -> None:
    err.print(f"[red]{ctx._('Error')}:[/red] {render_error(error, ctx.lang)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def run_action(ctx: typer.Context, action):
    try:
        return action(ctx.obj)
    except USER_ERRORS as error:
        _fail(ctx.obj, error)


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(plain(data), ensure_ascii=False, indent=2) + "\n")


def print_table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]], *, count: bool = True) -> None:
    table = Table(title=f"{title} ({len(rows)})" if count else title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    out.print(table)


@app.command()
def init(ctx: typer.Context):
    """Create the database, or bring an older one up to the current schema."""
    def action(c: Context):
        store = c.store(create=True, migrate=True)
        out.print(c._("Database ready: {url} (schema {revision})").format(url=describe(store.url),
                                                                         revision=store.revision()))
    run_action(ctx, action)


@case_app.command("list")
def case_list(ctx: typer.Context):
    """List the built-in cases."""
    for name in available_cases():
        out.print(name)


@case_app.command("load")
def case_load(ctx: typer.Context, name: str = typer.Argument(..., help="Case name, e.g. medellin"),
              if_empty: bool = typer.Option(False, "--if-empty", help="Load only into an empty database.")):
    """Load a built-in case. Loading it again changes nothing."""
    def action(c: Context):
        store = c.store(create=True, migrate=True)
        started = time.perf_counter()
        result = load_case(store, name, if_empty=if_empty)
        seconds = time.perf_counter() - started
        if result.skipped_not_empty:
            out.print(c._("The database already has records; the case was not loaded."))
            return
        report = result.report
        out.print(c._("Case {case} v{version}: {created} created, {updated} updated, {unchanged} unchanged "
                      "({seconds:.2f} s)").format(case=result.case, version=result.version,
                                                  created=sum(report.created.values()),
                                                  updated=sum(report.updated.values()),
                                                  unchanged=sum(report.unchanged.values()), seconds=seconds))
    run_action(ctx, action)


def _sources(citations) -> str:
    """'espacios-2020: Tabla 1, fila 6; 3.3': each source once, then its locators."""
    return " · ".join(f"{key}: {'; '.join(locs)}" if locs else key
                      for key, locs in group_citations(citations).items())


def _list(ctx: typer.Context, as_json: bool, fetch, title: str, columns: tuple[str, ...], row) -> None:
    """The shape every `... list` command shares: fetch, then JSON or a table with actor names."""
    def action(c: Context):
        store = c.store()
        found = fetch(store)
        if as_json:
            return emit_json(found)
        names = records.actor_names(store)
        print_table(c._(title), tuple(c._(column) for column in columns),
                     [row(record, names, c._) for record in found])
    run_action(ctx, action)


@actors_app.command("list")
def actors_list(ctx: typer.Context,
                kind: Optional[str] = typer.Option(None, "--kind", help="e.g. municipality, multilateral"),
                country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-3, e.g. ARG"),
                as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List actors, with their country and source."""
    def fetch(store):
        if kind is not None:
            to_enum(ActorKind, kind, record="actors list", field="--kind")
        return records.actors(store, kind=kind, country=country)

    _list(ctx, as_json, fetch, N_("Actors"), (N_("Key"), N_("Name"), N_("Kind"), N_("Country"), N_("Source")),
          lambda a, names, _: (a.key, a.name, label(a.kind, _), a.country or "—", _sources(a.sources)))


@initiatives_app.command("list")
def initiatives_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List initiatives, with participants, roles and source."""
    def row(i, names, _):
        people = "; ".join(f"{names[p.actor] if p.actor else p.party} ({label(p.role, _)})" for p in i.participants)
        return i.key, i.title, label(i.modality, _), str(i.start or "—"), people, _sources(i.sources)

    _list(ctx, as_json, records.initiatives, N_("Initiatives"),
          (N_("Key"), N_("Title"), N_("Modality"), N_("Start"), N_("Participants"), N_("Source")), row)


@agreements_app.command("list")
def agreements_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List agreements and alliances, with their parties and source."""
    _list(ctx, as_json, records.agreements, N_("Agreements"),
          (N_("Key"), N_("Kind"), N_("Parties"), N_("Area"), N_("Source")),
          lambda g, names, _: (g.key, label(g.kind, _), "; ".join(names[p] for p in g.parties), g.area or "—",
                               _sources(g.sources)))


def _check_port_free(host: str, port: int) -> None:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UserError(N_("cannot serve on {host}:{port} ({reason}); choose another port with --port "
                               "(or: make run PORT=8001)"), host=host, port=port, reason=error.strerror) from None


@app.command()
def serve(ctx: typer.Context, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port")):
    """Serve the observatory's pages on http://HOST:PORT."""
    def action(c: Context):
        import uvicorn

        from ..web.app import create_app

        _check_port_free(host, port)
        store = c.store(create=True, migrate=True)
        out.print(c._("Serving {url} on http://{host}:{port} (Ctrl+C to stop)").format(
            url=describe(store.url), host=host, port=port))
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    run_action(ctx, action)


if __name__ == "__main__":
    app()

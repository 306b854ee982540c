"""`sursur network stats|centrality|communities|reciprocity|ego ACTOR|growth NETWORK|comembership`."""

from __future__ import annotations

import csv
import sys
from typing import Optional

import typer

from ..analysis.indicators import Table
from ..analysis.network import GRAPH_MEASURES
from ..domain.errors import N_
from ..interchange.jsonout import plain
from .app import Context, app, emit_json, out, print_table, run_action
from .indicators import _show

network_app = typer.Typer(help="Network analytics: the relation graph, centrality, communities, reciprocity, "
                               "ego networks, members over time. See docs/NETWORK.md.", no_args_is_help=True)
app.add_typer(network_app, name="network")

# What a reader sees for the machine words of network tables (the JSON and CSV keep the words).
NET_WORDS = {
    "stats": N_("relation graph"), "centrality": N_("centrality"), "communities": N_("communities"),
    "reciprocity": N_("reciprocity"), "ego": N_("ego network"), "growth": N_("members over time"),
    "comembership": N_("shared networks"),
    "measure": N_("measure"), "nodes": N_("actors (nodes)"), "ties": N_("ties"), "density": N_("density"),
    "components": N_("components"), "offer_actors": N_("actors that offer or receive"),
    "offer_arcs": N_("offer arcs (offerer → receiver)"), "expected_reciprocity": N_("ā (density of offer arcs)"),
    "reciprocity_rho": N_("ρ (Garlaschelli–Loffredo)"), "modularity": N_("modularity"),
    "degree": N_("degree"), "relations": N_("relations"), "degree_centrality": N_("degree centrality"),
    "betweenness": N_("betweenness"), "eigenvector": N_("eigenvector"), "community": N_("community"),
    "size": N_("size"), "members": N_("members"), "offerer": N_("offerer"), "receiver": N_("receiver"),
    "reciprocated": N_("reciprocated"), "stated": N_("stated"), "listed": N_("listed"), "joined": N_("joined"),
    "left": N_("left"), "shared": N_("shared"), "networks": N_("networks"), "year": N_("year"),
    "actor": N_("actor"), "partner": N_("partner"),
}

FROM = typer.Option(None, "--from", help="first year")
TO = typer.Option(None, "--to", help="last year")
BODIES = typer.Option(False, "--bodies", help="keep an actor's own bodies (an agency of a city) as nodes of their own")
JSON = typer.Option(False, "--json", help="Print JSON, with the records of every row.")
CSV = typer.Option(False, "--csv", help="Print CSV, with the records of every row.")


def _cell(value, _) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, str) and value in NET_WORDS:
        return _(NET_WORDS[value])
    return _show(value, _)


def _emit(c: Context, table: Table, as_json: bool, as_csv: bool, **about) -> None:
    notes = [n.render(c._) for n in table.notes]
    if as_json:
        return emit_json({"measure": table.name, **about, "columns": table.columns,
                          "rows": [{**row, "records": recs} for row, recs in zip(table.rows, table.records)],
                          "notes": notes})
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow([*table.columns, "records"])
        for row, recs in zip(table.rows, table.records):
            writer.writerow([_csv(row[col]) for col in table.columns] + [";".join(recs)])
        return
    title = c._(NET_WORDS[table.name])
    if about.get("actor") or about.get("network"):
        title += f": {about.get('actor') or about.get('network')}"
    print_table(title, tuple(_cell(col, c._) for col in table.columns),
                [tuple(_cell(row[col], c._) for col in table.columns) for row in table.rows])
    for note in notes:
        out.print("· " + note, highlight=False)


def _csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(plain(value))


def _graph_command(name: str):
    def command(ctx: typer.Context, start: Optional[int] = FROM, end: Optional[int] = TO,
                bodies: bool = BODIES, as_json: bool = JSON, as_csv: bool = CSV):
        def action(c: Context):
            from ..services.network import run_graph_measure

            table = run_graph_measure(c.store(), name, start, end, fold=not bodies)
            _emit(c, table, as_json, as_csv, **{"from": start, "to": end})
        run_action(ctx, action)
    command.__doc__ = GRAPH_MEASURES[name][1][0].upper() + GRAPH_MEASURES[name][1][1:] + "."
    network_app.command(name)(command)


for _name in GRAPH_MEASURES:
    _graph_command(_name)


@network_app.command()
def ego(ctx: typer.Context, actor: str = typer.Argument(..., help="the actor's key, e.g. medellin"),
        start: Optional[int] = FROM, end: Optional[int] = TO, bodies: bool = BODIES,
        as_json: bool = JSON, as_csv: bool = CSV):
    """An actor's partners and the ties among them."""
    def action(c: Context):
        from ..services.network import run_ego

        table = run_ego(c.store(), actor, start, end, fold=not bodies)
        _emit(c, table, as_json, as_csv, actor=actor, **{"from": start, "to": end})
    run_action(ctx, action)


@network_app.command()
def growth(ctx: typer.Context, network: str = typer.Argument(..., help="the network's key or name, e.g. mercociudades"),
           start: Optional[int] = FROM, end: Optional[int] = TO, as_json: bool = JSON, as_csv: bool = CSV):
    """A network's members year by year: counted by a source (stated) and recorded one by one (listed)."""
    def action(c: Context):
        from ..services.network import run_growth

        table = run_growth(c.store(), network, start, end)
        _emit(c, table, as_json, as_csv, network=network, **{"from": start, "to": end})
    run_action(ctx, action)


@network_app.command()
def comembership(ctx: typer.Context,
                 actor: Optional[str] = typer.Option(None, "--actor", help="only this actor's pairs"),
                 start: Optional[int] = FROM, end: Optional[int] = TO, bodies: bool = BODIES,
                 as_json: bool = JSON, as_csv: bool = CSV):
    """Pairs of actors that share city networks, and how many."""
    def action(c: Context):
        from ..services.network import run_comembership

        table = run_comembership(c.store(), start, end, fold=not bodies, actor=actor)
        _emit(c, table, as_json, as_csv, actor=actor, **{"from": start, "to": end})
    run_action(ctx, action)


__all__ = ["NET_WORDS", "network_app"]

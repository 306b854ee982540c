"""`sursur match --demand TEXT --actor NAME | --practice KEY [--top N] [--weights ...] [--json]`,
`sursur match reindex`."""

from __future__ import annotations

from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..domain.errors import N_, UserError
from ..interchange.jsonout import ranking_json
from .app import Context, app, emit_json, out, print_table, run_action

match_app = typer.Typer(help="Find which practice can help which city, and explain why (docs/MATCHING.md).",
                        invoke_without_command=True, no_args_is_help=False)
app.add_typer(match_app, name="match")


class MatchUsage(UserError):
    parameter = "demand"


def _value(x) -> str:
    return "?" if x is None else f"{x:.2f}"


@match_app.callback()
def match(ctx: typer.Context,
          demand: Optional[str] = typer.Option(None, "--demand", help="the need, in words (es, en or pt)"),
          actor: Optional[str] = typer.Option(None, "--actor", help="who states the need: a name or a key"),
          practice: Optional[str] = typer.Option(None, "--practice", help="a practice's key: rank the actors "
                                                                          "most likely to adopt it"),
          themes: Optional[str] = typer.Option(None, "--themes", help="theme ids separated by ';' (docs/THEMES.md)"),
          top: int = typer.Option(10, "--top", min=1, max=100, help="how many answers"),
          weights: Optional[str] = typer.Option(None, "--weights", help="e.g. text=0.5,context.income=0.4"),
          as_json: bool = typer.Option(False, "--json", help="Print JSON, with every component.")):
    """Rank practices for a demand (--demand and --actor), or actors for a practice (--practice)."""
    if ctx.invoked_subcommand is not None:
        return

    def action(c: Context):
        from ..analysis.matching import Weights
        from ..services import matching

        chosen = Weights.parse(weights)
        if practice:
            ranking = matching.match_practice(c.store(), practice, top=top, weights=chosen)
        elif demand is not None:
            if not actor:
                raise MatchUsage(N_("say who states the demand with --actor (a name or a key)"))
            wanted = tuple(t.strip() for t in (themes or "").split(";") if t.strip())
            ranking = matching.match_demand(c.store(), demand, actor, themes=wanted, top=top, weights=chosen)
        else:
            raise MatchUsage(N_("give --demand TEXT with --actor NAME, or --practice KEY; or run: sursur match "
                                "reindex"))
        if as_json:
            return emit_json(ranking_json(ranking, c.lang))
        data = ranking_json(ranking, c.lang)
        out.print(c._("Engine: {engine}. Weights: {weights}.").format(
            engine=data["engine"], weights=", ".join(f"{k}={v:g}" for k, v in data["weights"].items())),
            highlight=False)
        if ranking.query.cut:
            out.print(c._("The text was longer than the model reads: only its first {tokens} tokens were used.")
                      .format(tokens=ranking.query.tokens), highlight=False)
        title = c._("Actors for the practice {key}").format(key=practice) if practice else \
            c._("Practices for {name}").format(name=data["asker"]["name"])
        rows = []
        for r in data["results"]:
            why = [c._("words: {words}").format(words=", ".join(r["words"]))] if r["words"] else []
            if r["themes"]:
                why.append(c._("themes: {themes}").format(
                    themes=", ".join(dict.fromkeys(t["matched"]["label"] for t in r["themes"]))))
            if r["via"]:
                why.append(c._("answers its demand {key}").format(key=r["via"]))
            if r["ties"]:
                why.append(c._("already tied"))
            ctx_parts = " ".join(f"{c._(k)[:3]}={_value(v)}" for k, v in r["context"].items())
            rows.append((str(r["rank"]), f"{r['title']}\n[dim]{r['key']}[/dim]" if not practice else r["title"],
                         r["actor_name"] if not practice else r["key"], f"{r['score']:.3f}",
                         _value(r["components"]["text"]), _value(r["components"]["themes"]),
                         f"{_value(r['components']['context'])} ({ctx_parts})", "; ".join(why)))
        print_table(title, ("#", c._("practice") if not practice else c._("actor"),
                            c._("actor") if not practice else c._("key"), c._("score"), c._("text"), c._("themes"),
                            c._("context"), c._("why")), rows, count=False)
        if not rows:
            out.print(c._("No answer: there are no practices of other actors to rank."), highlight=False)
    run_action(ctx, action)


@match_app.command("reindex")
def reindex(ctx: typer.Context,
            tfidf: bool = typer.Option(False, "--tfidf", help="use the TF-IDF fallback (no vectors to store)")):
    """Compute and store the text vectors of the practices and demands whose text is new or changed."""
    def action(c: Context):
        from ..services import matching

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, console=out) as bar:
            task = bar.add_task(c._("embedding"), total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)
            report = matching.reindex(c.store(), step, prefer="tfidf" if tfidf else "auto")
        out.print(c._("Index ({engine}): {practices} practices, {demands} demands; {embedded} embedded now, "
                      "{unchanged} unchanged, {removed} removed, {cut} cut to what the model reads.").format(
                          **vars(report)), highlight=False)
    run_action(ctx, action)

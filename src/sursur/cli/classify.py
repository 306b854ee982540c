"""`sursur classify` (with --compare for the side-by-side table) and `sursur override`."""

from __future__ import annotations

from typing import Optional

import typer

from ..analysis.schemes import SCHEMES, scheme as get_scheme
from ..domain import Citation
from ..domain.classification import Override, RelationClass
from ..domain.errors import N_, UserError
from ..services import classification as service
from ..labels import POSITIONS, label
from ..services import records
from .app import Context, app, emit_json, out, print_table, run_action

CLASSES = tuple(RelationClass)  # the order tables show them in


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


def _compare(c: Context, actor: str, as_json: bool) -> None:
    result = service.compare(c.store(), actor)
    if as_json:
        return emit_json({"actor": actor, "schemes": {
            name: {"total": tally.total, "counts": {k.value: v for k, v in tally.counts.items()},
                   "shares": {k.value: tally.share(k) for k in RelationClass}}
            for name, tally in result.tallies.items()}})
    names = records.actor_names(c.store())
    total = next(iter(result.tallies.values())).total
    # Classes down, schemes across: the table stays readable in an 80-column terminal.
    print_table(c._("How South–South is {actor}? {total} relations under each scheme").format(
                    actor=names.get(actor, actor), total=total),
                (c._("Class"), *result.tallies),
                [(label(k, c._), *[f"{tally.counts[k]} · {_percent(tally.share(k))}" for tally in result.tallies.values()])
                 for k in CLASSES], count=False)
    out.print(c._("Shares are of all the actor's relations; 'Unknown' counts those with a party whose "
                  "country is not recorded."))


@app.command()
def classify(ctx: typer.Context,
             actor: Optional[str] = typer.Option(None, "--actor", help="an actor key, e.g. medellin"),
             scheme: Optional[str] = typer.Option(None, "--scheme", help=", ".join(SCHEMES)),
             compare: bool = typer.Option(False, "--compare", help="Tally the actor's relations under every scheme."),
             disagreements: bool = typer.Option(False, "--disagreements",
                                                help="Only relations whose stated or overridden class differs."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Classify agreements and initiatives as South–South, North–South, triangular..."""
    def action(c: Context):
        if compare:
            if not actor:
                raise UserError(N_("--compare needs --actor, e.g. --actor medellin"))
            return _compare(c, actor, as_json)
        chosen = get_scheme(scheme)
        store = c.store()
        found = (service.disagreements if disagreements else service.classify)(store, chosen.name, actor)
        if as_json:
            return emit_json([{"record_type": r.record_type, "key": r.key, "scheme": r.scheme,
                               "computed": r.value.value, "rule": r.reason, "decentralized": r.decentralized,
                               "stated": r.stated.value if r.stated else None,
                               "override": r.override.value if r.override else None,
                               "override_why": r.override_why,
                               "parties": [{"party": p.label, "country": p.country, "side": p.side.value,
                                            "position": p.position, "subnational": p.subnational}
                                           for p in r.parties]} for r in found])
        out.print(f"{c._('Scheme')}: [bold]{chosen.name}[/bold] — {c._(chosen.rule)}", highlight=False)

        def yes_no(flag):
            return {True: c._("yes"), False: c._("no"), None: c._("unknown")}[flag]

        print_table(c._("Relations"), (c._("Record"), c._("Computed"), c._("Stated by the source"),
                                       c._("Override"), c._("Decentralized"), c._("Parties")),
                    [(f"{r.record_type} {r.key}", label(r.value, c._),
                      label(r.stated, c._) if r.stated else "—",
                      f"{label(r.override, c._)}: {r.override_why}" if r.override else "—",
                      yes_no(r.decentralized),
                      "; ".join(f"{p.label} ({p.country or '?'}, {label(p.side, c._)}, {c._(POSITIONS[p.position])})"
                                for p in r.parties)) for r in found])
    run_action(ctx, action)


@app.command()
def override(ctx: typer.Context,
             record_type: str = typer.Argument(..., help="agreement or initiative"),
             key: str = typer.Argument(..., help="the record's key"),
             value: Optional[str] = typer.Option(None, "--value", help=", ".join(v.value for v in RelationClass)),
             why: Optional[str] = typer.Option(None, "--why", help="the justification, shown beside the class"),
             source: Optional[str] = typer.Option(None, "--source", help="key of the source that supports it"),
             at: Optional[str] = typer.Option(None, "--at", help="where in the source: page, table, section"),
             scheme: Optional[str] = typer.Option(None, "--scheme", help="only under this scheme (default: all)"),
             remove: bool = typer.Option(False, "--remove", help="Remove the override instead.")):
    """Replace a computed class with a justified, sourced one; the computed class stays visible beside it."""
    def action(c: Context):
        store = c.store()
        if remove:
            removed = service.remove_override(store, record_type, key, scheme)
            out.print(c._("{count} override(s) removed.").format(count=removed))
            return
        decided = Override(record_type, key, value or "", why or "", Citation(source or "", at), scheme)
        service.set_override(store, decided)
        out.print(c._("Override saved: {record} is {value}.").format(record=f"{record_type} {key}",
                                                                     value=label(decided.value, c._)))
    run_action(ctx, action)

"""`sursur countries show|list`: a country's names, groupings with their vintage, and its side per scheme."""

from __future__ import annotations

from typing import Optional

import typer

from ..analysis.classification import country_sides
from ..analysis.schemes import SCHEMES, scheme as get_scheme
from ..domain.classification import Side
from ..labels import label
from ..domain.language import LANGUAGES
from ..reference.countries import GROUPINGS, all_facts, facts, lists
from ..reference.country_names import country_name, resolve_country
from .app import Context, app, emit_json, out, print_table, run_action

countries_app = typer.Typer(help="Countries: names, groupings (G77, DAC list, income, M49...) and classes.",
                            no_args_is_help=True)
app.add_typer(countries_app, name="countries")



def _value(value, _):
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value) if value is not None else _("unknown")


@countries_app.command("show")
def show(ctx: typer.Context, country: str = typer.Argument(..., help="ISO code or name: MEX, México, Mexico"),
         as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """A country's names, every grouping with its vintage, and its class under every scheme."""
    def action(c: Context):
        iso3 = resolve_country(country)
        found, info, sides = facts(iso3), lists(), country_sides(iso3)
        if as_json:
            return emit_json({
                "iso3": iso3, "names": {lang: country_name(iso3, lang) for lang in LANGUAGES},
                "groupings": {field: {"value": getattr(found, field), "list": key, "vintage": info[key].vintage,
                                      "source": info[key].source} for field, key, _ in GROUPINGS},
                "oecd_joined": found.oecd_joined, "dac_joined": found.dac_joined,
                "schemes": {name: side.value for name, side in sides.items()}})
        out.print(f"[bold]{country_name(iso3, c.lang)}[/bold] ({iso3}) — "
                  + " · ".join(f"{lang}: {country_name(iso3, lang)}" for lang in LANGUAGES), highlight=False)
        print_table(c._("Groupings"), (c._("Grouping"), c._("Value"), c._("List"), c._("Vintage")),
                    [(c._(text), _value(getattr(found, field), c._), c._(info[key].title), info[key].vintage)
                     for field, key, text in GROUPINGS])
        print_table(c._("Classification schemes"), (c._("Scheme"), c._("Side"), c._("Rule")),
                    [(name, label(side, c._), c._(SCHEMES[name].rule)) for name, side in sides.items()])
    run_action(ctx, action)


@countries_app.command("list")
def list_countries(ctx: typer.Context,
                   scheme: Optional[str] = typer.Option(None, "--scheme", help="default g77-or-dac"),
                   as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Every country with its side under a scheme."""
    def action(c: Context):
        chosen = get_scheme(scheme)
        rows = [(f.iso3, country_name(f.iso3, c.lang), chosen.decide(f).value) for f in all_facts()]
        if as_json:
            return emit_json([{"iso3": i, "name": n, "side": s, "scheme": chosen.name} for i, n, s in rows])
        print_table(c._("Countries") + f" — {chosen.name}", (c._("Code"), c._("Name"), c._("Side")),
                    [(i, n, label(Side(s), c._)) for i, n, s in rows])
    run_action(ctx, action)

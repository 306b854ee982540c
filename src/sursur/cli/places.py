"""`sursur places resolve|confirm` and `sursur actors geocode`."""

from __future__ import annotations

from typing import Optional

import typer

from ..domain.errors import N_, UserError
from ..i18n import gettext_for
from ..reference.country_names import country_name
from ..services import places as service
from .app import Context, actors_app, app, emit_json, out, print_table, run_action

places_app = typer.Typer(help="Place names: resolve them to canonical places (GeoNames, ISO 3166-2).",
                         no_args_is_help=True)
app.add_typer(places_app, name="places")


def _place_row(place, score, lang):
    where = f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None else "—"
    return (place.id, place.name, place.kind, country_name(place.country, lang) or "—", place.admin1 or "—",
            where, f"{place.population:,}" if place.population else "—", f"{score:.2f}")


def _resolution_json(found, lang):
    gettext = gettext_for(lang)
    return {"query": found.query, "country": found.country, "status": found.status,
            "place": found.place, "candidates": [{"place": c.place, "score": c.score} for c in found.candidates],
            "reason": gettext(found.reason).format(**found.reason_params) if found.reason else None}


@places_app.command("resolve")
def resolve(ctx: typer.Context, name: str = typer.Argument(..., help="e.g. \"Milán\", \"Provincia de Buenos Aires\""),
            country: Optional[str] = typer.Option(None, "--country", help="in es, en or pt, or ISO: Italia, ITA"),
            near: Optional[str] = typer.Option(None, "--near", help="LAT,LON the source gives, to settle namesakes"),
            as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Resolve a place name to a canonical place; ambiguous names list their candidates (exit code 2)."""
    def action(c: Context):
        store = _optional_store(c)
        found = service.resolve(name, country, store, _point(near))
        if as_json:
            emit_json(_resolution_json(found, c.lang))
            if found.status != "resolved":
                raise typer.Exit(2)  # scripts can tell a settled answer from one a person must settle
            return
        status = {"resolved": c._("resolved"), "ambiguous": c._("ambiguous"),
                  "unresolved": c._("unresolved")}[found.status]
        out.print(f"[bold]{name}[/bold]: {status}" + (f" — {c._(found.reason).format(**found.reason_params)}"
                                                     if found.reason else ""), highlight=False)
        if found.candidates:
            print_table(c._("Candidates"), (c._("Id"), c._("Name"), c._("Kind"), c._("Country"), c._("Region"),
                                             c._("Coordinates"), c._("Population"), c._("Score")),
                        [_place_row(x.place, x.score, c.lang) for x in found.candidates])
        if found.status == "ambiguous":
            out.print(c._("To choose one: sursur places confirm \"{name}\" --place ID").format(name=name))
        if found.status != "resolved":
            raise typer.Exit(2)
    run_action(ctx, action)


def _point(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise UserError(N_("--near takes a latitude and a longitude separated by a comma, e.g. 51.48,11.97; "
                           "not '{value}'"), value=text) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UserError(N_("--near takes a latitude between -90 and 90 and a longitude between -180 and 180; "
                           "not '{value}'"), value=text)
    return lat, lon


def _optional_store(c: Context):
    """Confirmed choices live in the database; resolving works without one too."""
    from ..store import StoreError

    try:
        return c.store()
    except StoreError:
        if c.db:
            raise
        return None


@places_app.command("confirm")
def confirm(ctx: typer.Context, name: str = typer.Argument(...),
            place: str = typer.Option(..., "--place", help="the id of the right candidate, e.g. us-county:06059"),
            country: Optional[str] = typer.Option(None, "--country")):
    """Remember which place a name means; later resolutions and geocoding reuse it."""
    def action(c: Context):
        chosen = service.confirm(c.store(create=True, migrate=True), name, country, place)
        out.print(c._("From now on '{name}' means {place} ({id}).").format(name=name, place=chosen.name, id=chosen.id))
    run_action(ctx, action)


@actors_app.command("geocode")
def geocode(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Fill the place of every actor that lacks one; list what stayed ambiguous or unresolved."""
    def action(c: Context):
        report = service.geocode_actors(c.store(create=True, migrate=True))
        if as_json:
            return emit_json({
                "placed": [{"actor": a.key, "place": p, "how": how} for a, p, how in report.placed],
                "ambiguous": [{"actor": a.key, **_resolution_json(f, c.lang)} for a, f in report.ambiguous],
                "unresolved": [{"actor": a.key, **_resolution_json(f, c.lang)} for a, f in report.unresolved],
                "skipped": [{"actor": a.key, "reason": c._(why)} for a, why in report.skipped]})
        how_text = {"name": N_("by name"), "country": N_("its country"), "parent": N_("its parent's place")}
        print_table(c._("Placed"), (c._("Actor"), c._("Place"), c._("Id"), c._("How")),
                    [(a.name, p.name, p.id, c._(how_text[how])) for a, p, how in report.placed])
        print_table(c._("Ambiguous"), (c._("Actor"), c._("Candidates")),
                    [(a.name, "; ".join(f"{x.place.id} {x.place.name}" for x in f.candidates))
                     for a, f in report.ambiguous])
        print_table(c._("Unresolved"), (c._("Actor"), c._("Reason")),
                    [(a.name, c._(f.reason).format(**f.reason_params) if f.reason else "—")
                     for a, f in report.unresolved])
        out.print(c._("{count} actors without a place were not geocoded: they are not governments.").format(
            count=len(report.skipped)))
    run_action(ctx, action)

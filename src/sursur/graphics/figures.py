"""From the services' data to the drawn SVG, in the reader's language: the pages and the report draw the same.

`link` is the address of an actor's page (points on a map are links to it), or None where there is no page
to go to (a printed report).
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.classification import RelationClass
from ..formats import Formats
from ..i18n import gettext_for
from ..labels import label
from ..reference.country_names import country_name
from ..services.maps import Member, PartnerMap
from .charts import Series, bar_chart, line_chart
from .worldmap import MapLine, MapPoint, world_map


def actor_page(key: str) -> str:
    return f"/actor/{key}"


def volumes_svg(lang: str, years, series) -> str:
    _ = gettext_for(lang)
    fmt = Formats(lang)
    return bar_chart([str(y) for y in years],
                     [Series(_("offered"), "offered", [None if v is None else float(v) for v in series["offered"]]),
                      Series(_("received"), "received", [None if v is None else float(v) for v in series["received"]])],
                     title=_("Cooperation volumes by year, in USD"),
                     description=_("Amounts given (disbursements and in-kind estimates) per year, offered and "
                                   "received, converted to USD at dated rates; a year whose amounts are not all "
                                   "known is marked unknown."),
                     value_label=lambda v: fmt.number(v), unknown_label=_("amount unknown"), html_id="volumes")


def partner_map_svg(lang: str, found: PartnerMap, link: Callable[[str], str] | None = actor_page) -> str:
    _ = gettext_for(lang)
    points = [MapPoint(p.point[0], p.point[1], p.name, "partner", link and link(p.key)) for p in found.placed]
    lines = []
    if found.point:
        points.append(MapPoint(found.point[0], found.point[1], found.name, "focus", link and link(found.actor)))
        for p in found.placed:
            main = max(p.classes, key=lambda c: (len(p.classes[c]), c))
            text = "; ".join(f"{label(RelationClass(c), _)}: {len(r)}" for c, r in p.classes.items())
            lines.append(MapLine(found.point, p.point, main, f"{found.name} – {p.name}: {text}"))
    used = {line.css for line in lines} | set(found.shaded.values())
    legend = [(c.value, label(c, _)) for c in RelationClass if c.value in used]
    return world_map(points, lines, shaded=found.shaded, country_name=lambda iso: country_name(iso, lang),
                     title=_("Partners of {name}").format(name=found.name),
                     description=_("{placed} partners placed on the map, lines coloured by the class of their "
                                   "relations; {shaded} countries shaded where a partner has no place of its own")
                     .format(placed=len(found.placed), shaded=len(found.shaded)), legend=legend, html_id="partners")


def members_map_svg(lang: str, network, name: str, members: list[Member],
                    link: Callable[[str], str] | None = actor_page) -> str:
    """The article's Ilustración 1: founding members and the members since, on one map."""
    _ = gettext_for(lang)
    placed = [m for m in members if m.point]
    founder, member = _("founding member"), _("later member")
    points = [MapPoint(m.point[0], m.point[1], f"{m.name} ({founder if m.founding else member})",
                       "founder" if m.founding else "member", link and link(m.key)) for m in placed]
    # Later members first, so the founders are drawn on top of them.
    points.sort(key=lambda p: p.css == "founder")
    founders = sum(m.founding for m in members)
    return world_map(points, title=_("Members of {name}").format(name=name),
                     description=_("{founders} founding members and {others} later members listed; {placed} of them "
                                   "placed on the map").format(founders=founders, others=len(members) - founders,
                                                               placed=len(placed)),
                     legend=[("founder", _("founding member")), ("member", _("later member"))],
                     html_id=f"members-{network.key}")


def growth_svg(lang: str, network, name: str, growth) -> str:
    """Members by year: the counts the sources state, and the members listed in sursur."""
    _ = gettext_for(lang)
    fmt = Formats(lang)
    years = [row["year"] for row in growth.rows]
    return line_chart(years, [Series(_("stated by a source"), "stated", [row["stated"] for row in growth.rows]),
                              Series(_("listed in sursur"), "listed", [row["listed"] for row in growth.rows])],
                      title=_("Members of {name} by year").format(name=name),
                      description=_("The member counts the sources state, and the members recorded one by one"),
                      value_label=lambda v: fmt.number(v), unknown_label=_("not stated"),
                      html_id=f"growth-{network.key}")

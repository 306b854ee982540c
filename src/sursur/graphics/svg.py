"""Shared SVG helpers: escaping, number formatting, the accessible root element and the style sheets.

Every graphic carries its own ``<style>`` so that an SVG saved alone, or printed into a PDF, looks the
same as on the page. The rules are scoped under the root's ``ssg`` class, because a ``<style>`` inside
inline SVG applies to the whole HTML page. A page's own CSS may override them (same selectors, later).

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); lines
also differ by dash pattern and chart markers by shape, so colour never carries meaning alone.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"

# Okabe–Ito (Okabe & Ito 2008), as recommended by Wong, Nature Methods 8:441 (2011).
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
)
GREY = "#8C8C8C"

# Classification values: (stroke colour, lighter fill for countries, dash pattern for lines).
CLASSIFICATIONS: dict[str, tuple[str, str, str]] = {
    "south_south": (GREEN, "#8ACFBC", "none"),
    "north_south": (BLUE, "#8CB9DA", "7 4"),
    "south_north": (VERMILLION, "#EDB58A", "2 3"),
    "north_north": (PURPLE, "#E6BED4", "9 3 2 3"),
    "triangular": (ORANGE, "#F3CF85", "14 4"),
    "multilateral": (SKY, "#B3DDF5", "1 3 5 3"),
    "unknown": (GREY, "#C9C9C9", "3 3"),
}

# Chart series: named classes, then the generic fallback palette series-0..series-5.
SERIES_COLOURS: dict[str, str] = {"offered": BLUE, "received": ORANGE, "stated": GREEN, "listed": PURPLE}
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)
# Dash patterns by series index for line charts (solid, dashed, dotted, dash-dot, long dash, mixed).
DASHES = ("none", "7 4", "2 3", "9 3 2 3", "14 4", "1 3 5 3")

FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Liberation Sans',Arial,sans-serif"


def esc(text: object) -> str:
    """Text content, escaped for XML and HTML."""
    return escape(str(text))


def attr(value: object) -> str:
    """An attribute value with its quotes, escaped (``quoteattr``)."""
    return quoteattr(str(value))


def num(value: float) -> str:
    """A coordinate rounded to 1 decimal, without a useless ``.0`` and never ``-0``."""
    rounded = round(value, 1) + 0.0
    if rounded == 0:
        return "0"
    return f"{rounded:.1f}".removesuffix(".0")


def text_width(text: str, size: float) -> float:
    """A rough width of ``text`` in a sans-serif font (no font metrics are available on the server)."""
    return len(text) * size * 0.6


def svg_open(html_id: str, kind: str, width: float, height: float, title: str, description: str,
             style: str) -> str:
    """The root ``<svg>`` start tag, its ``<title>``/``<desc>`` (linked with aria-labelledby) and style.

    ``width="100%"`` with a ``max-width`` of the natural size lets it shrink to a phone's width without
    horizontal overflow and never blow up past its design size; ``height:auto`` keeps the ratio.
    """
    ids = f"{html_id}-title {html_id}-desc"
    return (
        f'<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" id={attr(html_id)}'
        f' class={attr("ssg ssg-" + kind)} viewBox="0 0 {num(width)} {num(height)}" width="100%"'
        f' style={attr(f"max-width:{num(width)}px;height:auto;display:block")} role="img"'
        f" aria-labelledby={attr(ids)}>"
        f"<title id={attr(html_id + '-title')}>{esc(title)}</title>"
        f"<desc id={attr(html_id + '-desc')}>{esc(description)}</desc>"
        f"<style>{style}</style>"
    )


def hatch_pattern(pattern_id: str) -> str:
    """Diagonal grey hatching, used for unknown values."""
    return (
        f"<defs><pattern id={attr(pattern_id)} width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\""
        ' patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{GREY}" stroke-width="2"/></pattern></defs>'
    )


def _common() -> str:
    return (
        f".ssg{{font-family:{FONT};font-size:13px}}"
        ".ssg text{fill:#333;stroke:none}"
        ".ssg .legend text{font-size:14px}"
    )


def map_style() -> str:
    rules = [_common(),
             ".ssg-map .legend text{font-size:17px}",
             ".ssg .sphere{fill:#F4F8FB;stroke:#C9D3DB;stroke-width:.8}",
             ".ssg .country{fill:#E2E2E2;stroke:#fff;stroke-width:.5;fill-rule:evenodd}",
             ".ssg .country.partner-country{fill:#BCDCF0}",
             ".ssg .country.focus-country{fill:#F3C79F}"]
    for name, (colour, fill, dash) in CLASSIFICATIONS.items():
        rules.append(f".ssg .country.{name}{{fill:{fill}}}")
        rules.append(f".ssg .link.{name}{{stroke:{colour};stroke-dasharray:{dash}}}")
    rules += [
        ".ssg .country.named:hover{stroke:#333;stroke-width:1}",
        ".ssg .link{fill:none;stroke:#555;stroke-width:1.8;stroke-linecap:round;opacity:.9}",
        ".ssg .link:hover{stroke-width:3.5;opacity:1}",
        f".ssg .pt{{fill:{BLUE};stroke:#fff;stroke-width:1.2}}",
        f".ssg .pt.partner{{fill:{BLUE}}}",
        f".ssg .pt.founder{{fill:{BLACK}}}",
        f".ssg .pt.member{{fill:{PURPLE}}}",
        f".ssg .pt.focus{{fill:{VERMILLION};stroke:#000;stroke-width:1.5}}",
        ".ssg a .pt:hover{stroke:#000;stroke-width:2}",
        ".ssg .legend .swatch{stroke:#999;stroke-width:.5}",
        ".ssg .legend .link{stroke-width:2.5;opacity:1}",
    ]
    return "".join(rules)


def chart_style() -> str:
    rules = [_common(),
             ".ssg .grid{stroke:#E3E3E3;stroke-width:1}",
             ".ssg .axis{stroke:#666;stroke-width:1}",
             ".ssg .frame{fill:none;stroke:#CCC;stroke-width:1}",
             ".ssg .tick{font-size:12px}",
             ".ssg .empty{font-size:15px}"]
    for i, colour in enumerate(PALETTE):
        rules.append(f".ssg .series-{i}{{fill:{colour};stroke:{colour}}}")
    for name, colour in SERIES_COLOURS.items():
        rules.append(f".ssg .{name}{{fill:{colour};stroke:{colour}}}")
    rules += [
        ".ssg .bar,.ssg .swatch{stroke-width:0}",
        ".ssg .bar.zero{stroke-width:2.5}",
        ".ssg .bar:hover{opacity:.8}",
        ".ssg path.line{fill:none;stroke-width:2.2;stroke-linejoin:round}",
        ".ssg .mark{stroke:#fff;stroke-width:1}",
        ".ssg .stub{stroke-width:1.2}",
        ".ssg text.q{font-weight:bold;font-size:13px;stroke:none}",
        ".ssg .legend .line{stroke-width:2.2}",
    ]
    return "".join(rules)

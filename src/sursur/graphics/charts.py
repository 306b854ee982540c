"""Bar and line charts as SVG markup (no JavaScript), with unknown values shown as unknown, never as 0.

An unknown value (None) gets no bar and no point: a bar chart draws a short hatched stub with a "?" in the
series' colour, a line chart a "?" on the x axis and a break in the line; both carry a <title> with
``unknown_label``. A value of 0 is a bar of height 0, drawn as a thick line on the baseline.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import svg
from .svg import attr, esc, num

__all__ = ["Series", "bar_chart", "line_chart"]


@dataclass(frozen=True)
class Series:
    name: str                       # legend label, already translated
    css: str                        # CSS class, e.g. "offered", "received", "stated", "listed"
    values: Sequence[float | None]  # one per category / x; None = unknown


MARK_SHAPES = ("circle", "square", "diamond", "triangle", "circle", "square")
LEGEND_ROW = 22


@dataclass
class _Frame:
    """The plot area and its y scale."""
    left: float
    top: float
    right: float
    bottom: float
    ticks: list[float]

    def y(self, value: float) -> float:
        lo, hi = self.ticks[0], self.ticks[-1]
        share = (value - lo) / (hi - lo) if hi > lo else 0.0
        return self.bottom - share * (self.bottom - self.top)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About ``count`` round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering [lo, hi], 0 included."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi == lo:
        return [0.0]
    step = _nice_step((hi - lo) / count)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(i * step, 10) + 0.0 for i in range(first, last + 1)]


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)


def year_ticks(lo: int, hi: int, count: int = 6) -> list[int]:
    """Round whole numbers (e.g. years 2005, 2010, …) inside [lo, hi], about ``count`` of them."""
    if hi <= lo:
        return [lo]
    step = max(1, math.ceil(_nice_step((hi - lo) / count)))
    return list(range(math.ceil(lo / step) * step, hi + 1, step))


def _check(series: Sequence[Series], n: int) -> None:
    for s in series:
        if len(s.values) != n:
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {n} categories")


def _classes(series: Sequence[Series]) -> list[str]:
    """Each series' class plus a fallback palette class ``series-N`` (which a named class overrides),
    chosen so that a series without a named class does not take the colour of one with."""
    taken = {svg.SERIES_COLOURS[c] for s in series for c in s.css.split() if c in svg.SERIES_COLOURS}
    free = [i for i, colour in enumerate(svg.PALETTE) if colour not in taken] or list(range(len(svg.PALETTE)))
    result = []
    for s in series:
        if any(c in svg.SERIES_COLOURS for c in s.css.split()):
            result.append(s.css.strip())
        else:
            result.append(f"series-{free[0]} {s.css}".strip())
            free = free[1:] + free[:1]
    return result


def _start(html_id, width, height, title, description, series, unknown_label, value_label, kind,
           values) -> tuple[list[str], _Frame | None]:
    """Root, legend and axes. The frame is None when there is nothing known to plot."""
    known = [v for v in values if v is not None]
    has_unknown = len(known) < len(values)
    out = [svg.svg_open(html_id, kind, width, height, title, description, svg.chart_style())]
    if has_unknown:
        out.append(svg.hatch_pattern(f"{html_id}-unknown"))
    rows = _legend(out, series, _classes(series), kind, width, html_id,
                   unknown_label if has_unknown else None)
    top = 22 + rows * LEGEND_ROW
    ticks = nice_ticks(min(known), max(known)) if known else [0.0]
    tick_labels = [value_label(t) for t in ticks]
    left = 14 + max(svg.text_width(label, 12) for label in tick_labels) if known else 12
    bottom = height - (44 if kind == "lines" and has_unknown else 28)  # lines: a row of "?" under the axis
    frame = _Frame(left, top, width - 14, bottom, ticks)
    if not known:
        out.append(f'<rect class="frame" x="{num(frame.left)}" y="{num(frame.top)}"'
                   f' width="{num(frame.right - frame.left)}" height="{num(frame.bottom - frame.top)}"/>'
                   f'<text class="empty" x="{num((frame.left + frame.right) / 2)}"'
                   f' y="{num((frame.top + frame.bottom) / 2)}" text-anchor="middle"'
                   f' dominant-baseline="middle">{esc(unknown_label)}</text>')
        return out, None
    if len(ticks) == 1:  # everything is 0: put 0 on the baseline
        frame.ticks = [0.0, 1.0]
    out.append('<g class="y-axis">')
    for tick, label in zip(ticks, tick_labels):
        y = num(frame.y(tick))
        out.append(f'<line class="grid" x1="{num(frame.left)}" x2="{num(frame.right)}" y1="{y}" y2="{y}"/>'
                   f'<text class="tick" x="{num(frame.left - 6)}" y="{y}" text-anchor="end"'
                   f' dominant-baseline="middle">{esc(label)}</text>')
    zero = num(frame.y(0.0))
    out.append(f'</g><line class="axis" x1="{num(frame.left)}" x2="{num(frame.right)}" y1="{zero}"'
               f' y2="{zero}"/>')
    return out, frame


def _legend(out: list[str], series: Sequence[Series], classes: list[str], kind: str, width: float,
            html_id: str, unknown_label: str | None) -> int:
    """Legend entries along the top, wrapped; returns the number of rows."""
    entries = [(i, s.name) for i, s in enumerate(series)]
    if unknown_label is not None:
        entries.append((-1, unknown_label))
    if not entries:
        return 0
    out.append('<g class="legend">')
    x, row = 12.0, 0
    for index, label in entries:
        needed = 30 + svg.text_width(label, 14)
        if x + needed > width - 8 and x > 12:
            x, row = 12.0, row + 1
        y = 14 + row * LEGEND_ROW
        if index < 0 and kind == "bars":
            out.append(f'<rect x="{num(x)}" y="{num(y - 7)}" width="20" height="14" stroke="{svg.GREY}"'
                       f" style={_hatch(html_id)}/>")
        elif index < 0:
            out.append(f'<text class="q" x="{num(x + 11)}" y="{num(y)}" text-anchor="middle"'
                       ' dominant-baseline="middle">?</text>')
        elif kind == "bars":
            out.append(f"<rect class={attr('swatch ' + classes[index])} x=\"{num(x)}\""
                       f' y="{num(y - 7)}" width="20" height="14"/>')
        else:
            css = classes[index]
            dash = svg.DASHES[index % len(svg.DASHES)]
            out.append(f"<path class={attr('line ' + css)} d=\"M{num(x)},{num(y)}h22\""
                       f' stroke-dasharray="{dash}"/>{_mark(index, css, x + 11, y, "")}')
        out.append(f'<text x="{num(x + 28)}" y="{num(y)}" dominant-baseline="middle">{esc(label)}</text>')
        x += needed + 16
    out.append("</g>")
    return row + 1


def _hatch(html_id: str) -> str:
    return attr(f"fill:url(#{html_id}-unknown)")


def _every(labels: Sequence[str], room: float) -> int:
    """Label every n-th position so that labels do not overlap."""
    widest = max((svg.text_width(label, 12) for label in labels), default=0) + 8
    return max(1, math.ceil(widest / room)) if room > 0 else 1


def bar_chart(categories: Sequence[str], series: Sequence[Series], *, title: str, description: str,
              value_label: Callable[[float], str], unknown_label: str, width: int = 720, height: int = 320,
              html_id: str = "chart") -> str:
    """Grouped vertical bars: one group per category, one bar per series, y axis from 0 with ~5 round
    ticks labelled with ``value_label``. Every bar has a <title> "series · category: value"."""
    _check(series, len(categories))
    values = [v for s in series for v in s.values]
    out, frame = _start(html_id, width, height, title, description, series, unknown_label, value_label,
                        "bars", values)
    if frame is None:
        return "".join(out) + "</svg>"
    band = (frame.right - frame.left) / len(categories)
    bar = min(band * 0.8 / max(len(series), 1), 48.0)
    zero = frame.y(0.0)
    every = _every(categories, band)
    classes = _classes(series)
    out.append('<g class="bars">')
    for c, category in enumerate(categories):
        start = frame.left + c * band + (band - bar * len(series)) / 2
        for i, s in enumerate(series):
            x, value, css = start + i * bar, s.values[c], classes[i]
            label = f"{s.name} · {category}: "
            if value is None:
                stub = min(12.0, (frame.bottom - frame.top) / 4)
                out.append(f"<g class={attr('unknown ' + css)}><title>{esc(label + unknown_label)}</title>"
                           f'<rect class="stub" x="{num(x + 1)}" y="{num(zero - stub)}"'
                           f' width="{num(max(bar - 2, 1))}" height="{num(stub)}"'
                           f" style={_hatch(html_id)}/>"
                           f'<text class="q" x="{num(x + bar / 2)}" y="{num(zero - stub - 4)}"'
                           ' text-anchor="middle">?</text></g>')
                continue
            tip = f"<title>{esc(label + value_label(value))}</title>"
            if value == 0:  # a rect of height 0 is not drawn at all: a line on the baseline instead
                out.append(f"<path class={attr('bar zero ' + css)} d=\"M{num(x + 1.5)},{num(zero)}"
                           f'h{num(max(bar - 3, 1))}">{tip}</path>')
                continue
            y = frame.y(value)
            out.append(f"<rect class={attr('bar ' + css)} x=\"{num(x + 0.5)}\""
                       f' y="{num(min(y, zero))}" width="{num(max(bar - 1, 1))}"'
                       f' height="{num(abs(zero - y))}">{tip}</rect>')
        if c % every == 0:
            out.append(f'<text class="tick" x="{num(frame.left + (c + 0.5) * band)}"'
                       f' y="{num(height - 10)}" text-anchor="middle">{esc(category)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def _mark(index: int, css: str, x: float, y: float, inner: str) -> str:
    shape, cls = MARK_SHAPES[index % len(MARK_SHAPES)], attr("mark " + css)
    if shape == "circle":
        return f'<circle class={cls} cx="{num(x)}" cy="{num(y)}" r="4.5">{inner}</circle>'
    if shape == "square":
        return f'<rect class={cls} x="{num(x - 4)}" y="{num(y - 4)}" width="8" height="8">{inner}</rect>'
    if shape == "diamond":
        d = f"M{num(x)},{num(y - 5.5)}l5.5,5.5 -5.5,5.5 -5.5,-5.5z"
    else:
        d = f"M{num(x)},{num(y - 5.5)}l5.5,9 -11,0z"
    return f'<path class={cls} d="{d}">{inner}</path>'


def line_chart(xs: Sequence[int], series: Sequence[Series], *, title: str, description: str,
               value_label: Callable[[float], str], unknown_label: str, width: int = 720, height: int = 320,
               html_id: str = "chart") -> str:
    """Points joined by lines; x is scaled by value (years may be irregular). None values are not drawn,
    break the line and show a "?" on the x axis. Every point and "?" has a <title>."""
    _check(series, len(xs))
    values = [v for s in series for v in s.values]
    out, frame = _start(html_id, width, height, title, description, series, unknown_label, value_label,
                        "lines", values)
    if frame is None:
        return "".join(out) + "</svg>"
    lo, hi = min(xs), max(xs)
    inner_left, inner_right = frame.left + 18, frame.right - 18

    def px(x: float) -> float:
        return (inner_left + inner_right) / 2 if hi == lo else inner_left + (x - lo) / (hi - lo) * (
            inner_right - inner_left)

    distinct = sorted(set(xs))
    labelled = distinct if len(distinct) <= 12 else year_ticks(lo, hi)
    out.append('<g class="x-axis">')
    last = -math.inf
    for x in labelled:
        if px(x) - last < svg.text_width(str(x), 12) + 6:
            continue  # too close to the previous label
        last = px(x)
        out.append(f'<text class="tick" x="{num(px(x))}" y="{num(height - 10)}"'
                   f' text-anchor="middle">{esc(x)}</text>')
    out.append('</g><g class="lines">')
    order = sorted(range(len(xs)), key=lambda k: xs[k])
    classes = _classes(series)
    for i, s in enumerate(series):
        css, dash = classes[i], svg.DASHES[i % len(svg.DASHES)]
        runs, run = [], []
        for k in order:
            if s.values[k] is None:
                runs, run = runs + [run], []
            else:
                run.append(f"{num(px(xs[k]))},{num(frame.y(s.values[k]))}")
        for r in [*runs, run]:
            if len(r) >= 2:
                out.append(f"<path class={attr('line ' + css)} d=\"M{'L'.join(r)}\""
                           f' stroke-dasharray="{dash}"/>')
    for i, s in enumerate(series):
        css = classes[i]
        for k in order:
            value, tip = s.values[k], f"{s.name} · {xs[k]}: "
            if value is None:
                # Below the x axis, side by side when several series are unknown at the same x.
                shift = (i - (len(series) - 1) / 2) * 9
                out.append(f"<text class={attr('q ' + css)} x=\"{num(px(xs[k]) + shift)}\""
                           f' y="{num(frame.bottom + 15)}" text-anchor="middle">'
                           f"<title>{esc(tip + unknown_label)}</title>?</text>")
            else:
                out.append(_mark(i, css, px(xs[k]), frame.y(value),
                                 f"<title>{esc(tip + value_label(value))}</title>"))
    out.append("</g></svg>")
    return "".join(out)

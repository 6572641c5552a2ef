"""Line charts and sparklines over periods, drawn as SVG on the server."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from .colours import LINE_COLOURS, line_colour
from .frame import Caption, footer, header
from .svg import Element, el, escape_text, number, svg_document
from .ticks import nice_ticks, plain_number

NumberFormat = Callable[[float, int], str]


@dataclass
class Line:
    """One series: its label in the legend and its (period, value) points in period order."""

    label: str
    points: list[tuple[str, float]]


def sparkline_svg(
    points: Sequence[tuple[str, float]], *, width: int = 96, height: int = 24, label: str = ""
) -> SafeString:
    """A small trend line with its last point marked; `label` is read by screen readers."""
    return mark_safe(sparkline_text(points, width=width, height=height, label=label))  # noqa: S308


def sparkline_text(
    points: Sequence[tuple[str, float]], *, width: int = 96, height: int = 24, label: str = ""
) -> str:
    """`sparkline_svg` as a plain str, every value in it escaped: for a caller that writes
    hundreds into one page's markup (a SafeString is an object the cyclic garbage
    collector tracks, a str is not; and `mark_safe` checks its argument for lazy text).

    Written as text rather than through the element builder: a national profile draws 300
    of them, and the builder's tree cost 0.15 ms each (45 ms of the page). The coordinates
    are `svg.number`'s, all written by one %-format (its two calls a point were a third of the
    cost, the formatting one by one another)."""
    values = [float(v) for _p, v in points]
    width, height = int(width), int(height)  # only numbers and the escaped label reach the text
    text = _label_text(label) if type(label) is str else escape_text(label)
    size = f'class="sparkline" width="{width}" height="{height}"'
    if len(values) < 2:
        return f'<svg {size} role="img" aria-label="{text}"/>'
    low, high = min(values), max(values)
    scale = (height - 4) / ((high - low) or 1.0)
    bottom = height - 2
    # Every y in one % of the points' format (their x written in it already): `number`'s
    # one decimal, a trailing ".0" dropped — each y is followed by a space, and ".0 " is
    # only ever a y's end (an x is followed by a comma).
    ys = tuple([bottom - (v - low) * scale for v in values])
    path = (_sparkline_format(len(values), width) % ys).replace(".0 ", " ")[:-1]
    last_x, last_y = path.rsplit(" ", 1)[-1].split(",")
    return (
        f'<svg {size} viewBox="0 0 {width} {height}" role="img" aria-label="{text}">'
        f'<title>{text}</title><polyline fill="none" stroke="currentColor" stroke-width="1.5" '
        f'points="{path}"/><circle cx="{last_x}" cy="{last_y}" r="2" '
        'fill="currentColor"/></svg>'
    )


@functools.lru_cache(maxsize=4096)
def _label_text(label: str) -> str:
    """`escape_text` of a plain label (a profile repeats each indicator's on every page)."""
    return escape_text(label)


@functools.lru_cache(maxsize=64)
def _sparkline_format(count: int, width: int) -> str:
    """ "x0,%.1f x1,%.1f … ": the points of a sparkline of `count` points, their x (the same
    on every line) written, each y a placeholder followed by a space."""
    step = (width - 4) / (count - 1)
    return "".join(f"{number(2 + i * step)},%.1f " for i in range(count))


def line_chart_svg(
    lines: Sequence[Line],
    *,
    title: str,
    y_label: str = "",
    decimals: int = 1,
    number_format: NumberFormat = plain_number,
    width: int = 720,
    height: int = 320,
    caption: Caption | None = None,
    marks: Sequence[tuple[str, str]] = (),
) -> SafeString:
    """Several series over shared periods: a value axis whose ticks cover every value and are
    labelled exactly (`number_format(value, decimals)`), period labels, a legend below. With
    a `caption`, its title and lines head the chart and its notes close it. Each of `marks`
    ((period, label)) is a dashed vertical line just before that period, labelled (a break
    in the series, explained in a note)."""
    head, head_h = header(caption, width=width) if caption else ([], 0.0)
    plot = _plot(lines, y_label=y_label, decimals=decimals, number_format=number_format,
                 width=width, height=height, marks=marks)  # fmt: skip
    foot, foot_h = footer(caption, top=head_h + height, width=width) if caption else ([], 0.0)
    total = round(head_h + height + foot_h)
    return svg_document(
        el("rect", width=width, height=total, fill="#fff"),
        *head,
        el("g", *plot, transform=f"translate(0 {number(head_h)})") if head_h else el("g", *plot),
        *foot,
        width=width,
        height=total,
        title=title,
        class_="chart",
        font_family="sans-serif",
        font_size=11,
    )


def _plot(
    lines: Sequence[Line],
    *,
    y_label: str,
    decimals: int,
    number_format: NumberFormat,
    width: int,
    height: int,
    marks: Sequence[tuple[str, str]] = (),
) -> list[Element]:
    """The axes, grid, lines and legend of the chart, in a box of width × height."""
    periods = sorted({p for line in lines for p, _v in line.points})
    values = [v for line in lines for _p, v in line.points]
    legend_rows = math.ceil(len(lines) / 3) if lines else 0
    left, right, top, bottom = 64, 16, 28, 48 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    if not periods:
        return [el("text", "—", x=left, y=top + 20)]

    ticks = nice_ticks(min(values), max(values), decimals=decimals)
    y_low, y_high = ticks[0], ticks[-1]
    y_span = (y_high - y_low) or 1.0
    x_step = plot_w / max(len(periods) - 1, 1)
    x_of = {
        p: left + (i * x_step if len(periods) > 1 else plot_w / 2) for i, p in enumerate(periods)
    }

    def y_of(value: float) -> float:
        return top + plot_h - (value - y_low) / y_span * plot_h

    parts: list[Element] = []
    for tick in ticks:
        y = float(y_of(tick))
        parts.append(
            el("line", x1=left, x2=left + plot_w, y1=y, y2=y, stroke="#ddd", class_="grid")
        )
        parts.append(
            el(
                "text",
                number_format(tick, decimals),
                x=left - 6,
                y=y + 4,
                text_anchor="end",
                class_="tick",
            )
        )
    label_every = max(1, math.ceil(len(periods) / 12))
    for i, period in enumerate(periods):
        if i % label_every == 0 or i == len(periods) - 1:
            parts.append(
                el(
                    "text",
                    period,
                    x=float(x_of[period]),
                    y=top + plot_h + 16,
                    text_anchor="middle",
                )
            )
    parts.append(el("line", x1=left, x2=left, y1=top, y2=top + plot_h, stroke="#333"))
    parts.append(
        el("line", x1=left, x2=left + plot_w, y1=top + plot_h, y2=top + plot_h, stroke="#333")
    )
    if y_label:
        parts.append(el("text", y_label, x=4, y=top - 10))
    for period, label in marks:
        if period not in x_of:
            continue
        x = float(x_of[period] - (x_step / 2 if period != periods[0] else 0))
        parts.append(
            el(
                "line",
                x1=x,
                x2=x,
                y1=top,
                y2=top + plot_h,
                stroke="#a3002a",
                stroke_dasharray="5 3",
                class_="break",
            )  # fmt: skip
        )
        parts.append(el("text", label, x=x + 3, y=top + 10, fill="#a3002a", class_="break-mark"))
    for n, line in enumerate(lines):
        colour = line_colour(n)
        dash = None if n < len(LINE_COLOURS) else "4 3"
        coords = [(x_of[p], y_of(v)) for p, v in line.points]
        if len(coords) > 1:
            parts.append(
                el(
                    "polyline",
                    fill="none",
                    stroke=colour,
                    stroke_width=2,
                    stroke_dasharray=dash,
                    points=_path(coords),
                )
            )
        for (period, value), (x, y) in zip(line.points, coords, strict=True):
            tip = f"{line.label} {period}: {number_format(value, decimals)}"
            parts.append(el("circle", el("title", tip), cx=float(x), cy=float(y), r=3, fill=colour))
        lx = float(left + (n % 3) * (plot_w / 3))
        ly = top + plot_h + 36 + (n // 3) * 18
        parts.append(el("rect", x=lx, y=ly - 9, width=14, height=4, fill=colour))
        parts.append(el("text", line.label, class_="legend", x=lx + 20, y=ly - 4))
    return parts


def _path(coords: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{number(x)},{number(y)}" for x, y in coords)

"""Charts and maps drawn as SVG on the server: no charting library, works without JavaScript,
prints, and can be saved as a file or embedded in a report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

# Colour-blind-safe line colours (Okabe–Ito).
LINE_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
# Classes from worst to best (red → green, ColorBrewer RdYlGn) and a neutral blue ramp.
BAD_TO_GOOD = {
    2: ["#d7191c", "#1a9641"],
    3: ["#fc8d59", "#ffffbf", "#91cf60"],
    4: ["#d7191c", "#fdae61", "#a6d96a", "#1a9641"],
    5: ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"],
    6: ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"],
    7: ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"],
}
NEUTRAL_RAMP = {
    2: ["#deebf7", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
}
GROUP_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
NO_DATA = "#cccccc"


def class_colours(k: int, direction: str) -> list[str]:
    """Colours for classes 0..k-1 in ascending value order, good end green."""
    k = max(2, min(7, k))
    if direction == "neutral":
        return list(NEUTRAL_RAMP[k])
    colours = list(BAD_TO_GOOD[k])
    return colours if direction == "higher" else colours[::-1]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def sparkline_svg(
    points: Sequence[tuple[str, float]], *, width: int = 96, height: int = 24, label: str = ""
) -> str:
    """A small trend line; the last point is marked. `label` is read by screen readers."""
    values = [v for _p, v in points]
    title = escape(label or "")
    if len(values) < 2:
        return (
            f'<svg class="sparkline" width="{width}" height="{height}" role="img" '
            f'aria-label="{title}"></svg>'
        )
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    coords = [
        (2 + i * step, height - 2 - (v - low) / span * (height - 4)) for i, v in enumerate(values)
    ]
    path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
    last_x, last_y = coords[-1]
    return (
        f'<svg class="sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{title}"><title>{title}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{path}"/>'
        f'<circle cx="{_num(last_x)}" cy="{_num(last_y)}" r="2" fill="currentColor"/></svg>'
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    tick = start
    while tick <= high + step * 0.5:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


@dataclass
class Line:
    label: str
    points: list[tuple[str, float]]


def line_chart_svg(
    lines: Sequence[Line],
    *,
    title: str,
    y_label: str = "",
    width: int = 720,
    height: int = 320,
    number=_num,
) -> str:
    """Several series over shared periods: axes with labels, a legend below the plot."""
    periods = sorted({p for line in lines for p, _v in line.points})
    values = [v for line in lines for _p, v in line.points]
    legend_rows = math.ceil(len(lines) / 3) if lines else 0
    left, right, top, bottom = 64, 16, 28, 48 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="sans-serif" '
        f'font-size="11"><title>{escape(title)}</title>'
        f'<rect width="{width}" height="{height}" fill="#fff"/>'
    ]
    if not periods:
        parts.append(f'<text x="{left}" y="{top + 20}">—</text></svg>')
        return "".join(parts)
    ticks = nice_ticks(min(values), max(values))
    y_low, y_high = ticks[0], ticks[-1]
    y_span = (y_high - y_low) or 1.0
    x_step = plot_w / max(len(periods) - 1, 1)
    x_of = {
        p: left + (i * x_step if len(periods) > 1 else plot_w / 2) for i, p in enumerate(periods)
    }

    def y_of(value: float) -> float:
        return top + plot_h - (value - y_low) / y_span * plot_h

    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{_num(y)}" y2="{_num(y)}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{_num(y + 4)}" text-anchor="end">{escape(number(tick))}</text>'
        )
    label_every = max(1, math.ceil(len(periods) / 12))
    for i, period in enumerate(periods):
        if i % label_every == 0 or i == len(periods) - 1:
            parts.append(
                f'<text x="{_num(x_of[period])}" y="{top + plot_h + 16}" '
                f'text-anchor="middle">{escape(period)}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#333"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="#333"/>'
    )
    if y_label:
        parts.append(f'<text x="4" y="{top - 10}">{escape(y_label)}</text>')
    for n, line in enumerate(lines):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        dash = "" if n < len(LINE_COLOURS) else ' stroke-dasharray="4 3"'
        coords = [(x_of[p], y_of(v)) for p, v in line.points]
        if len(coords) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{path}"/>'
            )
        for (period, value), (x, y) in zip(line.points, coords, strict=True):
            parts.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{colour}">'
                f"<title>{escape(line.label)} {escape(period)}: {escape(number(value))}</title>"
                f"</circle>"
            )
        lx = left + (n % 3) * (plot_w / 3)
        ly = top + plot_h + 36 + (n // 3) * 18
        parts.append(
            f'<rect x="{_num(lx)}" y="{ly - 9}" width="14" height="4" fill="{colour}"/>'
            f'<text class="legend" x="{_num(lx + 20)}" y="{ly - 4}">{escape(line.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- maps ----------------------------------------------------------------------------------


@dataclass
class MapShape:
    label: str
    colour: str
    geometry: dict | None  # GeoJSON Polygon / MultiPolygon
    centre: tuple[float, float] | None  # (lon, lat)
    tooltip: str = ""


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "Feature":
        return _rings(geometry.get("geometry") or {})
    return []


def map_svg(
    shapes: Sequence[MapShape],
    legend: Sequence[tuple[str, str]],
    *,
    title: str,
    width: int = 640,
    height: int = 420,
) -> str:
    """A choropleth in an equirectangular projection scaled by cos(latitude), legend below."""
    points = [pt for s in shapes if s.geometry for ring in _rings(s.geometry) for pt in ring]
    points += [list(s.centre) for s in shapes if not s.geometry and s.centre]
    legend_h = 20 * len(legend) + 16
    total_h = height + legend_h
    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_h}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="sans-serif" '
        f'font-size="12"><title>{escape(title)}</title>'
        f'<rect width="{width}" height="{total_h}" fill="#fff"/>'
    ]
    if points:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        mid_lat = math.radians((min(lats) + max(lats)) / 2)
        kx = math.cos(mid_lat)
        span_x = (max(lons) - min(lons)) * kx or 1.0
        span_y = (max(lats) - min(lats)) or 1.0
        pad = 10
        scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        x0, y1 = min(lons), max(lats)

        def project(lon: float, lat: float) -> tuple[float, float]:
            return pad + (lon - x0) * kx * scale, pad + (y1 - lat) * scale

        for shape in shapes:
            tip = f"<title>{escape(shape.tooltip or shape.label)}</title>"
            if shape.geometry:
                d = " ".join(
                    "M"
                    + " L".join("{},{}".format(*map(_num, project(pt[0], pt[1]))) for pt in ring)
                    + " Z"
                    for ring in _rings(shape.geometry)
                )
                parts.append(
                    f'<path d="{d}" fill="{shape.colour}" fill-rule="evenodd" stroke="#555" '
                    f'stroke-width="0.7">{tip}</path>'
                )
            elif shape.centre:
                x, y = project(*shape.centre)
                parts.append(
                    f'<circle cx="{_num(x)}" cy="{_num(y)}" r="7" fill="{shape.colour}" '
                    f'stroke="#333">{tip}</circle>'
                )
    for n, (colour, text) in enumerate(legend):
        y = height + 8 + n * 20
        parts.append(
            f'<rect x="10" y="{y}" width="16" height="14" fill="{colour}" stroke="#555"/>'
            f'<text x="32" y="{y + 11}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- the pages' charts ---------------------------------------------------------------------


def _figure(value: float | None, decimals: int) -> str:
    from .templatetags.indicators import format_number

    return format_number(value, decimals)


def series_chart(indicator, data) -> str:
    """One indicator over time for several territories: `data` is [(territory, points)]."""
    lines = [Line(territory.name, points) for territory, points in data]
    unit = indicator.unit
    return line_chart_svg(
        lines,
        title=f"{indicator.name}" + (f", {unit}" if unit else ""),
        y_label=unit,
        number=lambda v: _figure(v, indicator.decimals),
    )


def legend_text(entry, decimals: int) -> str:
    from django.utils.translation import gettext as _

    if entry.lower is None:
        return _("no data (%(count)s)") % {"count": entry.count}
    return f"{_figure(entry.lower, decimals)} – {_figure(entry.upper, decimals)} ({entry.count})"


def _shape(territory, colour: str, tooltip: str, boundaries: dict) -> MapShape:
    centre = (territory.centre_lon, territory.centre_lat) if territory.has_centre else None
    return MapShape(territory.name, colour, boundaries.get(territory.pk), centre, tooltip)


def choropleth_svg(data) -> str:
    """The classed map as a standalone SVG with its legend (download, reports)."""
    from .selectors import web_boundaries

    indicator = data.indicator
    boundaries = web_boundaries([f.territory.pk for f in data.features])
    shapes = [
        _shape(
            f.territory,
            f.colour,
            f"{f.territory.name}: {_figure(f.value, indicator.decimals)} {indicator.unit}",
            boundaries,
        )
        for f in data.features
    ]
    legend = [(entry.colour, legend_text(entry, indicator.decimals)) for entry in data.legend]
    title = f"{indicator.name}, {data.parent.name}, {data.period}"
    return map_svg(shapes, legend, title=title)


def typology_svg(result) -> str:
    """Each territory coloured by its group."""
    from django.utils.translation import gettext as _

    from .selectors import web_boundaries

    members = [(g, t) for g in result.groups for t in g.members]
    boundaries = web_boundaries([t.pk for _g, t in members] + [t.pk for t in result.left_out])
    shapes = [
        _shape(
            t,
            GROUP_COLOURS[(g.number - 1) % len(GROUP_COLOURS)],
            _("%(name)s: group %(n)s") % {"name": t.name, "n": g.number},
            boundaries,
        )
        for g, t in members
    ]
    shapes += [_shape(t, NO_DATA, f"{t.name}: {_('no data')}", boundaries) for t in result.left_out]
    legend = [
        (
            GROUP_COLOURS[(g.number - 1) % len(GROUP_COLOURS)],
            _("Group %(n)s (%(count)s)") % {"n": g.number, "count": len(g.members)},
        )
        for g in result.groups
    ]
    if result.left_out:
        legend.append((NO_DATA, _("no data (%(count)s)") % {"count": len(result.left_out)}))
    return map_svg(shapes, legend, title=_("Typology of %(name)s") % {"name": result.parent.name})

"""Maps drawn as SVG on the server: shapes filled by class, units without a boundary as
circles at their centre, a legend below."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from .frame import Caption, footer, header
from .svg import AttrValue, Element, el, number, svg_document


@dataclass
class MapShape:
    """One unit on a map: its GeoJSON Polygon/MultiPolygon (or Feature), or else its centre."""

    label: str
    colour: str
    geometry: dict[str, Any] | None
    centre: tuple[float, float] | None  # (lon, lat)
    tooltip: str = ""


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The linear rings of a Polygon, a MultiPolygon or a Feature holding one; [] otherwise."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "Feature":
        return rings(geometry.get("geometry") or {})
    return []


def legend_entries(legend: Sequence[tuple[str, str]], *, top: float) -> list[Element]:
    """A swatch and its text per (colour, text), one under the other from `top`."""
    parts: list[Element] = []
    for n, (colour, text) in enumerate(legend):
        y = top + n * 20
        parts.append(el("rect", x=12, y=y, width=16, height=14, fill=colour, stroke="#555"))
        parts.append(el("text", text, x=34, y=y + 11, class_="legend"))
    return parts


def _bounds(shapes: Sequence[MapShape]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of every ring and centre, or None when there is none."""
    points = [pt for s in shapes if s.geometry for ring in rings(s.geometry) for pt in ring]
    points += [list(s.centre) for s in shapes if not s.geometry and s.centre]
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def map_svg(
    shapes: Sequence[MapShape],
    legend: Sequence[tuple[str, str]],
    *,
    title: str,
    width: int = 800,
    height: int | None = None,
    caption: Caption | None = None,
    context: Sequence[MapShape] = (),
) -> SafeString:
    """A choropleth in an equirectangular projection scaled by cos(latitude), legend below.

    Each shape carries its tooltip (or label) as a <title>. `context` shapes (the unit whose
    parts are shown) are drawn first, unfilled, and frame the view, so one unit alone is
    seen in its place, not as a dot in a corner. The map's height follows the shape of the
    area (within 40–100 % of the width) unless given. With a `caption`, the title and its
    lines head the picture and the notes close it (a download that says what it is)."""
    bounds = _bounds([*shapes, *context])
    pad = 12
    kx = scale = 1.0
    x0 = y1 = 0.0
    if bounds is not None:
        west, south, east, north = bounds
        kx = math.cos(math.radians((south + north) / 2))
        # A single point (or a line) has no extent: show about a degree around it.
        span_x = max((east - west) * kx, 0.05)
        span_y = max(north - south, 0.05)
        if height is None:
            height = round(
                min(max((width - 2 * pad) * span_y / span_x + 2 * pad, width * 0.4), width)
            )
        scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        x0 = (west + east) / 2 - (width / 2) / (kx * scale)
        y1 = (south + north) / 2 + (height / 2) / scale
    height = height or round(width * 0.6)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * kx * scale, (y1 - lat) * scale

    head, head_h = header(caption, width=width) if caption else ([], 0.0)
    drawing: list[Element] = []
    for shape in context:
        if shape.geometry:
            drawing.append(_path(shape, project, fill="none", stroke="#777", stroke_width=1.4))
    for shape in shapes:
        if shape.geometry:
            drawing.append(
                _path(shape, project, fill=shape.colour, stroke="#555", stroke_width=0.7)
            )
        elif shape.centre:
            x, y = project(*shape.centre)
            tip = el("title", shape.tooltip or shape.label)
            drawing.append(el("circle", tip, cx=x, cy=y, r=7, fill=shape.colour, stroke="#333"))
    legend_top = head_h + height + 8
    parts: list[Element] = [*head, el("g", *drawing, transform=f"translate(0 {number(head_h)})")]
    parts += legend_entries(legend, top=legend_top)
    total_h = legend_top + 20 * len(legend) + 4
    if caption:
        foot, foot_h = footer(caption, top=total_h, width=width)
        parts += foot
        total_h += foot_h
    total_h = round(total_h)
    background = el("rect", width=width, height=total_h, fill="#fff")
    return svg_document(
        background,
        *parts,
        width=width,
        height=total_h,
        title=title,
        class_="map",
        font_family="sans-serif",
        font_size=12,
    )


def _path(shape: MapShape, project, **style: AttrValue) -> Element:
    d = " ".join(
        "M" + " L".join(_point(*project(pt[0], pt[1])) for pt in ring) + " Z"
        for ring in rings(shape.geometry or {})
    )
    return el("path", el("title", shape.tooltip or shape.label), d=d, fill_rule="evenodd", **style)


def _point(x: float, y: float) -> str:
    return f"{number(x)},{number(y)}"

"""Maps drawn as SVG on the server: shapes filled by class, units without a boundary as
circles at their centre, a legend below."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from .svg import Element, el, number, svg_document


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


def legend_entries(legend: Sequence[tuple[str, str]], *, top: int) -> list[Element]:
    """A swatch and its text per (colour, text), one under the other from `top`."""
    parts: list[Element] = []
    for n, (colour, text) in enumerate(legend):
        y = top + n * 20
        parts.append(el("rect", x=10, y=y, width=16, height=14, fill=colour, stroke="#555"))
        parts.append(el("text", text, x=32, y=y + 11))
    return parts


def map_svg(
    shapes: Sequence[MapShape],
    legend: Sequence[tuple[str, str]],
    *,
    title: str,
    width: int = 640,
    height: int = 420,
) -> SafeString:
    """A choropleth in an equirectangular projection scaled by cos(latitude), legend below;
    each shape carries its tooltip (or label) as a <title>."""
    points = [pt for s in shapes if s.geometry for ring in rings(s.geometry) for pt in ring]
    points += [list(s.centre) for s in shapes if not s.geometry and s.centre]
    total_h = height + 20 * len(legend) + 16
    parts: list[Element] = [el("rect", width=width, height=total_h, fill="#fff")]
    if points:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = (max(lons) - min(lons)) * kx or 1.0
        span_y = (max(lats) - min(lats)) or 1.0
        pad = 10
        scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        x0, y1 = min(lons), max(lats)

        def project(lon: float, lat: float) -> tuple[float, float]:
            return pad + (lon - x0) * kx * scale, pad + (y1 - lat) * scale

        for shape in shapes:
            tip = el("title", shape.tooltip or shape.label)
            if shape.geometry:
                d = " ".join(
                    "M" + " L".join(_point(*project(pt[0], pt[1])) for pt in ring) + " Z"
                    for ring in rings(shape.geometry)
                )
                parts.append(
                    el(
                        "path",
                        tip,
                        d=d,
                        fill=shape.colour,
                        fill_rule="evenodd",
                        stroke="#555",
                        stroke_width=0.7,
                    )
                )
            elif shape.centre:
                x, y = project(*shape.centre)
                parts.append(el("circle", tip, cx=x, cy=y, r=7, fill=shape.colour, stroke="#333"))
    parts += legend_entries(legend, top=height + 8)
    return svg_document(
        *parts,
        width=width,
        height=total_h,
        title=title,
        class_="map",
        font_family="sans-serif",
        font_size=12,
    )


def _point(x: float, y: float) -> str:
    return f"{number(x)},{number(y)}"

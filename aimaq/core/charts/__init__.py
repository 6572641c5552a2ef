"""Server-made SVG charts and maps: no charting library, no JavaScript, printable, and safe
by construction (every text goes through the element builder in `svg`)."""

from .colours import (
    BAD_TO_GOOD,
    GROUP_COLOURS,
    LINE_COLOURS,
    NEUTRAL_RAMP,
    NO_DATA,
    class_colours,
    group_colour,
    line_colour,
)
from .lines import Line, line_chart_svg, sparkline_svg
from .maps import MapShape, map_svg, rings
from .svg import Element, el, escape_text, svg_document
from .ticks import nice_ticks, plain_number, tick_step

__all__ = [
    "BAD_TO_GOOD",
    "GROUP_COLOURS",
    "LINE_COLOURS",
    "NEUTRAL_RAMP",
    "NO_DATA",
    "Element",
    "Line",
    "MapShape",
    "class_colours",
    "el",
    "escape_text",
    "group_colour",
    "line_chart_svg",
    "line_colour",
    "map_svg",
    "nice_ticks",
    "plain_number",
    "rings",
    "sparkline_svg",
    "svg_document",
    "tick_step",
]

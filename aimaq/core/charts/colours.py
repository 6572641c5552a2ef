"""Colour palettes of the charts and maps: colour-blind-safe lines, classed maps from bad to
good, a neutral ramp, group colours."""

from __future__ import annotations

from typing import Literal

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


def class_colours(k: int, direction: Literal["higher", "lower", "neutral"] | str) -> list[str]:
    """Colours for classes 0..k-1 in ascending value order (k is held to 2..7): for "higher"
    (higher is better) the top class is green, for "lower" the bottom one, "neutral" is a
    light-to-dark blue ramp."""
    k = max(2, min(7, k))
    if direction == "neutral":
        return list(NEUTRAL_RAMP[k])
    colours = list(BAD_TO_GOOD[k])
    return colours if direction == "higher" else colours[::-1]


def line_colour(n: int) -> str:
    """The colour of the n-th line (0-based); colours repeat after seven lines."""
    return LINE_COLOURS[n % len(LINE_COLOURS)]


def group_colour(number: int) -> str:
    """The colour of group `number` (1-based)."""
    return GROUP_COLOURS[(number - 1) % len(GROUP_COLOURS)]

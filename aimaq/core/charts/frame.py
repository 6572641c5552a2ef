"""What a chart or map says about itself when it leaves the page (a download, a report): a
title and lines under it (the indicator with its unit, the period, the territory), and notes
at its foot (the source, the day it was drawn, a demo marker, credits).

    caption = Caption("Unemployment rate, %", lines=("Karaganda Region · 2024",),
                      notes=("Source: …", "Drawn from Aimaq on 30.11.2026"),
                      warning="Demo data: generated, not official statistics")
    map_svg(shapes, legend, title=…, caption=caption)

Texts are wrapped to the drawing's width (DejaVu Sans, whose Kazakh letters are wide, is
the measure), so a long Kazakh name never runs off the picture.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from .svg import Element, el

TITLE_SIZE = 17
LINE_SIZE = 13
NOTE_SIZE = 11
# Average advance of a DejaVu Sans letter, in ems (Cyrillic and Latin alike, a little wide).
EM_ADVANCE = 0.6
MARGIN = 12


@dataclass(frozen=True)
class Caption:
    """A standalone figure's own words: title, lines under it, notes at its foot, and a
    warning (the demo marker) drawn in its own colour above the notes."""

    title: str
    lines: Sequence[str] = ()
    notes: Sequence[str] = ()
    warning: str = ""


def wrap(text: str, *, width: float, size: float) -> list[str]:
    """The text broken into lines that fit `width` pixels at font `size`."""
    columns = max(8, int((width - 2 * MARGIN) / (size * EM_ADVANCE)))
    return textwrap.wrap(str(text), columns, break_long_words=True) or [""]


def _block(
    texts: Sequence[tuple[str, float, dict]], *, top: float, width: float
) -> tuple[list[Element], float]:
    """Text lines from `top`, each (text, size, attributes); returns them and their height."""
    parts: list[Element] = []
    y = top
    for text, size, attrs in texts:
        for line in wrap(text, width=width, size=size):
            y += size * 1.3
            parts.append(el("text", line, x=MARGIN, y=round(y, 1), font_size=size, **attrs))
    return parts, y - top


def header(caption: Caption, *, width: float) -> tuple[list[Element], float]:
    """The title and its lines at the top; returns the elements and the height they take."""
    texts = [(caption.title, TITLE_SIZE, {"font_weight": "bold", "class_": "caption-title"})]
    texts += [(line, LINE_SIZE, {"class_": "caption-line"}) for line in caption.lines if line]
    parts, height = _block(texts, top=4, width=width)
    return parts, height + 10


def footer(caption: Caption, *, top: float, width: float) -> tuple[list[Element], float]:
    """The warning and the notes from `top`; returns the elements and their height."""
    texts: list[tuple[str, float, dict]] = []
    if caption.warning:
        texts.append((caption.warning, LINE_SIZE, {"fill": "#a3002a", "font_weight": "bold",
                                                   "class_": "caption-warning"}))  # fmt: skip
    texts += [
        (note, NOTE_SIZE, {"fill": "#444", "class_": "caption-note"}) for note in caption.notes
    ]
    if not texts:
        return [], 0
    parts, height = _block(texts, top=top + 4, width=width)
    return parts, height + 12

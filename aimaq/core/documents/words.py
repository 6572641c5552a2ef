"""The fixed words every document prints, in the active language (the renderers activate
the document's own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext as _


class PageNumber(Enum):
    """Where a page number goes in "Page X of Y": this page's, or the count of pages."""

    PAGE = "number"
    PAGES = "total"


_PLACEHOLDER = re.compile(r"%\((number|total)\)s")


@dataclass(frozen=True)
class Words:
    contents: str
    date: str
    source: str
    demo: str
    demo_notice: str
    page_of: list[str | PageNumber]  # in the language's order


def fixed_words() -> Words:
    """The words of the active language."""
    return Words(
        contents=_("Contents"),
        date=_("Date"),
        source=_("Source"),
        demo=_("Demo data"),
        demo_notice=_("This document holds demonstration data, not official statistics."),
        page_of=page_of_parts(_("Page %(number)s of %(total)s")),
    )


def page_of_parts(pattern: str) -> list[str | PageNumber]:
    """ "Page %(number)s of %(total)s" as ["Page ", PAGE, " of ", PAGES]; a translation may
    put the numbers in any order ("%(total)s беттің %(number)s-беті"), and each format
    inserts the numbers its own way (CSS counters, Word fields)."""
    parts: list[str | PageNumber] = []
    position = 0
    for match in _PLACEHOLDER.finditer(pattern):
        if match.start() > position:
            parts.append(pattern[position : match.start()])
        parts.append(PageNumber(match.group(1)))
        position = match.end()
    if position < len(pattern):
        parts.append(pattern[position:])
    return parts

"""Small filters of the participation pages: shares, tenge, counts the public may read."""

from __future__ import annotations

from django import template

from ..selectors.statistics import shown_count

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    """0.4 → "40 %"; no data → "—"."""
    return "—" if value is None else f"{round(value * 100)} %"


@register.filter
def tenge(value: int | None) -> str:
    """12000000 → "12 000 000" (thin grouping, as written in Kazakhstan)."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", "\u00a0")


@register.filter
def public_count(value: int, public: bool) -> str:
    """A count, with small groups hidden from the public ("<5")."""
    return shown_count(value, public=bool(public))


@register.filter
def receipt(value: str) -> str:
    return f"{value[:5]}-{value[5:]}" if value else ""

"""Template filters of the grants app: money and gate marks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def tenge(value: Any) -> str:
    """Whole tenge with the reader's thousands separator ("12 000 000")."""
    if value in (None, ""):
        return "—"
    return number_format(int(value), force_grouping=True)


def tenge_formatter() -> Callable[[int], str]:
    """`tenge` for many values at once: the reader's thousands separator looked up once
    (grouping by three, as in kk, ru and en)."""
    separator = str(get_format("THOUSAND_SEPARATOR"))

    def money(value: int) -> str:
        return f"{int(value):,}".replace(",", separator)

    return money


@register.filter
def gate_mark(value: bool | None) -> str:
    """A gate's outcome in words."""
    if value is True:
        return _("passed")
    if value is False:
        return _("failed")
    return _("not judged yet")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def reason(value: Any) -> str:
    """A gate's or a composition's reason as a sentence in the reader's language."""
    from aimaq.grants.rules.reasons import reason_text

    return reason_text(value)


@register.filter
def grants_group(value: str) -> str:
    from aimaq.grants.models import InterestGroup

    return str(InterestGroup(value).label) if value in InterestGroup.values else value

"""Filters of the plans pages: tenge, figures in an indicator's decimals, verdict words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..measures import Verdict

register = template.Library()


@register.filter
def tenge(amount: Any) -> str:
    """Whole tenge with the language's thousands separator ("1 500 000"); "—" for none."""
    if amount is None or amount == "":
        return "—"
    return number_format(int(amount), force_grouping=True)


@register.filter
def figure(value: Any, decimals: Any = 0) -> str:
    """A Decimal in `decimals` places, grouped; "—" for none."""
    if value is None or value == "":
        return "—"
    places = int(decimals or 0)
    return number_format(
        Decimal(value).quantize(Decimal(1).scaleb(-places)), decimal_pos=places, force_grouping=True
    )


@register.filter
def percent(value: Any) -> str:
    if value is None:
        return "—"
    return f"{number_format(Decimal(value).quantize(Decimal(1)), decimal_pos=0)}\u00a0%"


@register.filter
def verdict_label(value: str) -> str:
    return {
        Verdict.ON_TRACK: _("on track"),
        Verdict.AT_RISK: _("at risk"),
        Verdict.OFF_TRACK: _("off track"),
        Verdict.NO_DATA: _("no data yet"),
    }.get(value, value)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def traces_for(contents: Any, element: Any) -> list:
    """`{% traces_for contents element as links %}`: where an element came from."""
    return contents.traces.get(element.uid, []) if contents is not None else []


@register.simple_tag
def action_rows(contents: Any, editing: bool = False) -> str:
    """`{% action_rows contents editing %}`: the rows of the action plan table."""
    from ..tables import action_rows as rows

    return rows(contents, bool(editing))


@register.simple_tag
def indicator_rows(contents: Any, editing: bool = False) -> str:
    """`{% indicator_rows contents editing %}`: the rows of the indicator table."""
    from ..tables import indicator_rows as rows

    return rows(contents, bool(editing))


@register.simple_tag
def chain_items(contents: Any, editing: bool = False) -> str:
    """`{% chain_items contents editing %}`: the items of the results chain."""
    from ..tables import chain_items as items

    return items(contents, bool(editing))

"""Template helpers for figures: numbers in the indicator's decimals and unit, verdict cues,
sparklines."""

from collections.abc import Callable
from decimal import Decimal

from django import template
from django.utils.formats import get_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aimaq.core.charts import sparkline_svg

register = template.Library()


_SEPARATORS: dict[str, tuple[str, str, object]] = {}


def format_number(value: float | None, decimals: int = 1) -> str:
    """The value in `decimals` places, grouped, as the reader's language writes numbers
    (Django's `number_format`, whose format look-ups cost more than the number: a national
    profile writes a thousand)."""
    return number_formatter()(value, decimals)


def number_formatter() -> Callable[[float | None, int], str]:
    """`format_number` for the active language, its separators looked up once (for a page
    that writes a thousand numbers)."""
    language = get_language() or ""
    separators = _SEPARATORS.get(language)
    if separators is None:
        separators = (
            get_format("DECIMAL_SEPARATOR"),
            get_format("THOUSAND_SEPARATOR"),
            get_format("NUMBER_GROUPING"),
        )
        _SEPARATORS[language] = separators
    decimal, thousands, grouping = separators

    def formatted(value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "—"
        if grouping != 3 or isinstance(value, Decimal):
            return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)
        text = f"{round(value, decimals):,.{max(decimals, 0)}f}"
        return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    return formatted


@register.filter
def figure(value: float | None, indicator) -> str:
    """`{{ value|figure:indicator }}` → "12 345,6 tenge" in the indicator's decimals and unit."""
    text = format_number(value, indicator.decimals)
    unit = indicator.unit
    if value is None or not unit:
        return text
    return f"{text}\u00a0{unit}" if unit != "%" else f"{text}\u00a0%"


@register.filter
def number(value: float | None, indicator) -> str:
    """The number alone, in the indicator's decimals."""
    return format_number(value, indicator.decimals)


@register.filter
def signed(value: float | None, indicator) -> str:
    """A gap with its sign: "+1,2" or "−0,4"."""
    if value is None:
        return "—"
    text = format_number(abs(value), indicator.decimals)
    if round(value, indicator.decimals) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


@register.simple_tag
def verdict_cue(verdict: str) -> str:
    """A coloured badge with an icon and words, so colour is never the only cue."""
    if verdict == "better":
        return format_html('<span class="cue cue-better">▲ {}</span>', _("better"))
    if verdict == "worse":
        return format_html('<span class="cue cue-worse">▼ {}</span>', _("worse"))
    if verdict == "same":
        return format_html('<span class="cue cue-same">= {}</span>', _("same"))
    return ""


@register.simple_tag
def sparkline(points, label: str = "") -> SafeString:
    return sparkline_svg(points, label=label)


@register.simple_tag
def profile_rows(rows, territory, profile) -> SafeString:
    """The rows of one of a profile's tables (`profile_html.py`: written in Python)."""
    from ..profile_html import profile_rows as rows_html

    return rows_html(rows, territory, profile.parent, profile.parent_is_country)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def index(sequence, position: int):
    return sequence[position]

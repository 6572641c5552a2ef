"""Which indicators there are, and how they are grouped on the pages."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import connection
from django.utils.functional import Promise

from ..models import Indicator, Theme
from ..visibility import once_per_reading

T = TypeVar("T")


def group_by_theme(
    items: Iterable[T], theme_of: Callable[[T], str]
) -> list[tuple[str | Promise, list[T]]]:
    """(theme label, items) pairs, themes in their declared order, empty themes left out;
    items keep their order within a theme."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[theme_of(item)].append(item)
    return [(label, groups[value]) for value, label in Theme.choices if groups.get(value)]


def indicators_by_theme() -> list[tuple[str | Promise, list[Indicator]]]:
    """Indicators grouped by theme, themes in their declared order, codes in order within."""
    return group_by_theme(Indicator.objects.order_by("theme", "code"), lambda i: i.theme)


_indicator_cache: dict[str, object] = {"key": None, "indicators": {}}


@functools.cache
def _key_sql() -> str:
    # The history model's table, looked up once: `Indicator.history` builds a manager class
    # on every access, which costs more than the query.
    history = Indicator.history.model._meta.db_table
    return (
        f"SELECT (SELECT COUNT(*) FROM {Indicator._meta.db_table}), MAX(history_id), "
        f"MAX(history_date) FROM {history}"
    )


def _catalogue_key() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_key_sql())
        return tuple(cursor.fetchone())


def all_indicators() -> dict[int, Indicator]:
    """Every indicator by id, kept between calls until one is added, changed or deleted.

    Building 300 model instances costs more than the profile's value queries, so they are
    cached; the key (count and the latest history row, which every save and delete writes)
    is one cheap query, asked once per request (a map asks for the indicators twice).
    """
    key = once_per_reading("catalogue_key", _catalogue_key)
    if _indicator_cache["key"] != key:
        _indicator_cache["indicators"] = {i.pk: i for i in Indicator.objects.all()}
        _indicator_cache["key"] = key
    return _indicator_cache["indicators"]  # type: ignore[return-value]


def indicator_by_code(code: str) -> Indicator | None:
    """The indicator with this code, from the same cache as `all_indicators`."""
    indicators = all_indicators()
    if _indicator_cache.get("by_code_of") is not indicators:
        _indicator_cache["by_code"] = {i.code: i for i in indicators.values()}
        _indicator_cache["by_code_of"] = indicators
    return _indicator_cache["by_code"].get(code)  # type: ignore[attr-defined]

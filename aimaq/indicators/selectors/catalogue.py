"""Which indicators there are, and how they are grouped on the pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import Max
from django.utils.functional import Promise

from ..models import Indicator, Theme

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


def all_indicators() -> dict[int, Indicator]:
    """Every indicator by id, kept between calls until one is added, changed or deleted.

    Building 300 model instances costs more than the profile's value queries, so they are
    cached; the key (count and the latest history row, which every save and delete writes)
    is one cheap aggregate query.
    """
    history = Indicator.history.model
    last = history.objects.aggregate(id=Max("history_id"), at=Max("history_date"))
    key = (Indicator.objects.count(), last["id"], last["at"])
    if _indicator_cache["key"] != key:
        _indicator_cache["indicators"] = {i.pk: i for i in Indicator.objects.all()}
        _indicator_cache["key"] = key
    return _indicator_cache["indicators"]  # type: ignore[return-value]

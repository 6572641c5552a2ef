"""The evidence base's data version: a counter that every change to what the pages show
moves — an import written, an approval given or withdrawn, a territory or an indicator
edited. Cached pages and API answers are tied to it (their ETag), and so is the table of
values computed from below (`computed_store.py`), per indicator."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max

from .models import Indicator, IndicatorVersion


def data_version() -> int:
    """The current version of the figures (0 before any change was counted)."""
    return IndicatorVersion.objects.aggregate(v=Max("changed"))["v"] or 0


def figure_versions(indicator_ids: Iterable[int]) -> dict[int, int]:
    """{indicator id: the data version at which its figures last changed} (absent: never
    counted). The data version is the largest of them, so a key made of these moves
    whenever the data version moves for these indicators, and only then. One query."""
    return dict(
        IndicatorVersion.objects.filter(indicator_id__in=list(indicator_ids)).values_list(
            "indicator_id", "changed"
        )
    )


def mark_changed(indicator_ids: Iterable[int] | None = None) -> int:
    """Counts a change of the given indicators' figures (every indicator when None) and
    returns the new data version. Inside the caller's transaction."""
    with transaction.atomic():
        version = data_version() + 1
        if indicator_ids is None:
            ids = list(Indicator.objects.values_list("pk", flat=True))
        else:
            ids = sorted(set(indicator_ids))
        existing = set(
            IndicatorVersion.objects.filter(indicator_id__in=ids).values_list(
                "indicator_id", flat=True
            )
        )
        IndicatorVersion.objects.filter(indicator_id__in=existing).update(changed=version)
        IndicatorVersion.objects.bulk_create(
            IndicatorVersion(indicator_id=pk, changed=version) for pk in ids if pk not in existing
        )
        if not ids:  # nothing to attach it to (no indicators yet): still move the version
            IndicatorVersion.objects.update(changed=F("changed") + 1)
    return version


def stale_indicators(indicator_ids: Iterable[int]) -> set[int]:
    """The indicators whose stored computed values are older than their figures (or were
    never computed)."""
    ids = set(indicator_ids)
    fresh = IndicatorVersion.objects.filter(
        indicator_id__in=ids, computed__gte=F("changed")
    ).values_list("indicator_id", flat=True)
    return ids - set(fresh)


def mark_computed(indicator_id: int, version: int) -> None:
    """Records that the indicator's computed values were made from its figures at `version`."""
    updated = IndicatorVersion.objects.filter(indicator_id=indicator_id).update(computed=version)
    if not updated:
        IndicatorVersion.objects.create(
            indicator_id=indicator_id, changed=version, computed=version
        )

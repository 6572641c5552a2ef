"""Stored sums of reported totals (`sums.py`): what the pivot's total and average rows read
instead of adding up thousands of values in every new process; and the values computed from
below that the profile reads (`sums_below.py`), written with them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from aimaq.territories.models import Territory


class StoredSum(models.Model):
    """The sum and the count of one indicator's published totals for one period over every
    current unit of one level below one unit (the country's rural okrugs, an oblast's
    rayons). Rewritten for an indicator in the transaction that changes its figures (an
    import, an approval decision); `IndicatorVersion.computed` and `.sums_tree` say which
    figures and which tree they were made from."""

    pk = models.CompositePrimaryKey("indicator_id", "territory_id", "level", "period")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    level = models.CharField(max_length=20)
    period = models.CharField(max_length=7)
    total = models.FloatField()
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("stored sum over units")
        verbose_name_plural = _("stored sums over units")

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.territory_id} · {self.level} · {self.period}"


class StoredValue(models.Model):
    """One indicator's total for one period at one unit that does not report it, computed
    from below by the indicator's rule over the published figures (`sums_below.py`): what a
    profile computed from below reads instead of aggregating the subtree. Rewritten with the
    stored sums; `IndicatorVersion.values_key` says what they were made from."""

    pk = models.CompositePrimaryKey("indicator_id", "territory_id", "period")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    period = models.CharField(max_length=7)
    value = models.FloatField()

    class Meta:
        verbose_name = _("stored value computed from below")
        verbose_name_plural = _("stored values computed from below")

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.territory_id} · {self.period}: {self.value}"


class StoredYearCount(models.Model):
    """How many current units of one level below one unit have a published total of one
    indicator in one year (in any of its periods that year: a unit that reports four
    quarters counts once): what the pages comparing several indicators count to choose
    their default year (`selectors/periods.py`), read over all indicators at once by the
    profile. Written with the stored sums, from the same figures."""

    pk = models.CompositePrimaryKey("indicator_id", "territory_id", "level", "year")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    level = models.CharField(max_length=20)
    year = models.CharField(max_length=4)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("count of reporting units by year")
        verbose_name_plural = _("counts of reporting units by year")
        indexes = [  # a profile's count over every indicator: one range, the table unread
            models.Index(
                fields=["territory", "level", "year", "count"], name="indicators_year_count_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.territory_id} · {self.level} · {self.year}"

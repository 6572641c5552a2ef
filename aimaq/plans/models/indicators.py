"""Indicators of a plan's outcomes and outputs, with baselines and targets per period."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from aimaq.core.i18n import NamedModel, localized
from aimaq.indicators.models import Dimension, Indicator
from aimaq.territories.models import Territory

from .choices import CumulativeRule, Direction, Frequency, UnitKind
from .content import Outcome, Output, VersionContent

VALUE_DIGITS: dict[str, int] = {
    "max_digits": 20,
    "decimal_places": 4,
}  # every value field: 20 digits, 4 after the point
LIFE_OF_PLAN = "LOP"
# A baseline may come from years before the plan: the latest figure when it was written.
FIRST_BASELINE_YEAR = 1990


class PlanIndicator(VersionContent, NamedModel):
    """How an outcome or output is measured: linked to the evidence base (actuals then come
    from its observations) or specific to the plan."""

    code = models.CharField(_("number"), max_length=16, blank=True)
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("outcome"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    output = models.ForeignKey(
        Output,
        verbose_name=pgettext_lazy("results chain", "output"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator of the evidence base"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_uses",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory measured"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the plan's territory."),
    )
    unit_kind = models.CharField(
        _("unit kind"), max_length=8, choices=UnitKind.choices, default=UnitKind.NUMBER
    )
    unit_kk = models.CharField(_("unit (Kazakh)"), max_length=64, blank=True)
    unit_ru = models.CharField(_("unit (Russian)"), max_length=64, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=64, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("life-of-plan target"), null=True, blank=True, max_digits=20, decimal_places=4
    )
    frequency = models.CharField(
        _("target frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    rule = models.CharField(
        _("cumulative rule"),
        max_length=10,
        choices=CumulativeRule.choices,
        default=CumulativeRule.LATEST,
    )
    tolerance = models.PositiveSmallIntegerField(
        _("on-track tolerance, %"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("On track: within this many per cent of the straight-line trajectory."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=0, validators=[MaxValueValidator(4)]
    )
    disaggregations = models.ManyToManyField(
        Dimension, verbose_name=_("disaggregations"), blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan indicator")
        verbose_name_plural = _("plan indicators")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(output__isnull=True),
                name="indicator_measures_one_level",
            )
        ]

    @property
    def name(self) -> str:
        own = localized(self, "name")
        if own or self.indicator is None:
            return own
        return self.indicator.name

    @property
    def unit(self) -> str:
        own = localized(self, "unit")
        if own:
            return own
        if self.unit_kind == UnitKind.PERCENT:
            return "%"
        return self.indicator.unit if self.indicator is not None else ""

    @property
    def is_linked(self) -> bool:
        return self.indicator_id is not None


class PeriodTarget(VersionContent):
    """The target of one period: "2019", "2019-S1", "2019-Q3"."""

    indicator = models.ForeignKey(
        PlanIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=8)
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period target")
        verbose_name_plural = _("period targets")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_target_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

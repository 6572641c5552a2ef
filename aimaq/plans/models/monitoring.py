"""Monitoring reports per period, and evaluations with recommendations followed up."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.accounts.models import Organisation
from aimaq.indicators.models import Category

from .choices import (
    ActionStatus,
    Criterion,
    Rating,
    RecommendationStatus,
    ReportPeriodKind,
    ReportStatus,
    ResponseKind,
)
from .content import Action
from .indicators import PlanIndicator
from .plans import FundingSource, Plan, PlanVersion


class MonitoringReport(models.Model):
    """What happened in one period (a quarter, a half-year, a year): actual indicator values,
    each action's status, spending by source, the narrative and the risks. Submitted,
    reviewed (returned with comments or published)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reports"
    )
    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("version reported on"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.CharField(_("period"), max_length=8)
    period_kind = models.CharField(_("period kind"), max_length=8, choices=ReportPeriodKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    narrative = models.TextField(_("narrative"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    review_comment = models.TextField(_("review comments"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["plan", "period"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="one_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportValue(models.Model):
    """The actual value of an indicator in the report's period: taken from the evidence base
    where the indicator is linked, entered otherwise."""

    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        PlanIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("actual"), null=True, blank=True, max_digits=20, decimal_places=4)
    from_observation = models.BooleanField(_("from the evidence base"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class ReportBreakdown(models.Model):
    """A disaggregated actual (women, rural…), checked against the total it belongs to."""

    value = models.ForeignKey(ReportValue, on_delete=models.CASCADE, related_name="breakdown")
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("actual"), max_digits=20, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["value", "category"], name="one_breakdown_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.amount}"


class ReportActionProgress(models.Model):
    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="action_progress"
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    percent_done = models.PositiveSmallIntegerField(
        _("per cent done"), default=0, validators=[MaxValueValidator(100)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "action"], name="one_progress_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status}"


class ReportSpending(models.Model):
    """Money spent in the report's period from one source, in whole tenge."""

    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="spending")
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("spent, tenge"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "source"], name="one_spending_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.source_id}: {self.amount}"


class Evaluation(models.Model):
    """An evaluation of a plan against the OECD-DAC criteria, with recommendations."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    title = models.CharField(_("title"), max_length=255)
    evaluator = models.CharField(_("evaluator"), max_length=255, blank=True)
    completed_on = models.DateField(_("completed on"))
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["plan", "-completed_on"]

    def __str__(self) -> str:
        return self.title


class CriterionRating(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.CharField(_("criterion"), max_length=16, choices=Criterion.choices)
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    evidence = models.TextField(_("evidence"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="one_rating_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"


class Recommendation(models.Model):
    """What an evaluation recommends, whose it is, by when, what the management answered;
    followed up until closed."""

    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("evaluation"),
    )
    text = models.TextField(_("recommendation"))
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="plan_recommendations",
    )
    deadline = models.DateField(_("deadline"))
    response = models.CharField(
        _("management response"),
        max_length=10,
        choices=ResponseKind.choices,
        blank=True,
        default=ResponseKind.PENDING,
    )
    response_text = models.TextField(_("response"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("what was done"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.note[:60]}"


class IndicatorScore(models.Model):
    """The scorecard's verdict on one indicator of the version in force, stored whenever a
    report is published or a version approved (DHIS2's analytics tables, in small): the
    roll-up over thousands of plans reads these rows instead of recomputing every plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        "plans.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="scores"
    )
    verdict = models.CharField(max_length=10)
    percent = models.DecimalField(null=True, blank=True, max_digits=20, decimal_places=4)
    at = models.DateField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="one_score_per_indicator")
        ]
        indexes = [models.Index(fields=["goal", "verdict"], name="score_by_goal")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.verdict}"

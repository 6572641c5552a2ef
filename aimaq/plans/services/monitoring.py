"""Monitoring reports: started for a period with the actuals the evidence base already has,
filled in, submitted, reviewed (returned with comments or published). Publication updates
the scorecard."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action
from aimaq.core.permissions import can
from aimaq.indicators.models import Observation

from .. import events
from ..models import (
    Action,
    CumulativeRule,
    FundingSource,
    MonitoringReport,
    Plan,
    PlanIndicator,
    ReportActionProgress,
    ReportBreakdown,
    ReportSpending,
    ReportStatus,
    ReportValue,
    UnitKind,
)
from ..periods import Period, period_kind
from ..permissions import CHANGE, REVIEW
from .common import require, version_in_force
from .money import check_amount


def start_report(plan: Plan, period: str, *, by: Any, is_demo: bool = False) -> MonitoringReport:
    """A draft report of `period` on the version in force, its actuals taken from the
    evidence base where an indicator is linked and a value exists, each action's status
    carried over from the last published report (or the plan)."""
    require(by, CHANGE, plan)
    try:
        parsed = Period.parse(period)
    except ValueError as error:
        raise ValidationError({"period": _("Expected %(what)s.") % {"what": error}}) from None
    if parsed.year not in plan.years:
        raise ValidationError(
            {"period": _("%(period)s is outside the plan's years.") % {"period": period}}
        )
    version = version_in_force(plan)
    if version is None:
        raise ValidationError(_("Only an approved plan is monitored."))
    if plan.reports.filter(period=parsed.code).exists():
        raise ValidationError(
            {"period": _("There is already a report for %(period)s.") % {"period": parsed.code}}
        )
    with transaction.atomic():
        report = MonitoringReport(
            plan=plan,
            version=version,
            period=parsed.code,
            period_kind=period_kind(parsed),
            created_by=by if getattr(by, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        attribute_to(report, by).save()
        indicators = list(PlanIndicator.objects.filter(version=version).select_related("indicator"))
        observed = _observed(plan, indicators, parsed.code)
        ReportValue.objects.bulk_create(
            ReportValue(
                report=report,
                indicator=indicator,
                value=observed.get(indicator.pk),
                from_observation=indicator.pk in observed,
            )
            for indicator in indicators
        )
        carried = _last_progress(plan)
        ReportActionProgress.objects.bulk_create(
            ReportActionProgress(
                report=report,
                action=action,
                status=carried.get(action.uid, (action.status, action.percent_done))[0],
                percent_done=carried.get(action.uid, (action.status, action.percent_done))[1],
            )
            for action in Action.objects.filter(version=version)
        )
        log_action(report, events.REPORT_CREATED, by=by, data={"period": parsed.code})
    return report


def _observed(plan: Plan, indicators: list[PlanIndicator], period: str) -> dict[int, Decimal]:
    """Values of the linked indicators for the period, from the evidence base."""
    found = {}
    for indicator in indicators:
        if indicator.indicator_id is None:
            continue
        territory_id = indicator.territory_id or plan.territory_id
        value = (
            Observation.objects.filter(
                indicator_id=indicator.indicator_id,
                territory_id=territory_id,
                period=period,
                disaggregation="",
            )
            .values_list("value", flat=True)
            .first()
        )
        if value is not None:
            found[indicator.pk] = Decimal(repr(value))
    return found


def _last_progress(plan: Plan) -> dict[Any, tuple[str, int]]:
    latest: dict[Any, tuple[str, int]] = {}
    for uid, status, percent in (
        ReportActionProgress.objects.filter(
            report__plan=plan, report__status=ReportStatus.PUBLISHED
        )
        .order_by("report__period")
        .values_list("action__uid", "status", "percent_done")
    ):
        latest[uid] = (status, percent)
    return latest


@dataclass(frozen=True)
class ActualEntry:
    value: Decimal | None
    note: str = ""
    breakdown: Mapping[int, Decimal] | None = None  # category id → value


@dataclass(frozen=True)
class ProgressEntry:
    status: str
    percent_done: int
    note: str = ""


def save_report(
    report: MonitoringReport,
    *,
    by: Any,
    actuals: Mapping[int, ActualEntry] | None = None,
    progress: Mapping[int, ProgressEntry] | None = None,
    spending: Mapping[int, int] | None = None,
    narrative: str | None = None,
    risks: str | None = None,
) -> MonitoringReport:
    """Write the report's figures and words (whole or not at all) while it is a draft or
    returned. Keys are the ids of the report version's indicators and actions and of the
    funding sources; values from the evidence base are kept unless replaced."""
    require(by, CHANGE, report)
    with transaction.atomic():
        values = {row.indicator_id: row for row in report.values.all()}
        for indicator_id, entry in (actuals or {}).items():
            row = values.get(indicator_id)
            if row is None:
                raise ValidationError(_("The indicator is not one of the report's plan."))
            if isinstance(entry.value, float):
                raise TypeError("actuals are Decimal, never float")
            changed = row.value != entry.value
            row.value = entry.value
            row.note = entry.note[:500]
            row.from_observation = row.from_observation and not changed
            row.save()
            if entry.breakdown is not None:
                row.breakdown.all().delete()
                ReportBreakdown.objects.bulk_create(
                    ReportBreakdown(value=row, category_id=category, amount=amount)
                    for category, amount in entry.breakdown.items()
                    if amount is not None
                )
        progress_rows = {done.action_id: done for done in report.action_progress.all()}
        for action_id, step in (progress or {}).items():
            done = progress_rows.get(action_id)
            if done is None:
                raise ValidationError(_("The action is not one of the report's plan."))
            if not 0 <= step.percent_done <= 100:
                raise ValidationError({"percent_done": _("A share done is between 0 and 100 %.")})
            done.status, done.percent_done, done.note = (
                step.status,
                step.percent_done,
                step.note[:500],
            )
            done.save()
        if spending is not None:
            report.spending.all().delete()
            ReportSpending.objects.bulk_create(
                ReportSpending(report=report, source_id=source, amount=check_amount(amount))
                for source, amount in spending.items()
                if amount
            )
        if narrative is not None:
            report.narrative = narrative
        if risks is not None:
            report.risks = risks
        attribute_to(report, by).save()
    return report


def submit_report(report: MonitoringReport, *, by: Any) -> MonitoringReport:
    require(by, CHANGE, report)
    with transaction.atomic():
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        attribute_to(report, by).save()
        log_action(report, events.REPORT_SUBMITTED, by=by, data={"period": report.period})
    return report


def return_report(report: MonitoringReport, *, by: Any, comment: str) -> MonitoringReport:
    """Send a submitted report back to its authors with what to change."""
    if not can(by, REVIEW, report):
        raise PermissionDenied(_("Only a reviewer of this territory reviews reports."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    with transaction.atomic():
        report.status = ReportStatus.RETURNED
        report.review_comment = comment.strip()
        attribute_to(report, by).save()
        log_action(report, events.REPORT_RETURNED, by=by, data={"comment": comment.strip()})
    return report


def publish_report(report: MonitoringReport, *, by: Any) -> MonitoringReport:
    """Publish a submitted report; its figures then count in the scorecard."""
    from ..scorecard import refresh_scores

    if not can(by, REVIEW, report):
        raise PermissionDenied(_("Only a reviewer of this territory reviews reports."))
    with transaction.atomic():
        report.status = ReportStatus.PUBLISHED
        report.is_published = True
        report.published_at = timezone.now()
        attribute_to(report, by).save()
        log_action(report, events.REPORT_PUBLISHED, by=by, data={"period": report.period})
        refresh_scores(report.plan)
    return report


def breakdown_flags(report: MonitoringReport) -> dict[int, list[str]]:
    """Per report value id, the dimensions whose categories do not add up to the total
    (counts only: per cent and levels do not add up by nature)."""
    flags: dict[int, list[str]] = {}
    values = report.values.select_related("indicator").prefetch_related(
        "breakdown__category__dimension"
    )
    for row in values:
        indicator = row.indicator
        if row.value is None or indicator.unit_kind == UnitKind.PERCENT:
            continue
        if indicator.rule == CumulativeRule.LATEST and indicator.unit_kind != UnitKind.NUMBER:
            continue
        sums: dict[str, tuple[str, Decimal]] = {}
        for part in row.breakdown.all():
            dimension = part.category.dimension
            name, total = sums.get(dimension.code, (dimension.name, Decimal(0)))
            sums[dimension.code] = (name, total + part.amount)
        wrong = [name for name, total in sums.values() if total != row.value]
        if wrong:
            flags[row.pk] = wrong
    return flags


def spending_sources() -> list[FundingSource]:
    return list(FundingSource.objects.all())

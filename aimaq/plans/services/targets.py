"""Targets per period of a plan indicator, and their default split from the life-of-plan
target (the straight line)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action

from ..events import TARGETS_SPLIT
from ..measures import split_target
from ..models import Frequency, PeriodTarget, PlanIndicator
from ..periods import Period, periods_of
from ..permissions import CHANGE
from .common import require


def set_targets(
    indicator: PlanIndicator, targets: Mapping[str, Decimal | int | str], *, by: Any
) -> list[PeriodTarget]:
    """Replace the indicator's period targets by `targets` ({"2019": 560, …}). Each period
    must be one of the plan's periods for the indicator's frequency."""
    require(by, CHANGE, indicator.version)
    allowed = {p.code for p in periods_of(indicator.version.plan.years, indicator.frequency)}
    rows = []
    for code, value in targets.items():
        try:
            period = Period.parse(code)
        except ValueError as error:
            raise ValidationError({"period": str(error)}) from None
        if period.code not in allowed:
            raise ValidationError(
                {
                    "period": _("%(period)s is not a period of the plan for this frequency.")
                    % {"period": code}
                }
            )
        if isinstance(value, float):
            raise TypeError("targets are Decimal or int, never float")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError({"value": _("A target is a number.")}) from None
        rows.append(
            PeriodTarget(
                version=indicator.version, indicator=indicator, period=period.code, value=amount
            )
        )
    with transaction.atomic():
        indicator.targets.all().delete()
        PeriodTarget.objects.bulk_create(rows)
    return rows


def split_targets(indicator: PlanIndicator, *, by: Any) -> list[PeriodTarget]:
    """Fill every period target on the straight line to the life-of-plan target, by the
    indicator's cumulative rule (see measures.split_target)."""
    require(by, CHANGE, indicator.version)
    if indicator.target_value is None:
        raise ValidationError({"target_value": _("Set the life-of-plan target first.")})
    if indicator.frequency == Frequency.LIFE_OF_PLAN:
        raise ValidationError(
            {"frequency": _("A life-of-plan indicator has no period targets to split into.")}
        )
    periods = periods_of(indicator.version.plan.years, indicator.frequency)
    values = split_target(
        indicator.rule,
        indicator.baseline_value,
        indicator.target_value,
        len(periods),
        decimals=indicator.decimals,
    )
    with transaction.atomic():
        rows = set_targets(
            indicator, {p.code: v for p, v in zip(periods, values, strict=True)}, by=by
        )
        log_action(indicator.version, TARGETS_SPLIT, by=by, data={"indicator": indicator.code})
    return rows

"""Changes to a call's evaluation criteria. A weight, a maximum or a new criterion changes
every application's standing, so each change judges again what depends on it: the score
summaries the committee's table reads, the minimum criteria gate and the scoring gate."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action

from ..events import CRITERION_REMOVED, CRITERION_SAVED
from ..models import (
    Application,
    Competition,
    Criterion,
    CriterionKind,
    DecisionStatus,
    Gate,
    Score,
    Status,
)
from ..permissions import MANAGE
from .common import require
from .summaries import refresh_summaries


def _refuse_when_signed(competition: Competition) -> None:
    if competition.decisions.filter(status=DecisionStatus.SIGNED).exists():
        raise ValidationError(_("The decision is signed: the criteria no longer change."))


def save_criterion(criterion: Criterion, *, by: Any) -> Criterion:
    """Adds or changes a criterion of the call and judges every application again by the
    criteria as they now are."""
    competition = criterion.competition
    require(by, MANAGE, competition)
    _refuse_when_signed(competition)
    with transaction.atomic():
        attribute_to(criterion, by).save()
        log_action(competition, CRITERION_SAVED, by=by, data={"criterion": criterion.code})
        rejudge(competition)
    return criterion


def remove_criterion(criterion: Criterion, *, by: Any) -> None:
    """Removes a criterion nobody has scored yet, and judges every application again."""
    competition = criterion.competition
    require(by, MANAGE, competition)
    _refuse_when_signed(competition)
    if Score.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            _("“%(criterion)s” has been scored already and cannot be removed.")
            % {"criterion": criterion.name}
        )
    with transaction.atomic():
        code = criterion.code
        criterion.delete()
        log_action(competition, CRITERION_REMOVED, by=by, data={"criterion": code})
        rejudge(competition)


def rejudge(competition: Competition) -> None:
    """Every summary computed again, then the gates that read the criteria: the minimum
    criteria (where judged before, or when the call has minimum criteria) and the scoring
    gate of every application with a submitted sheet."""
    from . import gates
    from .committee import judge_scoring

    refresh_summaries(competition)
    has_minimum = competition.criteria.filter(kind=CriterionKind.PASS_FAIL).exists()
    applications = Application.objects.filter(competition=competition).exclude(status=Status.DRAFT)
    for application in applications.select_related("competition"):
        if has_minimum or application.gates.filter(gate=Gate.MINIMUM).exists():
            gates.judge_minimum(application)
        if application.score_sheets.filter(submitted_at__isnull=False).exists():
            judge_scoring(application)

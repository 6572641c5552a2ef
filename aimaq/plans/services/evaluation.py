"""Evaluations against the OECD-DAC criteria, and their recommendations followed up until
closed: an owner, a deadline, the management response, what was done."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.accounts.models import Organisation
from aimaq.core.activity import attribute_to, log_action

from .. import events
from ..models import (
    Criterion,
    CriterionRating,
    Evaluation,
    FollowUp,
    Plan,
    Recommendation,
    RecommendationStatus,
    ResponseKind,
)
from ..permissions import CHANGE
from .common import require


def add_evaluation(
    plan: Plan,
    *,
    title: str,
    completed_on: date,
    ratings: Mapping[str, tuple[int, str]],
    evaluator: str = "",
    summary: str = "",
    by: Any,
    is_demo: bool = False,
) -> Evaluation:
    """An evaluation with a rating and its evidence for each OECD-DAC criterion rated."""
    require(by, CHANGE, plan)
    unknown = set(ratings) - set(Criterion.values)
    if unknown:
        raise ValidationError(
            _("Unknown criteria: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    for criterion, (_rating, evidence) in ratings.items():
        if not evidence.strip():
            raise ValidationError(
                {
                    criterion: _("Give the evidence for the rating of %(criterion)s.")
                    % {"criterion": Criterion(criterion).label}
                }
            )
    with transaction.atomic():
        evaluation = Evaluation(
            plan=plan,
            title=title,
            completed_on=completed_on,
            evaluator=evaluator,
            summary=summary,
            is_demo=is_demo,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        evaluation.full_clean()
        attribute_to(evaluation, by).save()
        CriterionRating.objects.bulk_create(
            CriterionRating(
                evaluation=evaluation, criterion=criterion, rating=rating, evidence=evidence
            )
            for criterion, (rating, evidence) in ratings.items()
        )
        log_action(evaluation, events.EVALUATION_ADDED, by=by)
    return evaluation


def publish_evaluation(evaluation: Evaluation, *, by: Any) -> Evaluation:
    require(by, CHANGE, evaluation)
    with transaction.atomic():
        evaluation.is_published = True
        attribute_to(evaluation, by).save()
        log_action(evaluation, events.EVALUATION_PUBLISHED, by=by)
    return evaluation


def add_recommendation(
    evaluation: Evaluation, *, text: str, owner: Organisation, deadline: date, by: Any
) -> Recommendation:
    require(by, CHANGE, evaluation)
    if not text.strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    recommendation = Recommendation(
        evaluation=evaluation, text=text.strip(), owner=owner, deadline=deadline
    )
    recommendation.full_clean()
    attribute_to(recommendation, by).save()
    return recommendation


def respond(recommendation: Recommendation, *, response: str, text: str, by: Any) -> Recommendation:
    """The management response of the owner: accepted, partly or rejected, and why."""
    require(by, CHANGE, recommendation)
    if response not in (ResponseKind.ACCEPTED, ResponseKind.PARTLY, ResponseKind.REJECTED):
        raise ValidationError({"response": _("Choose the response.")})
    with transaction.atomic():
        recommendation.response = response
        recommendation.response_text = text.strip()
        if recommendation.status == RecommendationStatus.OPEN and response != ResponseKind.REJECTED:
            recommendation.status = RecommendationStatus.IN_PROGRESS
        attribute_to(recommendation, by).save()
        log_action(recommendation, events.RESPONSE_GIVEN, by=by)
    return recommendation


def follow_up(
    recommendation: Recommendation, *, note: str, by: Any, on: date | None = None
) -> FollowUp:
    require(by, CHANGE, recommendation)
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    with transaction.atomic():
        entry = FollowUp.objects.create(
            recommendation=recommendation,
            note=note.strip(),
            on=on or timezone.localdate(),
            by=by if getattr(by, "is_authenticated", False) else None,
        )
        log_action(recommendation, events.FOLLOWED_UP, by=by)
    return entry


def close_recommendation(recommendation: Recommendation, *, by: Any) -> Recommendation:
    require(by, CHANGE, recommendation)
    if recommendation.response == ResponseKind.PENDING:
        raise ValidationError(_("Give the management response before closing."))
    with transaction.atomic():
        recommendation.status = RecommendationStatus.CLOSED
        recommendation.closed_on = timezone.localdate()
        attribute_to(recommendation, by).save()
        log_action(recommendation, events.RECOMMENDATION_CLOSED, by=by)
    return recommendation


def overdue(recommendations) -> list[Recommendation]:
    today = timezone.localdate()
    return [
        r for r in recommendations if r.status != RecommendationStatus.CLOSED and r.deadline < today
    ]

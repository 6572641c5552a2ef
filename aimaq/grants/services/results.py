"""Publishing the results, telling every applicant (their score by criterion and how to
appeal), and appeals: lodged within the call's period, answered and decided, each logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action
from aimaq.core.notifications import Message, notify

from ..events import APPEAL_ANSWERED, APPEAL_DECIDED, APPEAL_LODGED, RESULTS_PUBLISHED
from ..models import Appeal, AppealStatus, Application, Competition, DecisionLine, Outcome, Status
from ..permissions import APPEAL, MANAGE
from .common import require
from .decision import latest_decision


@dataclass(frozen=True)
class Recipient:
    """An applicant as the notifications part reads a person (an account is not needed:
    paper applicants are reached at the contacts they gave)."""

    email: str
    phone: str
    preferred_language: str
    name: str

    def __str__(self) -> str:
        return self.name


def recipient(application: Application) -> Recipient:
    account = application.applicant
    return Recipient(
        email=application.email or getattr(account, "email", ""),
        phone=application.phone or getattr(account, "phone", ""),
        preferred_language=application.language or getattr(account, "preferred_language", ""),
        name=application.applicant_name,
    )


def publish_results(
    competition: Competition,
    *,
    by: Any,
    site: str = "",
    notify_applicants: bool = True,
    at: datetime | None = None,
) -> list[Message]:
    """Publishes the signed decision's results and tells every applicant the outcome, their
    score by criterion and how to appeal; returns the messages sent. (`notify_applicants`
    and `at` serve records of past competitions, such as the demo's.)"""
    require(by, MANAGE, competition)
    decision = latest_decision(competition, signed=True)
    if decision is None:
        raise ValidationError(
            _("Results are published from a signed decision; none is signed yet.")
        )
    criteria = {c.code: c for c in competition.criteria.filter(kind="scored")}
    sent = []
    with transaction.atomic():
        competition.results_published_at = at or timezone.now()
        competition.save(update_fields=["results_published_at"])
        log_action(competition, RESULTS_PUBLISHED, by=by, data={"version": decision.version})
    lines = decision.lines.select_related("application", "application__applicant")
    for line in lines if notify_applicants else []:
        application = line.application
        if application.status == Status.WITHDRAWN:
            continue
        message = notify(
            recipient(application), "grants/notifications/decision", _context(line, criteria, site)
        )
        if message is not None:
            sent.append(message)
    return sent


def _context(line: DecisionLine, criteria: dict, site: str) -> dict[str, Any]:
    application = line.application
    competition = application.competition
    scores = [(criteria[code], value) for code, value in line.criteria.items() if code in criteria]
    return {
        "application": application,
        "competition": competition,
        "outcome": Outcome(line.outcome).label,
        "funded": line.outcome in (Outcome.SELECTED, Outcome.REDUCED),
        "amount": line.amount,
        "score": line.score,
        "scores": scores,
        "rank": line.rank,
        "appeals_until": competition.appeals_until,
        "url": site + reverse("grants:application", args=[application.pk]),
    }


def lodge_appeal(application: Application, text: str, *, by: Any) -> Appeal:
    """The applicant appeals the decision on their application, within the call's period."""
    require(by, APPEAL, application)
    until = application.competition.appeals_until
    if until is not None and timezone.localdate() > until:
        raise ValidationError(
            _("Appeals were accepted until %(date)s.")
            % {"date": date_format(until, "SHORT_DATE_FORMAT")}
        )
    if not text.strip():
        raise ValidationError(_("Say what the appeal is about."))
    with transaction.atomic():
        appeal = Appeal.objects.create(application=application, text=text.strip(), lodged_by=by)
        log_action(application, APPEAL_LODGED, by=by)
    return appeal


def answer_appeal(appeal: Appeal, *, answer: str, status: str, by: Any) -> Appeal:
    """An official answers the appeal and records the decision on it (upheld, rejected, or
    answered while the committee considers it)."""
    require(by, MANAGE, appeal.application.competition)
    if status not in (AppealStatus.ANSWERED, AppealStatus.UPHELD, AppealStatus.REJECTED):
        raise ValidationError(_("Choose what was decided on the appeal."))
    with transaction.atomic():
        appeal.answer = answer.strip()
        appeal.answered_by = by
        appeal.answered_at = timezone.now()
        appeal.status = status
        if status in (AppealStatus.UPHELD, AppealStatus.REJECTED):
            appeal.decided_at = timezone.now()
        appeal.save()
        event = APPEAL_ANSWERED if status == AppealStatus.ANSWERED else APPEAL_DECIDED
        log_action(appeal.application, event, by=by, data={"comment": appeal.answer})
    return appeal

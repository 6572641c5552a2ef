"""The workflow of a version: draft → public consultation → agreed with the community →
approved → in implementation → completed, every step in the action log.

Editors in the plan's scope move it, except the approval: only an approver seat records it,
only for an agreed version whose quality check passes, with the approving body, the decision
number and its date. Approval freezes the situation analysis's figures and the version;
an approved amendment replaces the version before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.accounts.models import Organisation
from aimaq.core.activity import log_action
from aimaq.core.permissions import can

from .. import events
from ..models import Approver, Plan, PlanVersion, VersionStatus
from ..permissions import APPROVE, CHANGE
from .common import require

S = VersionStatus


@dataclass(frozen=True)
class Step:
    """A transition a person may take: its target status and the words on its button."""

    to: str
    event: str
    approval: bool = False


STEPS: dict[str, tuple[Step, ...]] = {
    S.DRAFT: (Step(S.CONSULTATION, events.CONSULTATION),),
    S.CONSULTATION: (Step(S.AGREED, events.AGREED), Step(S.DRAFT, events.BACK_TO_DRAFT)),
    S.AGREED: (
        Step(S.APPROVED, events.APPROVED, approval=True),
        Step(S.DRAFT, events.BACK_TO_DRAFT),
    ),
    S.APPROVED: (Step(S.IN_IMPLEMENTATION, events.IMPLEMENTATION),),
    S.IN_IMPLEMENTATION: (Step(S.COMPLETED, events.COMPLETED),),
}


def next_steps(version: PlanVersion, user: Any) -> list[Step]:
    """The steps `user` may take from the version's status now."""
    steps = []
    for step in STEPS.get(version.status, ()):
        if step.approval:
            if can(user, APPROVE, version):
                steps.append(step)
        elif can(user, CHANGE, version.plan):
            steps.append(step)
    return steps


def move(
    version: PlanVersion, to: str, *, by: Any, agreed_on: date | None = None, note: str = ""
) -> PlanVersion:
    """Take the editor's step to status `to` (not the approval: see `approve`). The given
    object is brought up to date too."""
    given = version
    version.refresh_from_db(fields=["status"])
    step = next((s for s in STEPS.get(version.status, ()) if s.to == to), None)
    if step is None or step.approval:
        raise ValidationError(
            _("A version that is %(status)s cannot go to this step.")
            % {"status": version.get_status_display()}
        )
    require(by, CHANGE, version.plan)
    fields = ["status", "is_public"]
    with transaction.atomic():
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if to == S.AGREED:
            if agreed_on is None:
                raise ValidationError({"agreed_on": _("Give the date of the agreement.")})
            version.agreed_on = agreed_on
            version.agreement_note = note
            fields += ["agreed_on", "agreement_note"]
        version.status = to
        version.is_public = to != S.DRAFT
        version.save(update_fields=fields)
        _publish_plan(version.plan)
        log_action(version, step.event, by=by, data={"number": version.number})
    _sync(given, version, fields)
    return version


def _sync(given: PlanVersion, saved: PlanVersion, fields: list[str]) -> None:
    for name in fields:
        setattr(given, name, getattr(saved, name))


def approve(
    version: PlanVersion,
    *,
    by: Any,
    body: Organisation | None,
    decision_number: str,
    decision_date: date,
) -> PlanVersion:
    """Record the approval of an agreed version. Refused unless `by` holds an approver seat
    over the plan's territory and the quality check passes; the figures of the situation
    analysis are frozen with the note of their date."""
    from ..evidence import freeze_evidence
    from ..quality import check_quality
    from ..scorecard import refresh_scores

    given = version
    version.refresh_from_db(fields=["status"])
    if not can(by, APPROVE, version):
        raise PermissionDenied(_("Only an approver of this territory records an approval."))
    errors = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Give the number of the decision.")
    if decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision cannot be dated in the future.")
    body = body or _seat_body(version, by)
    if body is None:
        errors["body"] = _("Name the approving body.")
    if errors or body is None:
        raise ValidationError(errors)
    report = check_quality(version)
    if not report.passed:
        raise ValidationError(
            _("The quality check has %(count)s failures; fix them before approval.")
            % {"count": len(report.findings)},
            code="quality",
        )
    with transaction.atomic():
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        freeze_evidence(version)
        previous = _in_force_before(version)
        version.status = S.APPROVED
        if previous is not None and previous.status in (S.IN_IMPLEMENTATION, S.COMPLETED):
            version.status = S.IN_IMPLEMENTATION
        version.is_public = True
        version.approving_body = body
        version.decision_number = decision_number.strip()
        version.decision_date = decision_date
        version.approved_by = by
        version.approved_at = timezone.now()
        version.save(
            update_fields=[
                "status",
                "is_public",
                "approving_body",
                "decision_number",
                "decision_date",
                "approved_by",
                "approved_at",
            ]
        )
        facts = {
            "decision": version.decision_number,
            "date": decision_date.isoformat(),
            "body": body.name,
            "number": version.number,
        }
        log_action(version, events.APPROVED, by=by, data=facts)
        if previous is not None:
            previous.status = S.SUPERSEDED
            previous.save(update_fields=["status"])
            log_action(previous, events.SUPERSEDED, by=by, data={"number": version.number})
        _publish_plan(version.plan)
        refresh_scores(version.plan)
    _sync(
        given,
        version,
        [
            "status",
            "is_public",
            "approving_body",
            "decision_number",
            "decision_date",
            "approved_by",
            "approved_at",
        ],
    )
    return version


def _seat_body(version: PlanVersion, by: Any) -> Organisation | None:
    seats = Approver.objects.filter(user=getattr(by, "pk", None)).select_related(
        "territory", "body"
    )
    for seat in seats:
        if seat.territory.contains(version.plan.territory):
            return seat.body
    return None


def _in_force_before(version: PlanVersion) -> PlanVersion | None:
    return (
        version.plan.versions.filter(
            number__lt=version.number,
            status__in=(S.APPROVED, S.IN_IMPLEMENTATION, S.COMPLETED),
        )
        .order_by("-number")
        .first()
    )


def _publish_plan(plan: Plan) -> None:
    public = plan.versions.filter(is_public=True).exists()
    if plan.is_published != public:
        Plan.objects.filter(pk=plan.pk).update(is_published=public)
        plan.is_published = public

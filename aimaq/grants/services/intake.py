"""Applications coming in: drafts saved online, budgets with their totals, documents,
submission (refused while an automatic gate fails, with every reason), paper intake with a
receipt and a second official's confirmation, withdrawal at any stage."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action
from aimaq.core.attachments import Kind, attach, check_upload
from aimaq.core.attachments.models import Attachment
from aimaq.core.money import MAX_TENGE, grouped_tenge

from ..events import DOCUMENT_ATTACHED, PAPER_CONFIRMED, PAPER_ENTERED, SUBMITTED, WITHDRAWN
from ..models import Application, BudgetLine, Channel, Competition, Status
from ..permissions import APPLY, CONFIRM, EDIT_APPLICATION, INTAKE, VIEW_APPLICATION, WITHDRAW
from ..rules.reasons import reason_text
from . import gates
from .common import require

APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_name",
    "business_name",
    "territory",
    "sector",
    "description",
    "jobs_planned",
    "iin",
    "bin",
    "phone",
    "email",
    "address",
    "language",
)


def next_case_number(competition: Competition) -> str:
    """G<competition>-<n>, n one more than the highest so far (three digits at least)."""
    prefix = f"G{competition.pk}-"
    numbers = Application.objects.filter(competition=competition).values_list(
        "case_number", flat=True
    )
    highest = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


def _create(competition: Competition, **fields: Any) -> Application:
    """Create with the next case number; a number taken at the same moment is retried."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Application.objects.create(
                    competition=competition, case_number=next_case_number(competition), **fields
                )
        except IntegrityError:
            continue
    raise IntegrityError("no free case number")


def _apply_fields(application: Application, data: dict[str, Any]) -> None:
    groups = data.get("priority_groups")
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(application, name, data[name] if data[name] is not None else "")
    if groups is not None:
        application._pending_groups = list(groups)  # type: ignore[attr-defined]


def _save(application: Application, by: Any) -> None:
    attribute_to(application, by).save()
    groups = getattr(application, "_pending_groups", None)
    if groups is not None:
        application.priority_groups.set(groups)


def start_application(competition: Competition, data: dict[str, Any], *, by: Any) -> Application:
    """A draft application of the signed-in person to an open call."""
    require(by, APPLY, competition)
    if not competition.is_open:
        raise ValidationError(_("The call is not open for applications."))
    with transaction.atomic():
        application = _create(
            competition,
            channel=Channel.ONLINE,
            applicant=by,
            **{k: v for k, v in data.items() if k in APPLICATION_FIELDS},
        )
        if data.get("priority_groups") is not None:
            application.priority_groups.set(data["priority_groups"])
    return application


def update_application(application: Application, data: dict[str, Any], *, by: Any) -> Application:
    require(by, EDIT_APPLICATION, application)
    with transaction.atomic():
        _apply_fields(application, data)
        _save(application, by)
    return application


def save_budget(application: Application, lines: Iterable[dict[str, Any]], *, by: Any) -> None:
    """Replaces the budget with `lines` (item, quantity, unit_cost, requested, own), each
    checked (the fund's part and the own part make the line's total, within MAX_TENGE), and
    recomputes the totals (within MAX_TENGE too); nothing is written when a line is wrong."""
    require(by, EDIT_APPLICATION, application)
    built = []
    errors = []
    for number, line in enumerate(lines, start=1):
        candidate = BudgetLine(
            application=application,
            item=str(line["item"]).strip(),
            quantity=Decimal(line.get("quantity") or 1),
            unit_cost=int(line["unit_cost"]),
            requested=int(line.get("requested") or 0),
            own=int(line.get("own") or 0),
        )
        try:
            candidate.clean()
        except ValidationError as error:
            errors.append(_("Line %(number)s: %(problem)s") % {
                "number": number, "problem": " ".join(error.messages),
            })  # fmt: skip
        built.append(candidate)
    total = sum(candidate.total for candidate in built)
    if not errors and total > MAX_TENGE:
        errors.append(
            _("The budget's total %(total)s tenge is more than %(max)s tenge.")
            % {"total": grouped_tenge(total), "max": grouped_tenge(MAX_TENGE)}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application.budget_lines.all().delete()
        for candidate in built:
            attribute_to(candidate, by).save()
        recompute_totals(application)
        attribute_to(application, by).save()


def recompute_totals(application: Application) -> None:
    lines = list(application.budget_lines.all())
    application.total_cost = sum(line.total for line in lines)
    application.requested = sum(line.requested for line in lines)
    application.own_contribution = sum(line.own for line in lines)


def attach_document(application: Application, upload: UploadedFile, *, by: Any) -> Attachment:
    """A PDF or JPG (checked by content and size) stored with the application, readable by
    whoever may see the application."""
    require(by, EDIT_APPLICATION, application)
    checked = check_upload(upload, kinds={Kind.IMAGE, Kind.PDF})
    with transaction.atomic():
        attachment = attach(application, checked, by=by, read_action=VIEW_APPLICATION)
        log_action(application, DOCUMENT_ATTACHED, by=by)
    return attachment


def submit(application: Application, *, by: Any) -> Application:
    """Submits a draft: refused, with every reason, while the formal check or eligibility
    fails (nothing is recorded then); otherwise frozen, judged, checked for duplicates."""
    require(by, EDIT_APPLICATION, application)
    competition = application.competition
    now = timezone.now()
    if now > competition.closes_at:
        raise ValidationError(
            _("The call closed on %(closes)s; nothing can be submitted after the deadline.")
            % {
                "closes": date_format(
                    timezone.localtime(competition.closes_at), "SHORT_DATETIME_FORMAT"
                )
            }
        )
    checks = gates.precheck(application)
    problems = [
        reason_text(reason)
        for outcome in checks.values()
        if not outcome.passed
        for reason in outcome.reasons
    ]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        application.status = Status.SUBMITTED
        application.submitted_at = now
        attribute_to(application, by).save()
        log_action(application, SUBMITTED, by=by)
        gates.judge_automatic(application, by=None)
        gates.flag_duplicates(application)
    return application


def enter_paper(
    competition: Competition,
    data: dict[str, Any],
    lines: Iterable[dict[str, Any]],
    *,
    received_at: datetime,
    documents: int,
    by: Any,
) -> Application:
    """An application handed in on paper, entered by an official: it counts as submitted at
    `received_at` once a second official confirms the entry."""
    require(by, INTAKE, competition)
    with transaction.atomic():
        application = _create(
            competition,
            channel=Channel.PAPER,
            status=Status.DRAFT,
            received_by=by,
            submitted_at=received_at,
            attachments_on_paper=documents,
            **{k: v for k, v in data.items() if k in APPLICATION_FIELDS},
        )
        if data.get("priority_groups") is not None:
            application.priority_groups.set(data["priority_groups"])
        save_budget(application, lines, by=by)
        application.status = Status.AWAITING_CONFIRMATION
        attribute_to(application, by).save()
        log_action(application, PAPER_ENTERED, by=by, data={"documents": documents})
    return application


def confirm_paper(application: Application, *, by: Any) -> Application:
    """A second official (never the one who entered it) confirms the paper entry; the
    application is then submitted as at its receipt, judged and checked for duplicates."""
    if application.received_by_id == getattr(by, "pk", None):
        raise PermissionDenied(_("The official who entered the application cannot confirm it."))
    require(by, CONFIRM, application)
    with transaction.atomic():
        application.status = Status.SUBMITTED
        application.confirmed_by = by
        application.confirmed_at = timezone.now()
        attribute_to(application, by).save()
        log_action(application, PAPER_CONFIRMED, by=by)
        gates.judge_automatic(application, by=None)
        gates.flag_duplicates(application)
    return application


def withdraw(application: Application, *, by: Any) -> Application:
    """The applicant (or an official for them) withdraws the application at any stage."""
    require(by, WITHDRAW, application)
    with transaction.atomic():
        application.status = Status.WITHDRAWN
        application.withdrawn_at = timezone.now()
        attribute_to(application, by).save()
        log_action(application, WITHDRAWN, by=by)
    return application

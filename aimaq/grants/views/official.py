"""Pages of the officials who run a competition: its applications, paper intake and the
receipt, publication of the results, and the follow-up of awards."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aimaq.core.activity import timeline
from aimaq.core.attachments.services import attachments_of
from aimaq.core.documents import render_pdf
from aimaq.core.exports import attachment
from aimaq.core.permissions import allowed_rows, can
from aimaq.core.submissions import sent_once

from ..documents import receipt_document
from ..forms import (
    AgreementForm,
    AwardStatusForm,
    BudgetFormSet,
    PaperIntakeForm,
    ReportForm,
    TrancheForm,
    VisitForm,
    budget_lines,
)
from ..models import Award, DuplicateFlag, Status
from ..permissions import INTAKE, MANAGE, REPORT
from ..selectors.ranking import gate_outcomes, visible_applications
from ..services import followup, intake
from ..services.decision import latest_decision
from ..services.results import publish_results
from .applications import visible_application
from .public import visible_competition


def _managed(request: HttpRequest, pk: int, action: str = MANAGE):
    competition = visible_competition(request, pk)
    if not can(request.user, action, competition):
        raise PermissionDenied
    return competition


def manage(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    if not (can(request.user, MANAGE, competition) or can(request.user, INTAKE, competition)):
        raise PermissionDenied
    applications = list(visible_applications(competition, request.user).order_by("case_number"))
    flagged = set(
        DuplicateFlag.objects.filter(application__in=applications).values_list(
            "application_id", flat=True
        )
    )
    context = {
        "competition": competition,
        "applications": applications,
        "outcomes": gate_outcomes(applications),
        "flagged": flagged,
        "decision": latest_decision(competition, signed=True),
        "may_manage": can(request.user, MANAGE, competition),
        "awards": Award.objects.filter(application__competition=competition).select_related(
            "application"
        ),
        "counts": {
            "submitted": sum(a.status == Status.SUBMITTED for a in applications),
            "awaiting": sum(a.status == Status.AWAITING_CONFIRMATION for a in applications),
            "withdrawn": sum(a.status == Status.WITHDRAWN for a in applications),
        },
        "history": timeline(competition),
    }
    return render(request, "grants/manage.html", context)


@sent_once
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk, INTAKE)
    form = PaperIntakeForm(request.POST or None, request.FILES or None, competition=competition)
    budget = BudgetFormSet(request.POST or None, prefix="budget")
    if request.method == "POST" and form.is_valid() and budget.is_valid():
        data = dict(form.cleaned_data)
        scan = data.pop("scan", None)
        try:
            with transaction.atomic():
                application = intake.enter_paper(
                    competition,
                    data,
                    budget_lines(budget),
                    received_at=data["received_at"],
                    documents=data["documents"],
                    by=request.user,
                )
                if scan:
                    intake.attach_document(application, scan, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Application %(case)s entered. Print the receipt; a second official confirms the entry."
                )
                % {"case": application.case_number},
            )
            return redirect("grants:application", application.pk)
    return render(
        request, "grants/paper.html", {"competition": competition, "form": form, "budget": budget}
    )


def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    if not can(request.user, INTAKE, application.competition) or application.channel != "paper":
        raise PermissionDenied
    data = render_pdf(receipt_document(application, language=request.LANGUAGE_CODE))
    return attachment(
        data, file_name=f"receipt-{application.case_number}.pdf", content_type="application/pdf"
    )


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    try:
        sent = publish_results(
            competition, by=request.user, site=request.build_absolute_uri("/").rstrip("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Results published; %(count)s applicants notified.") % {"count": len(sent)}
        )
    return redirect("grants:manage", pk)


@require_POST
def publish_jobs(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    try:
        count = followup.publish_jobs(competition, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(count)s values of jobs created sent to the indicators.") % {"count": count},
        )
    return redirect("grants:manage", pk)


def _award(request: HttpRequest, pk: int, action: str = MANAGE) -> Award:
    queryset = Award.objects.select_related("application", "application__competition", "decision")
    award = get_object_or_404(allowed_rows(request.user, action, queryset), pk=pk)
    return award


def award_page(request: HttpRequest, pk: int, **forms) -> HttpResponse:
    award = _award(request, pk, REPORT)
    manages = can(request.user, MANAGE, award)
    context = {
        "award": award,
        "application": award.application,
        "competition": award.application.competition,
        "manages": manages,
        "tranches": award.tranches.all(),
        "visits": award.visits.all(),
        "reports": award.reports.all(),
        "photos": attachments_of(award),
        "report_form": forms.get("report_form") or ReportForm(),
    }
    if manages:
        context.update(
            status_form=forms.get("status_form") or AwardStatusForm(),
            agreement_form=AgreementForm(
                initial={
                    "agreement_number": award.agreement_number,
                    "agreement_signed_on": award.agreement_signed_on,
                }
            ),
            tranche_form=forms.get("tranche_form") or TrancheForm(),
            visit_form=forms.get("visit_form") or VisitForm(),
        )
    return render(request, "grants/award.html", context)


def _done(
    request: HttpRequest, pk: int, work, form_name: str, form_class, success: str
) -> HttpResponse:
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            work(form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, success)
            return redirect("grants:award", pk)
    return award_page(request, pk, **{form_name: form})


@require_POST
def award_status(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk)

    def work(data):
        amendment = followup.change_award(
            award, status=data["status"], reason=data["reason"], by=request.user
        )
        if amendment is not None:
            messages.info(
                request,
                _(
                    "An amendment of the decision is drafted: the reserve list moves up once the chair signs it."
                ),
            )

    return _done(
        request, pk, work, "status_form", AwardStatusForm, _("The award's status is recorded.")
    )


@require_POST
def award_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk)
    return _done(
        request, pk,
        lambda d: followup.record_agreement(award, number=d["agreement_number"], signed_on=d["agreement_signed_on"], by=request.user),
        "agreement_form", AgreementForm, _("The agreement is recorded."),
    )  # fmt: skip


@require_POST
def award_tranche(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk)
    return _done(
        request, pk,
        lambda d: followup.add_tranche(award, amount=d["amount"], due_on=d["due_on"], by=request.user),
        "tranche_form", TrancheForm, _("The tranche is planned."),
    )  # fmt: skip


@require_POST
def tranche_paid(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    award = _award(request, pk)
    tranche = get_object_or_404(award.tranches, number=number)
    followup.mark_paid(tranche, paid_on=timezone.localdate(), by=request.user)
    messages.success(request, _("The tranche is recorded as paid."))
    return redirect("grants:award", pk)


@require_POST
def award_visit(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk)
    return _done(
        request, pk,
        lambda d: followup.record_visit(award, visited_on=d["visited_on"], findings=d["findings"], business_status=d["business_status"], by=request.user),
        "visit_form", VisitForm, _("The visit is recorded."),
    )  # fmt: skip


@require_POST
def award_report(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award(request, pk, REPORT)
    return _done(
        request, pk,
        lambda d: followup.submit_report(
            award, period_end=d["period_end"], jobs_created=d["jobs_created"], revenue=d["revenue"],
            notes=d["notes"], photo=d.get("photo"), by=request.user,
        ),
        "report_form", ReportForm, _("The report is submitted."),
    )  # fmt: skip

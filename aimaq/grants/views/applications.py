"""An application's pages: applying, the application itself (what each reader may see and
do on it), its budget, documents, submission, withdrawal and appeal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aimaq.accounts.http import AuthenticatedRequest
from aimaq.core.activity import timeline
from aimaq.core.attachments.services import attachments_of
from aimaq.core.permissions import allowed_rows, can
from aimaq.core.submissions import sent_once
from aimaq.territories.selectors import with_territories

from ..forms import (
    AppealAnswerForm,
    AppealForm,
    ApplicationForm,
    BudgetFormSet,
    DocumentForm,
    MinimumForm,
    OverrideForm,
    budget_lines,
)
from ..models import (
    GATE_ORDER,
    Application,
    CriterionKind,
    DuplicateKind,
    Gate,
    GateResult,
    Status,
)
from ..permissions import (
    APPEAL,
    APPLY,
    CONFIRM,
    DECLARE,
    EDIT_APPLICATION,
    INTAKE,
    MANAGE,
    OVERRIDE,
    SCORE,
    VIEW_APPLICATION,
    WITHDRAW,
)
from ..rules.reasons import reason_text
from ..services import gates as gate_services
from ..services import intake
from ..services.decision import latest_decision
from .public import visible_competition


def visible_application(request: HttpRequest, pk: int) -> Application:
    """The application if the person may see it; 404 otherwise (also after declaring a
    conflict of interest on it)."""
    queryset = with_territories(Application.objects.all(), "territory").select_related(
        "competition", "applicant"
    )
    return get_object_or_404(allowed_rows(request.user, VIEW_APPLICATION, queryset), pk=pk)


@login_required
@sent_once
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    if not can(request.user, APPLY, competition) or not competition.is_open:
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, competition=competition)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        application = intake.start_application(competition, data, by=request.user)
        messages.success(request, _("Draft saved. Add the budget and documents, then submit."))
        return redirect("grants:application", application.pk)
    return render(request, "grants/apply.html", {"competition": competition, "form": form})


def _gate_rows(application: Application) -> list[dict[str, Any]]:
    stored = {g.gate: g for g in GateResult.objects.filter(application=application)}
    rows = []
    for gate in GATE_ORDER:
        result = stored.get(gate)
        rows.append(
            {
                "gate": gate,
                "label": Gate(gate).label,
                "result": result,
                "outcome": result.outcome if result else None,
                "reasons": [reason_text(r) for r in (result.reasons if result else [])],
            }
        )
    return rows


def _budget_formset(application: Application, data: Any = None) -> Any:
    initial = [
        {"item": b.item, "quantity": b.quantity, "unit_cost": b.unit_cost, "requested": b.requested, "own": b.own}
        for b in application.budget_lines.all()
    ]  # fmt: skip
    return BudgetFormSet(data, initial=initial, prefix="budget")


def application_page(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    application = visible_application(request, pk)
    competition = application.competition
    user = request.user
    editable = can(user, EDIT_APPLICATION, application)
    officials = can(user, MANAGE, competition) or can(user, INTAKE, competition)
    own = application.applicant_id is not None and application.applicant_id == user.pk
    duplicates = list(application.duplicate_flags.select_related("other")) if officials else []
    context: dict[str, Any] = {
        "application": application,
        "competition": competition,
        "lines": application.budget_lines.all(),
        "documents": attachments_of(application),
        "gates": _gate_rows(application),
        "shows_personal": own or officials,
        "editable": editable,
        "may_withdraw": can(user, WITHDRAW, application),
        "may_confirm": can(user, CONFIRM, application),
        "may_score": can(user, SCORE, application),
        "may_declare": can(user, DECLARE, application),
        "may_override": can(user, OVERRIDE, application),
        "officials": officials,
        "may_appeal": can(user, APPEAL, application),
        "appeals": application.appeals.all() if (own or officials) else [],
        "duplicates": duplicates,
        "duplicate_elsewhere": any(
            flag.kind == DuplicateKind.SAME_IDENTIFIER
            and flag.other.applicant_id != application.applicant_id
            for flag in duplicates
        ),
        "history": timeline(application) if officials else [],
    }
    if editable:
        context["form"] = forms.get("form") or ApplicationForm(
            instance=application, competition=competition
        )
        context["budget"] = forms.get("budget") or _budget_formset(application)
        context["document_form"] = forms.get("document_form") or DocumentForm()
        if application.status == Status.DRAFT:
            context["precheck"] = {
                str(Gate(gate).label): [reason_text(r) for r in outcome.reasons]
                for gate, outcome in gate_services.precheck(application).items()
                if not outcome.passed
            }
    if context["may_override"]:
        minimum = list(competition.criteria.filter(kind=CriterionKind.PASS_FAIL))
        if minimum:
            checks = {c.criterion_id: c for c in application.minimum_checks.all()}
            initial = {}
            for c in minimum:
                if c.pk in checks:
                    initial[f"met_{c.pk}"] = "1" if checks[c.pk].passed else "0"
                    initial[f"note_{c.pk}"] = checks[c.pk].note
            context["minimum_form"] = MinimumForm(initial=initial, criteria=minimum)
        context["override_form"] = OverrideForm()
        context["answer_form"] = AppealAnswerForm()
    if own and competition.results_are_public:
        decision = latest_decision(competition, signed=True)
        line = decision.lines.filter(application=application).first() if decision else None
        criteria = {c.code: c for c in competition.criteria.filter(kind=CriterionKind.SCORED)}
        context["result_line"] = line
        context["result_scores"] = [
            (criteria[code], value)
            for code, value in (line.criteria if line else {}).items()
            if code in criteria
        ]
        context["appeal_form"] = forms.get("appeal_form") or AppealForm()
    award = getattr(application, "award", None)
    context["award"] = award if (own or officials) else None
    return render(request, "grants/application.html", context)


@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    form = ApplicationForm(request.POST, instance=application, competition=application.competition)
    if not form.is_valid():
        return application_page(request, pk, form=form)
    data = {name: form.cleaned_data[name] for name in form.cleaned_data}
    intake.update_application(Application.objects.get(pk=pk), data, by=request.user)
    messages.success(request, _("Changes saved."))
    return redirect("grants:application", pk)


@require_POST
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    formset = _budget_formset(application, request.POST)
    if not formset.is_valid():
        return application_page(request, pk, budget=formset)
    try:
        intake.save_budget(application, budget_lines(formset), by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return application_page(request, pk, budget=formset)
    messages.success(request, _("Budget saved."))
    return redirect("grants:application", pk)


@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            intake.attach_document(application, form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
    if not form.is_valid():
        return application_page(request, pk, document_form=form)
    messages.success(request, _("Document attached."))
    return redirect("grants:application", pk)


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    application = visible_application(request, pk)
    try:
        action(application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("grants:application", pk)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, intake.submit, _("The application is submitted."))


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, intake.withdraw, _("The application is withdrawn."))


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, intake.confirm_paper, _("The paper entry is confirmed."))


@require_POST
def minimum(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    criteria = list(application.competition.criteria.filter(kind=CriterionKind.PASS_FAIL))
    form = MinimumForm(request.POST, criteria=criteria)
    if not form.is_valid():
        messages.error(request, _("Say for every minimum criterion whether it is met."))
        return redirect("grants:application", pk)
    return _act(
        request,
        pk,
        lambda app, by: gate_services.record_minimum(app, form.findings(), by=by),
        _("The minimum criteria are recorded."),
    )


@require_POST
def override(request: HttpRequest, pk: int, gate: str) -> HttpResponse:
    application = visible_application(request, pk)
    if gate not in Gate.values:
        raise PermissionDenied
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the result and say why the gate is overridden."))
        return redirect("grants:application", pk)
    with transaction.atomic():
        result, _created = GateResult.objects.get_or_create(application=application, gate=gate)
        return _act(
            request,
            pk,
            lambda app, by: gate_services.override_gate(
                result,
                passed=form.cleaned_data["passed"],
                reason=form.cleaned_data["reason"],
                by=by,
            ),
            _("The override is recorded."),
        )


@require_POST
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    from ..services.results import lodge_appeal

    form = AppealForm(request.POST)
    if not form.is_valid():
        return application_page(request, pk, appeal_form=form)
    return _act(
        request,
        pk,
        lambda app, by: lodge_appeal(app, form.cleaned_data["text"], by=by),
        _("Your appeal is lodged; you will receive the answer."),
    )


@require_POST
def answer_appeal(request: HttpRequest, pk: int, appeal_pk: int) -> HttpResponse:
    from ..services.results import answer_appeal as answer

    application = visible_application(request, pk)
    appeal_obj = get_object_or_404(application.appeals, pk=appeal_pk)
    form = AppealAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer and choose the decision."))
        return redirect("grants:application", pk)
    return _act(
        request,
        pk,
        lambda app, by: answer(
            appeal_obj,
            answer=form.cleaned_data["answer"],
            status=form.cleaned_data["status"],
            by=by,
        ),
        _("The answer is recorded."),
    )


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    applications = Application.objects.filter(applicant=request.user).select_related("competition")
    return render(request, "grants/mine.html", {"applications": applications})

"""The call's evaluation criteria, managed by the officials who run the competition: the
list with a form to add one, a criterion's own page to change or remove it. Each change
goes through `services.criteria`, which judges every application again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CriterionForm
from ..models import Competition, Criterion, CriterionKind, DecisionStatus
from ..rules.scoring import max_total
from ..services import criteria as services
from ..services.committee import criterion_rules
from .official import _managed


def _save(request: HttpRequest, form: CriterionForm, competition: Competition) -> bool:
    """Saves a valid form through the service; a refusal lands on the form."""
    if not form.is_valid():
        return False
    criterion = form.save(commit=False)
    criterion.competition = competition
    try:
        services.save_criterion(criterion, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    messages.success(
        request,
        _("The criterion “%(name)s” is saved; every application is judged again.")
        % {"name": criterion.name},
    )
    return True


def criteria(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    form = CriterionForm(request.POST or None, competition=competition)
    if request.method == "POST" and _save(request, form, competition):
        return redirect("grants:criteria", pk)
    listed = list(competition.criteria.all())
    scored = [c for c in listed if c.kind == CriterionKind.SCORED]
    context = {
        "competition": competition,
        "scored": scored,
        "minimum": [c for c in listed if c.kind == CriterionKind.PASS_FAIL],
        "max_total": max_total(criterion_rules(scored)),
        "signed": competition.decisions.filter(status=DecisionStatus.SIGNED).exists(),
        "form": form,
    }
    return render(request, "grants/criteria.html", context)


def criterion(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    found = get_object_or_404(Criterion, competition=competition, pk=criterion_pk)
    form = CriterionForm(request.POST or None, instance=found, competition=competition)
    if request.method == "POST" and _save(request, form, competition):
        return redirect("grants:criteria", pk)
    context = {"competition": competition, "criterion": found, "form": form}
    return render(request, "grants/criterion.html", context)


@require_POST
def remove(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    found = get_object_or_404(Criterion, competition=competition, pk=criterion_pk)
    name = found.name
    try:
        services.remove_criterion(found, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:criterion", pk, criterion_pk)
    messages.success(
        request,
        _("The criterion “%(name)s” is removed; every application is judged again.")
        % {"name": name},
    )
    return redirect("grants:criteria", pk)

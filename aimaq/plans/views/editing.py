"""Writing a draft, section by section. Each block of a section page (SWOT, problems,
goals…) links to its add form, which has a page of its own (`plans:add`, GET): without
JavaScript the link opens that page; with htmx the same GET returns the form alone and it
opens in place. The section page therefore builds no form but the section's text (a plan of
200 actions has long choice lists that every page view would otherwise render).

A valid form goes back to the section at the new element (with htmx the block is swapped
from that page, `hx-select`); invalid input comes back as the form with its errors — in
place with htmx (`HX-Retarget`/`HX-Reselect`), else on the form's own page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from aimaq.core.permissions import can
from aimaq.core.submissions import sent_once

from ..budget import BudgetTable, budget_table
from ..evidence import evidence_view
from ..forms import (
    ActionForm,
    EvidenceForm,
    GoalForm,
    GridForm,
    IndicatorForm,
    OutcomeForm,
    OutputForm,
    ProblemForm,
    SectionTextForm,
    SwotForm,
    TargetsForm,
)
from ..models import (
    Action,
    EvidenceBlock,
    FundingSource,
    Goal,
    Outcome,
    Output,
    PlanIndicator,
    PlanVersion,
    Problem,
    Section,
    SectionText,
    SwotItem,
)
from ..periods import periods_of
from ..permissions import CHANGE
from ..quality import check_quality
from ..selectors import plan_contents
from ..services import remove, set_costs, set_envelope, set_targets, split_targets
from ..services.content import save_element
from .common import back_to, require, version_or_404, version_url

# kind in the URL → (model, form, section, block id on the section page)
KINDS: dict[str, tuple[type[models.Model], type, str, str]] = {
    "evidence": (EvidenceBlock, EvidenceForm, Section.ANALYSIS, "block-evidence"),
    "swot": (SwotItem, SwotForm, Section.ANALYSIS, "block-swot"),
    "problem": (Problem, ProblemForm, Section.ANALYSIS, "block-problems"),
    "goal": (Goal, GoalForm, Section.DIRECTIONS, "block-goals"),
    "outcome": (Outcome, OutcomeForm, Section.DIRECTIONS, "block-goals"),
    "output": (Output, OutputForm, Section.DIRECTIONS, "block-goals"),
    "indicator": (PlanIndicator, IndicatorForm, Section.DIRECTIONS, "block-indicators"),
    "action": (Action, ActionForm, Section.DIRECTIONS, "block-actions"),
}
ADD_LABELS: dict[str, Any] = {
    "evidence": gettext_lazy("Add figures"),
    "swot": gettext_lazy("Add to the SWOT analysis"),
    "problem": gettext_lazy("Add a problem"),
    "goal": gettext_lazy("Add a goal"),
    "outcome": gettext_lazy("Add an outcome"),
    "output": gettext_lazy("Add an output"),
    "indicator": gettext_lazy("Add an indicator"),
    "action": gettext_lazy("Add an action"),
}
SECTION_KINDS: dict[str, tuple[str, ...]] = {
    Section.ANALYSIS: ("evidence", "swot", "problem"),
    Section.DIRECTIONS: ("goal", "outcome", "output", "indicator", "action"),
}


def _writable(request: HttpRequest, pk: int, number: int) -> PlanVersion:
    version = version_or_404(request, pk, number)
    require(request, CHANGE, version)
    return version


def _section_or_404(section: str) -> str:
    if section not in Section.values:
        raise Http404(_("No such section."))
    return section


@login_required
@require_http_methods(["GET", "POST"])
def edit_section(request: HttpRequest, pk: int, number: int, section: str) -> HttpResponse:
    """A section's editing page; POST saves its running text."""
    version = _writable(request, pk, number)
    section = _section_or_404(section)
    row = SectionText.objects.filter(version=version, section=section).first()
    text_form = SectionTextForm(
        request.POST if request.method == "POST" else None,
        instance=row or SectionText(version=version, section=section),
        version=version,
    )
    if request.method == "POST" and text_form.is_valid():
        try:
            save_element(text_form.save(commit=False), by=request.user)
        except ValidationError as error:
            text_form.add_error(None, error)
        else:
            return back_to(request, version_url(version, "plans:edit", section), "block-text")
    return _section_page(request, version, section, text_form=text_form)


def _section_page(
    request: HttpRequest,
    version: PlanVersion,
    section: str,
    *,
    text_form: SectionTextForm | None = None,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    if text_form is None:
        row = SectionText.objects.filter(version=version, section=section).first()
        text_form = SectionTextForm(
            instance=row or SectionText(version=version, section=section), version=version
        )
    contents = plan_contents(version)
    context = {
        "plan": version.plan,
        "version": version,
        "section": section,
        "section_label": Section(section).label,
        "sections": Section.choices,
        "contents": contents,
        "text_form": text_form,
        "add_labels": ADD_LABELS,
        "evidence": [(block, evidence_view(block)) for block in contents.evidence],
    }
    if section == Section.RESOURCES:
        context["quality"] = check_quality(version, budget=contents.budget)
        context["envelope_form"] = bound.get("envelopes") or _envelope_form(
            version, table=contents.budget
        )
    else:
        context["quality"] = check_quality(version)
    return render(request, "plans/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def add_element(request: HttpRequest, pk: int, number: int, kind: str) -> HttpResponse:
    """The add form of `kind`: its own page, or (htmx) the form alone to open in place.
    POST adds the element and goes back to the section at it."""
    version = _writable(request, pk, number)
    if kind not in KINDS:
        raise Http404(_("No such element."))
    model, form_class, section, block = KINDS[kind]
    if request.method == "GET":
        form = form_class(version=version, auto_id=f"{kind}-%s")
        _focus_first(form)
        return _add_form_response(request, version, kind, form)
    form = form_class(
        request.POST, instance=model(version=version), version=version, auto_id=f"{kind}-%s"
    )
    if form.is_valid():
        try:
            with transaction.atomic():
                element = save_element(form.save(commit=False), by=request.user)
                form.save_m2m()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            anchor = f"{kind}-{element.uid}" if kind != "swot" else block
            return back_to(request, version_url(version, "plans:edit", section), anchor)
    return _add_form_response(request, version, kind, form)


def _focus_first(form: Any) -> None:
    """The first field the reader fills (their language's) takes the focus when the form
    opens (htmx focuses an `autofocus` element it swaps in)."""
    for name, field in form.fields.items():
        if not field.widget.is_hidden and name not in form.other_language_fields:
            field.widget.attrs["autofocus"] = True
            return


def _add_form_response(
    request: HttpRequest, version: PlanVersion, kind: str, form: Any
) -> HttpResponse:
    _model, _form_class, section, block = KINDS[kind]
    context = {
        "plan": version.plan,
        "version": version,
        "kind": kind,
        "form": form,
        "block_id": block,
        "label": ADD_LABELS[kind],
        "section": section,
        "section_label": Section(section).label,
    }
    if getattr(request, "htmx", False):
        response = render(request, "plans/partials/add_form.html", {**context, "inline": True})
        if request.method == "POST":  # the errors replace the open form, not the block
            response["HX-Retarget"] = f"#add-{kind}"
            response["HX-Reselect"] = f"#add-{kind}"
            response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "plans/add.html", context)


def _element_or_404(version: PlanVersion, kind: str, uid: str) -> Any:
    if kind not in KINDS:
        raise Http404(_("No such element."))
    element = KINDS[kind][0]._default_manager.filter(version=version, uid=uid).first()
    if element is None:
        raise Http404(_("No such element."))
    return element


@login_required
@require_http_methods(["GET", "POST"])
def edit_element(request: HttpRequest, pk: int, number: int, kind: str, uid: str) -> HttpResponse:
    """One element's page: its form, and for an indicator its period targets, for an action
    its costs per year and source."""
    version = _writable(request, pk, number)
    element = _element_or_404(version, kind, uid)
    _model, form_class, section, _block = KINDS[kind]
    form = form_class(request.POST or None, instance=element, version=version)
    extra_form = _extra_form(request, version, kind, element)
    if request.method == "POST":
        part = request.POST.get("part", "element")
        target = extra_form if part != "element" else form
        if target is not None and target.is_valid():
            try:
                _save_part(request, kind, element, part, target)
            except ValidationError as error:
                target.add_error(None, error)
            else:
                return back_to(request, version_url(version, "plans:element", kind, uid))
    context = {
        "plan": version.plan,
        "version": version,
        "kind": kind,
        "element": element,
        "form": form,
        "extra_form": extra_form,
        "section": section,
        "section_label": Section(section).label,
    }
    return render(request, "plans/element.html", context)


def _extra_form(request: HttpRequest, version: PlanVersion, kind: str, element: Any) -> Any:
    data = (
        request.POST if request.method == "POST" and request.POST.get("part") == "extra" else None
    )
    if kind == "indicator":
        periods = periods_of(version.plan.years, element.frequency)
        if not periods:
            return None
        initial = {target.period: target.value for target in element.targets.all()}
        return TargetsForm(data, periods=periods, initial_targets=initial)
    if kind == "action":
        initial = {(cost.year, cost.source_id): cost.amount for cost in element.costs.all()}
        return GridForm(
            data,
            years=version.plan.years,
            sources=list(FundingSource.objects.all()),
            initial_amounts=initial,
            auto_id="cost-%s",
        )
    return None


def _save_part(request: HttpRequest, kind: str, element: Any, part: str, form: Any) -> None:
    if part == "element":
        with transaction.atomic():
            save_element(form.save(commit=False), by=request.user)
            form.save_m2m()
    elif kind == "indicator":
        set_targets(element, form.targets(), by=request.user)
    elif kind == "action":
        set_costs(element, form.amounts(), by=request.user)


@login_required
@require_POST
def split_indicator_targets(request: HttpRequest, pk: int, number: int, uid: str) -> HttpResponse:
    version = _writable(request, pk, number)
    indicator = _element_or_404(version, "indicator", uid)
    try:
        split_targets(indicator, by=request.user)
    except ValidationError as error:
        from django.contrib import messages

        messages.error(request, " ".join(error.messages))
    return back_to(request, version_url(version, "plans:element", "indicator", uid))


@login_required
@require_POST
def remove_element(request: HttpRequest, pk: int, number: int, kind: str, uid: str) -> HttpResponse:
    version = _writable(request, pk, number)
    element = _element_or_404(version, kind, uid)
    section, block = KINDS[kind][2], KINDS[kind][3]
    remove(element, by=request.user)
    return back_to(request, version_url(version, "plans:edit", section), block)


def _envelope_form(
    version: PlanVersion, data: Any = None, *, table: BudgetTable | None = None
) -> GridForm:
    table = table or budget_table(version)
    return GridForm(
        data,
        years=version.plan.years,
        sources=list(FundingSource.objects.all()),
        initial_amounts=table.envelopes,
        auto_id="envelope-%s",
    )


@login_required
@require_POST
def save_envelopes(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _writable(request, pk, number)
    form = _envelope_form(version, request.POST)
    if form.is_valid() and _saved_envelopes(form, version, by=request.user):
        return back_to(request, version_url(version, "plans:edit", Section.RESOURCES), "envelopes")
    return _section_page(request, version, Section.RESOURCES, bound={"envelopes": form})


def _saved_envelopes(form: GridForm, version: PlanVersion, *, by: Any) -> bool:
    """Every envelope of the grid, or none: a refused amount is named at its cell."""
    with transaction.atomic():
        for source in form.sources:
            for year in form.years:
                name = f"y{year}_s{source.pk}"
                amount = form.cleaned_data.get(name)
                if amount is None:
                    continue
                try:
                    set_envelope(version, year=year, source=source, amount=amount, by=by)
                except ValidationError as error:
                    form.add_error(name, error.messages)
        if form.errors:
            transaction.set_rollback(True)
    return not form.errors


def may_edit(user: Any, version: PlanVersion) -> bool:
    return can(user, CHANGE, version)

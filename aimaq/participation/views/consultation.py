"""Public consultation of a draft plan: the draft's sections with the comments on each,
commenting until the deadline, hiding abuse, and the owner's published summary."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.permissions import allowed_rows, can
from aimaq.territories.selectors import with_territories

from .. import plan_links
from ..forms.consultation import CommentForm, HideForm, OpenForm, SummaryForm
from ..models import Comment, Consultation
from ..permissions import MODERATE, VIEW
from ..services import consultation as services
from .common import form_error, participant_of, visible_or_404


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    rows = allowed_rows(
        request.user,
        VIEW,
        with_territories(Consultation.objects.select_related("version__plan"), "territory"),
    )
    return render(request, "participation/consultations.html", {"consultations": list(rows)})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_open(request: HttpRequest, version_id: int) -> HttpResponse:
    version = get_object_or_404(
        plan_links.PlanVersion.objects.select_related("plan__territory"), pk=version_id
    )
    if not plan_links.may_consult(request.user, version):
        raise PermissionDenied
    existing = Consultation.objects.filter(version=version).first()
    if existing is not None:
        return redirect("participation:consultation", existing.pk)
    form = OpenForm(request.POST or None, initial={"opens_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.open_consultation(
                version,
                opens_on=form.cleaned_data["opens_on"],
                closes_at=form.cleaned_data["closes_at"],
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            return redirect("participation:consultation", consultation.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Open the draft plan to public comments"),
            "submit": _("Open"),
            "intro": version.plan.name,
        },
    )


@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = visible_or_404(
        request, Consultation.objects.select_related("version__plan", "territory"), pk=pk
    )
    version = consultation.version
    sections = plan_links.plan_sections()
    author = participant_of(request)
    form = CommentForm(request.POST or None, sections=sections)
    if request.method == "POST":
        if author is None:
            return redirect(f"{reverse('participation:sign_in')}?next={request.path}")
        if form.is_valid():
            try:
                services.add_comment(
                    consultation,
                    author=author,
                    section=form.cleaned_data["section"],
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Thank you: your comment is published."))
                return redirect(
                    reverse("participation:consultation", args=[pk])
                    + f"#section-{form.cleaned_data['section']}"
                )
    comments = allowed_rows(request.user, VIEW, consultation.comments.all()).order_by(
        "created_at", "pk"
    )
    by_section = defaultdict(list)
    for comment in comments:
        by_section[comment.section].append(comment)
    texts = plan_links.version_sections_text(version)
    may_summarise = plan_links.may_consult(request.user, version) or can(
        request.user, "participation.consult", consultation
    )
    return render(
        request,
        "participation/consultation.html",
        {
            "consultation": consultation,
            "plan": version.plan,
            "version_url": plan_links.version_url(version),
            "sections": [
                (key, label, texts.get(key, ""), by_section.get(key, [])) for key, label in sections
            ],
            "is_open": services.is_open(consultation),
            "form": form,
            "signed_in": author is not None,
            "may_moderate": can(request.user, MODERATE, consultation),
            "hide_form": HideForm(),
            "may_summarise": may_summarise and timezone.now() > consultation.closes_at,
            "summary_form": SummaryForm(
                initial={
                    "taken": consultation.summary_taken,
                    "not_taken": consultation.summary_not_taken,
                }
            ),
        },
    )


@login_required
@require_POST
def consultation_summary(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("version__plan"), pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.publish_summary(
                consultation,
                taken=form.cleaned_data["taken"],
                not_taken=form.cleaned_data["not_taken"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The summary is published with the plan."))
    return redirect("participation:consultation", pk)


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=cid, consultation_id=pk)
    if not can(request.user, MODERATE, comment):
        raise Http404
    form = HideForm(request.POST)
    if form.is_valid():
        services.hide_comment(comment, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The comment is hidden."))
    return redirect("participation:consultation", pk)

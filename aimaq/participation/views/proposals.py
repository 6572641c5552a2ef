"""Citizens' proposals: the public list and map (every point also in the list), a proposal's
page with "my proposal → action → progress", submitting one (similar ones nearby first),
supporting, and the officials' moderation, answers, merges and links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.activity import timeline
from aimaq.core.attachments.services import attachments_of
from aimaq.core.permissions import allowed_rows, can, roots_where
from aimaq.core.submissions import sent_once
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from .. import plan_links
from ..choices import Category, ModerationReason, ProposalStatus
from ..forms.proposals import AnswerForm, LinkForm, MergeForm, ModerationForm, ProposalForm
from ..models import Participant, Proposal
from ..permissions import ACT_FOR, MODERATE, VIEW
from ..services import proposals as services
from .common import form_error, participant_of, visible_or_404


def _public(request: HttpRequest):
    rows = with_territories(Proposal.objects.filter(status=ProposalStatus.PUBLISHED), "territory")
    return allowed_rows(request.user, VIEW, rows)


def _filtered(request: HttpRequest):
    rows = _public(request)
    territory = territory_or_404(request.GET["t"]) if request.GET.get("t") else None
    if territory is not None:
        rows = rows.filter(territory__in=Territory.objects.subtree(territory))
    category = request.GET.get("category", "")
    if category in Category.values:
        rows = rows.filter(category=category)
    return rows, territory, category


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    rows, territory, category = _filtered(request)
    page = Paginator(rows.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participation/proposals.html",
        {
            "page": page,
            "territory": territory,
            "category": category,
            "categories": Category.choices,
            "geojson_url": reverse("participation:proposals_geojson")
            + (f"?{query.urlencode()}" if query else ""),
            "may_moderate": request.user.is_authenticated
            and allowed_rows(
                request.user, MODERATE, Proposal.objects.filter(status=ProposalStatus.PENDING)
            ).exists(),
        },
    )


@require_GET
def proposal_geojson(request: HttpRequest) -> JsonResponse:
    """Published proposals with a place, as GeoJSON points (the map's data; the same
    proposals are in the list)."""
    rows, _territory, _category = _filtered(request)
    labels = dict(Category.choices)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(p.longitude), float(p.latitude)]},
            "properties": {
                "title": p.shown_title,
                "category": str(labels.get(p.category, "")),
                "url": reverse("participation:proposal", args=[p.pk]),
            },
        }
        for p in rows.filter(latitude__isnull=False, longitude__isnull=False)[:2000]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


def _acting_for(request: HttpRequest) -> Participant | None:
    """The resident an official acts for (`?for=`), or the signed-in resident themself."""
    chosen = request.POST.get("for") or request.GET.get("for")
    if chosen and chosen.isdigit():
        participant = Participant.objects.filter(pk=int(chosen)).select_related("residence").first()
        if participant is None or not can(request.user, ACT_FOR, participant):
            raise Http404
        return participant
    return participant_of(request)


def _resident_needed(request: HttpRequest, message: str, *, back: str) -> HttpResponse:
    """What a visitor with no resident record is told: sign in with a code (then back to
    `back`); an official, whose account is nobody's resident record, reads who proposes
    and supports, and what they can do instead."""
    if not request.user.is_authenticated:
        messages.info(request, message)
        return redirect(f"{reverse('participation:sign_in')}?next={back}")
    return render(
        request,
        "participation/residents_only.html",
        {"may_act_for": bool(roots_where(request.user, ACT_FOR))},
    )


def _places(participant: Participant) -> list[tuple[str, str]]:
    home = participant.residence
    chain = [home, *reversed(home.ancestors())] if hasattr(home, "ancestors") else [home]
    return [(t.kato, t.name) for t in chain if t.level != "country"]


@require_http_methods(["GET", "POST"])
@sent_once
def proposal_new(request: HttpRequest) -> HttpResponse:
    author = _acting_for(request)
    if author is None:
        return _resident_needed(
            request,
            _("Sign in with your e-mail or phone to submit a proposal."),
            back=reverse("participation:proposal_new"),
        )
    places = _places(author)
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        places=places,
        initial={"territory": author.residence.kato},
    )
    similar: list[Proposal] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        territory = Territory.objects.current().filter(kato=data["territory"]).first()
        similar = services.similar_nearby(
            category=data["category"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            territory=territory,
        )
        if territory is None:
            form.add_error("territory", _("Choose a place from the list."))
        elif similar and not data.get("checked"):
            fresh = request.POST.copy()
            fresh["checked"] = "True"
            form.data = fresh
            messages.info(
                request,
                _(
                    "Similar proposals are already published nearby. Support one of them, or submit "
                    "yours anyway (attach the photos again)."
                ),
            )
        else:
            try:
                proposal = services.submit_proposal(
                    author=author,
                    territory=territory,
                    category=data["category"],
                    kind=data["kind"],
                    title=data["title"],
                    text=data["text"],
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    photos=data.get("photos") or [],
                    by=request.user,
                )
            except ValidationError as error:
                form_error(form, error)
            except PermissionDenied:
                raise
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your proposal is sent: a moderator publishes it soon, and you will be told."
                    ),
                )
                return redirect("participation:proposal", proposal.pk)
    return render(
        request,
        "participation/proposal_new.html",
        {
            "form": form,
            "similar": similar,
            "author": author,
            "acting_for": author if author.user_id != request.user.pk else None,
        },
    )


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_or_404(
        request, Proposal.objects.select_related("territory", "merged_into", "plan"), pk=pk
    )
    user = request.user
    mine = participant_of(request)
    is_author = mine is not None and proposal.author_id == mine.pk
    may_moderate = can(user, MODERATE, proposal)
    target = services.live(proposal)
    action = plan_links.action_view(target.plan, target.action_uid, user)
    photos = [a for a in attachments_of(proposal) if a.is_image]
    return render(
        request,
        "participation/proposal.html",
        {
            "proposal": proposal,
            "target": target,
            "supports": services.support_count(target),
            "answers": list(target.answers.all()),
            "merged_from": list(Proposal.objects.filter(merged_into=proposal).order_by("pk")),
            "authors": len(services.authors_of(target)),
            "action": action,
            "photos": photos,
            "is_author": is_author,
            "may_support": target.status == ProposalStatus.PUBLISHED,
            "may_moderate": may_moderate,
            "moderation_form": ModerationForm(
                initial={
                    "public_title": proposal.public_title or proposal.title,
                    "public_text": proposal.public_text or proposal.text,
                    "reason": proposal.moderation_reason,
                }
            )
            if may_moderate
            else None,
            "answer_form": AnswerForm() if may_moderate else None,
            "merge_form": MergeForm() if may_moderate else None,
            "link_form": LinkForm(actions=_actions_for(request, proposal))
            if may_moderate
            else None,
            "reason_label": ModerationReason(proposal.moderation_reason).label
            if proposal.moderation_reason
            else "",
            "history": timeline(proposal) if may_moderate else [],
        },
    )


def _actions_for(request: HttpRequest, proposal: Proposal) -> list[tuple[str, str]]:
    """Actions of the plans of the proposal's territory and the territories above it."""
    territories = [proposal.territory, *proposal.territory.ancestors()]
    choices = []
    for territory in territories:
        for plan in plan_links.plans_in(territory):
            for action in plan_links.actions_to_link(plan, request.user):
                choices.append(
                    (f"{plan.pk}:{action.uid}", f"{plan.name} — {action.code}. {action.name}")
                )
    return choices


@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_or_404(request, Proposal.objects.all(), pk=pk)
    supporter = _acting_for(request)
    if supporter is None:
        return _resident_needed(
            request,
            _("Sign in with your e-mail or phone to support a proposal."),
            back=reverse("participation:proposal", args=[pk]),
        )
    try:
        services.support(proposal, supporter, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your support is counted."))
    return redirect("participation:proposal", pk)


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    rows = allowed_rows(
        request.user, MODERATE, Proposal.objects.filter(status=ProposalStatus.PENDING)
    )
    return render(
        request,
        "participation/moderation.html",
        {
            "pending": list(with_territories(rows, "territory").order_by("created_at")[:200]),
        },
    )


def _to_moderate(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(Proposal, pk=pk)
    if not can(request.user, MODERATE, proposal):
        raise PermissionDenied
    return proposal


@login_required
@require_POST
def proposal_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _to_moderate(request, pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.moderate(
                proposal,
                publish=data["decision"] == "publish",
                public_title=data["public_title"],
                public_text=data["public_text"],
                reason=data["reason"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Moderated; the author is told."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("participation:proposal", pk)


@login_required
@require_POST
def proposal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _to_moderate(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(proposal, form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The answer is published."))
    return redirect("participation:proposal", pk)


@login_required
@require_POST
def proposal_merge(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _to_moderate(request, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = Proposal.objects.filter(pk=form.cleaned_data["target"]).first()
        if target is None or not can(request.user, MODERATE, target):
            messages.error(request, _("No proposal you moderate has this number."))
        else:
            try:
                services.merge(proposal, target, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Merged: every author and support now counts there."))
                return redirect("participation:proposal", target.pk)
    return redirect("participation:proposal", pk)


@login_required
@require_POST
def proposal_link(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _to_moderate(request, pk)
    form = LinkForm(request.POST, actions=_actions_for(request, proposal))
    if form.is_valid():
        plan_pk, uid = form.cleaned_data["action"].split(":", 1)
        plan = plan_links.Plan.objects.filter(pk=int(plan_pk)).first()
        try:
            services.link_action(proposal, plan, uid, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Linked: the author follows the action's progress on this page.")
            )
    else:
        messages.error(request, _("Choose an action of the list."))
    return redirect("participation:proposal", pk)

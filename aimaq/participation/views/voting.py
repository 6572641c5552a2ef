"""Voting pages: the identity check the call chooses (a code to the phone, or the eGov /
digital-signature provider), the ballot, the receipt — and the paper ballots an official
enters one by one at a service point. The session keeps the voter's keyed hash for this
call for a few minutes, never the IIN."""

from __future__ import annotations

import time
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from aimaq.core.permissions import can

from ..choices import CallPhase, OnlineCheck
from ..forms.budget import BallotForm, CodeForm, PaperBallotForm, PhoneCheckForm
from ..identity import VerifiedVoter, egov_provider
from ..models import BudgetCall
from ..permissions import ENTER_BALLOTS
from ..services import budget as budget_services
from ..services import voting as services
from .common import form_error, participant_of, visible_or_404

VERIFIED_FOR = 15 * 60  # seconds between the identity check and the ballot


def _key(call: BudgetCall, what: str) -> str:
    return f"participation.vote.{call.pk}.{what}"


def _stored_voter(request: HttpRequest, call: BudgetCall, what: str) -> VerifiedVoter | None:
    stored = request.session.get(_key(call, what))
    if not stored or time.time() - stored.get("at", 0) > VERIFIED_FOR:
        return None
    return VerifiedVoter(**stored["voter"])


def _store_voter(
    request: HttpRequest, call: BudgetCall, what: str, voter: VerifiedVoter, **extra
) -> None:
    request.session[_key(call, what)] = {"voter": asdict(voter), "at": time.time(), **extra}


def _call_for_voting(request: HttpRequest, pk: int) -> BudgetCall:
    return visible_or_404(request, BudgetCall.objects.select_related("territory"), pk=pk)


def _refusals(request: HttpRequest, call: BudgetCall) -> list[str]:
    problems = services.online_eligibility(call, participant_of(request))
    if budget_services.phase_of(call) != CallPhase.VOTING:
        problems.insert(
            0,
            _("Voting is open from %(start)s to %(end)s.")
            % {"start": f"{call.voting_from:%d.%m.%Y}", "end": f"{call.voting_to:%d.%m.%Y}"},
        )
    return problems


@login_required
@require_http_methods(["GET", "POST"])
def vote_start(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for_voting(request, pk)
    problems = _refusals(request, call)
    form = PhoneCheckForm(request.POST or None)
    provider = egov_provider() if call.online_check == OnlineCheck.EGOV else None
    if request.method == "POST" and not problems:
        if call.online_check == OnlineCheck.EGOV:
            if provider is None:
                problems.append(
                    _("Signing with eGov is not connected yet: vote at a service point.")
                )
            else:
                return redirect(
                    provider.start(
                        request,
                        return_url=request.build_absolute_uri(
                            reverse("participation:vote_code", args=[call.pk])
                        ),
                    )
                )
        elif form.is_valid():
            try:
                voter, phone = services.start_phone_check(
                    call,
                    form.cleaned_data["iin"],
                    form.cleaned_data["phone"],
                    user=request.user,
                    language=get_language() or "ru",
                )
            except ValidationError as error:
                form_error(
                    form,
                    error
                    if hasattr(error, "error_dict")
                    else ValidationError({"iin": error.messages}),
                )
            else:
                _store_voter(request, call, "pending", voter, phone=phone)
                return redirect("participation:vote_code", call.pk)
    return render(
        request,
        "participation/vote_start.html",
        {
            "call": call,
            "form": form,
            "problems": problems,
            "egov": call.online_check == OnlineCheck.EGOV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vote_code(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for_voting(request, pk)
    if call.online_check == OnlineCheck.EGOV:
        provider = egov_provider()
        if provider is None:
            return redirect("participation:vote", call.pk)
        try:
            identity = provider.finish(request)
            verified = services.voter_from_provider(call, identity, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("participation:vote", call.pk)
        _store_voter(request, call, "verified", verified)
        return redirect("participation:vote_ballot", call.pk)
    pending = request.session.get(_key(call, "pending"))
    voter = _stored_voter(request, call, "pending")
    if voter is None or pending is None:
        return redirect("participation:vote", call.pk)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            voter = services.finish_phone_check(voter, pending["phone"], form.cleaned_data["code"])
        except ValidationError as error:
            form_error(form, ValidationError({"code": error.messages}))
        else:
            request.session.pop(_key(call, "pending"), None)
            _store_voter(request, call, "verified", voter)
            return redirect("participation:vote_ballot", call.pk)
    return render(
        request,
        "participation/vote_code.html",
        {"call": call, "form": form, "phone": pending["phone"]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def vote_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_for_voting(request, pk)
    voter = _stored_voter(request, call, "verified")
    if voter is None or voter.user_id != request.user.pk:
        messages.info(request, _("Confirm who you are first."))
        return redirect("participation:vote", call.pk)
    projects = budget_services.ballot_projects(call)
    form = BallotForm(request.POST or None, call=call, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            cast = services.cast_ballot(call, voter, form.chosen(), channel="online")
        except ValidationError as error:
            form_error(form, error)
            if getattr(error, "code", None) == "already_voted":
                request.session.pop(_key(call, "verified"), None)
        else:
            request.session.pop(_key(call, "verified"), None)
            request.session[_key(call, "receipt")] = cast.receipt
            return redirect("participation:vote_receipt", call.pk)
    return render(
        request,
        "participation/vote_ballot.html",
        {"call": call, "form": form, "projects": projects},
    )


@login_required
@never_cache
def vote_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt code, shown once: the voter finds their ballot in the public list by it."""
    call = _call_for_voting(request, pk)
    receipt = request.session.pop(_key(call, "receipt"), None)
    if receipt is None:
        return redirect("participation:call", call.pk)
    return render(
        request,
        "participation/vote_receipt.html",
        {
            "call": call,
            "receipt": services.format_receipt(receipt),
            "raw": receipt,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """An official enters paper ballots one by one, under the same rule and the same
    one-ballot-per-person check as online voting."""
    call = _call_for_voting(request, pk)
    if not can(request.user, ENTER_BALLOTS, call):
        raise PermissionDenied
    projects = budget_services.ballot_projects(call)
    form = PaperBallotForm(request.POST or None, call=call, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            cast = services.enter_paper_ballot(
                call, form.cleaned_data["iin"], form.chosen(), by=request.user
            )
        except ValidationError as error:
            about_iin = getattr(error, "code", None) in (
                "iin_format",
                "iin_checksum",
                "iin_date",
                "too_young",
            )
            form_error(form, ValidationError({"iin": error.messages}) if about_iin else error)
        else:
            messages.success(
                request,
                _("Ballot entered. Receipt code for the voter: %(receipt)s")
                % {"receipt": cast.shown},
            )
            return redirect("participation:paper", call.pk)
    return render(
        request,
        "participation/paper_ballot.html",
        {
            "call": call,
            "form": form,
            "entered": call.ballots.filter(channel="paper").count(),
        },
    )

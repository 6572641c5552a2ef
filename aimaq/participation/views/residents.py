"""Residents' own pages: sign in or sign up with a one-time code sent to an e-mail address or
a phone (no password), their data, and deleting it."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aimaq.accounts.http import AuthenticatedRequest

from ..choices import Vulnerable
from ..forms.residents import AddressForm, CodeForm, DeleteForm, SignUpForm
from ..models import BudgetProject, Comment, Proposal, Support, VoterRecord
from ..services import people as services
from .common import form_error, participant_of

PENDING = "participation.pending_address"
CONFIRMED = "participation.confirmed_address"
NEXT = "participation.next"
CONFIRMED_FOR = 15 * 60  # seconds to finish the sign-up after the code
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest) -> str:
    target = request.session.get(NEXT) or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "participation:me"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.GET.get("next"):
        request.session[NEXT] = request.GET["next"]
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            address = services.request_code(
                form.cleaned_data["address"], language=get_language() or "ru"
            )
        except ValidationError as error:
            form_error(form, ValidationError({"address": error.messages}))
        else:
            request.session[PENDING] = address
            return redirect("participation:sign_in_code")
    return render(request, "participation/sign_in.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    address = request.session.get(PENDING)
    if not address:
        return redirect("participation:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.confirm_code(address, form.cleaned_data["code"])
        except ValidationError as error:
            form_error(form, ValidationError({"code": error.messages}))
        else:
            del request.session[PENDING]
            if user is not None:
                login(request, user, backend=BACKEND)
                return redirect(_next_url(request))
            request.session[CONFIRMED] = {"address": address, "at": time.time()}
            return redirect("participation:sign_up")
    return render(request, "participation/sign_in_code.html", {"form": form, "address": address})


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    confirmed = request.session.get(CONFIRMED) or {}
    if not confirmed or time.time() - confirmed.get("at", 0) > CONFIRMED_FOR:
        request.session.pop(CONFIRMED, None)
        messages.info(request, _("Confirm your e-mail or phone with a code first."))
        return redirect("participation:sign_in")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_resident(
                confirmed["address"],
                full_name=data["full_name"],
                residence=data["residence"],
                sex=data["sex"],
                birth_year=data.get("birth_year"),
                language=get_language() or "",
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            del request.session[CONFIRMED]
            login(request, user, backend=BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect(_next_url(request))
    return render(
        request, "participation/sign_up.html", {"form": form, "address": confirmed["address"]}
    )


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    """Everything Aimaq keeps about the resident, and the way to delete it."""
    participant = participant_of(request)
    context: dict[str, Any] = {"participant": participant, "account": request.user}
    if participant is not None:
        context.update(
            proposals=list(Proposal.objects.filter(author=participant).order_by("-created_at")),
            supports=list(
                Support.objects.filter(participant=participant).select_related("proposal")
            ),
            projects=list(BudgetProject.objects.filter(author=participant).select_related("call")),
            comments=list(
                Comment.objects.filter(author=participant).select_related("consultation")
            ),
            votes=list(VoterRecord.objects.filter(user=request.user).select_related("call")),
            meetings=participant.attendance.count(),
            groups=[label for value, label in Vulnerable.choices if participant.groups[value]],
            may_delete=services.resident_accounts().filter(pk=request.user.pk).exists(),
        )
    return render(request, "participation/me.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_me(request: HttpRequest) -> HttpResponse:
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.delete_resident(user, by=user)
        except ValidationError as error:
            form_error(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data are deleted."))
            return redirect("participation:home")
    return render(request, "participation/delete_me.html", {"form": form})

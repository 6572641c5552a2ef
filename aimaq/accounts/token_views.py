"""The "My API tokens" pages: a person lists, makes and revokes their own tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .http import AuthenticatedRequest
from .tokens import ApiToken, create_token, revoke_token, tokens_of


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the program using it."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The last day it works; leave empty for a token without end."),
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The person's tokens and the form for a new one. A new token's secret is shown in the
    answer to the POST that made it, and never again (the page is not cached)."""
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = create_token(
                    request.user,
                    name=form.cleaned_data["name"],
                    expires_on=form.cleaned_data["expires_on"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field, problem)
            else:
                return render(
                    request,
                    "accounts/token_created.html",
                    {"token": token, "secret": secret, "api_docs": reverse("api:openapi-view")},
                    status=201,
                )
        status = 400
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "api_docs": reverse("api:openapi-view")},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Asks for confirmation, then revokes. Another person's token is not found (404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "POST":
        revoke_token(token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
        )
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_http_methods, require_POST

from aimaq.core.permissions import can, roots_where
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory

from .forms import GrantRoleForm, SignInForm
from .http import AuthenticatedRequest
from .models import RoleGrant, User
from .permissions import GRANT
from .selectors import grant_card, grants_in_subtree, my_grants, territory_url
from .services import (
    GrantRefused,
    RevokeRefused,
    grant_role,
    refusal,
    revoke_role,
    set_preferred_language,
)

GRANTS_PER_PAGE = 50
# Where GrantRoleForm shows a refusal about each part of a grant.
GRANT_FORM_FIELDS = {"user": "username", "territory": "kato", "expires_on": "expires_on"}


def remember_language(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """After signing in, switch the interface to the person's stored language, the way
    set_language does, unless they already chose one in this browser (the switcher's
    cookie): what they just chose wins over what was stored."""
    if user.preferred_language and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            # Django's LoginView names the site by its host ("127.0.0.1:8000") without the
            # sites framework; the frame says Aimaq.
            "site_name": settings.AIMAQ_SITE_NAME,
        }

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        remember_language(self.request, response, form.get_user())
        return response


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET)."""


@require_http_methods(["GET", "POST"])
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie, back to `next`), and for a signed-in person the
    stored preference too, so that the next sign-in keeps the language they chose.

    A visitor's switcher is a link (GET): their pages carry no form, hence no CSRF cookie,
    and can be cached. The link only sets the language cookie; a signed-in person's
    preference changes only through the form (POST, with its CSRF token)."""
    if request.method == "GET":
        return _language_link(request)
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        set_preferred_language(request.user, language)
    return response


def _language_link(request: HttpRequest) -> HttpResponse:
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    language = request.GET.get("language", "")
    if check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@login_required
def my_roles(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/me.html",
        {
            "person": request.user,
            "grant_cards": my_grants(request.user),
            "administered": roots_where(request.user, GRANT),
        },
    )


def refused(request: HttpRequest, territory: Territory) -> HttpResponse:
    return render(
        request,
        "accounts/grants_refused.html",
        {"territory": territory, "message": refusal(territory)},
        status=403,
    )


@login_required
@require_http_methods(["GET", "POST"])
def grants(request: AuthenticatedRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato, current=True)
    if not can(request.user, GRANT, territory):
        return refused(request, territory)
    status = 200
    form = GrantRoleForm(request.POST or None, initial={"kato": territory.kato})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = grant_role(
                by=request.user,
                user=data["username"],
                role=data["role"],
                territory=data["kato"],
                expires_on=data["expires_on"],
            )
        except GrantRefused as error:
            form.add_error(GRANT_FORM_FIELDS[error.field], error.message)
            status = 403
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            messages.success(
                request,
                _("%(person)s holds the role %(role)s over %(territory)s.")
                % {
                    "person": grant.user,
                    "role": grant.get_role_display(),
                    "territory": grant.territory.name,
                },
            )
            return redirect("accounts:grants", kato=territory.kato)
    elif request.method == "POST":
        status = 400
    page = Paginator(grants_in_subtree(territory), GRANTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/grants.html",
        {
            "territory": territory,
            "territory_url": territory_url(territory),
            "form": form,
            "page": page,
            "grant_cards": [grant_card(grant) for grant in page.object_list],
        },
        status=status,
    )


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, kato: str, grant_id: int) -> HttpResponse:
    """Revoke a grant; one's own administrator role only after a confirmation page, and
    never the last administrator's (the grants page says why)."""
    grant = get_object_or_404(RoleGrant.objects.select_related("user", "territory"), pk=grant_id)
    if not can(request.user, GRANT, grant.territory):
        return refused(request, grant.territory)
    summary = {
        "person": grant.user,
        "role": grant.get_role_display(),
        "territory": grant.territory.name,
    }
    try:
        revoke_role(by=request.user, grant=grant, confirmed=request.POST.get("confirmed") == "yes")
    except RevokeRefused as refusal_:
        if refusal_.needs_confirmation:
            context = {"grant": grant, "kato": kato, "message": refusal_.message}
            return render(request, "accounts/revoke_confirm.html", context)
        messages.error(request, refusal_.message)
        return redirect("accounts:grants", kato=kato)
    messages.success(
        request, _("%(person)s no longer holds the role %(role)s over %(territory)s.") % summary
    )
    if not can(request.user, GRANT, grant.territory):
        # One's own role given up: the grants page is no longer theirs to see.
        return redirect("accounts:me")
    return redirect("accounts:grants", kato=kato)

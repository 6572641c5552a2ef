"""Territory pages: thin adapters between the request and the selectors and services."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aimaq.core.activity import timeline
from aimaq.core.permissions import can

from .forms import TerritoryEditForm
from .lookups import territory_or_404
from .permissions import CHANGE
from .responses import geojson_response
from .selectors import (
    as_of,
    first_level_units,
    map_features,
    search_results,
    territory_card,
)
from .services import update_territory

SUGGESTION_LIMIT = 8
RESULT_LIMIT = 30
MAX_QUERY_LENGTH = 100


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]


@require_GET
def territory_index(request: HttpRequest) -> HttpResponse:
    """The list of first-level units, or the results of a search (the no-JS switcher)."""
    query = _query(request)
    results = search_results(query, limit=RESULT_LIMIT) if query else []
    if query.isdigit() and len(query) == 9 and results and results[0].territory.kato == query:
        return redirect("territories:detail", kato=query)
    context = {
        "query": query,
        "results": results,
        "units": [] if query else first_level_units(on=timezone.localdate()),
    }
    return render(request, "territories/index.html", context)


@require_GET
def territory_search(request: HttpRequest) -> HttpResponse:
    """Live suggestions for the territory switcher (an htmx partial)."""
    query = _query(request)
    results = search_results(query, limit=SUGGESTION_LIMIT) if query else []
    return render(request, "territories/_suggestions.html", {"query": query, "results": results})


@require_GET
def territory_detail(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato)
    card = territory_card(territory, on=timezone.localdate())
    context = {
        "card": card,
        "territory": territory,
        "tile_url": getattr(settings, "AIMAQ_TILE_URL", ""),
        "tile_attribution": getattr(settings, "AIMAQ_TILE_ATTRIBUTION", ""),
    }
    return render(request, "territories/detail.html", context)


@require_GET
def territory_map_data(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato)
    collection = map_features(territory, on=as_of(territory, timezone.localdate()))
    return geojson_response(collection)


@require_http_methods(["GET", "POST"])
def territory_edit(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato)
    if not can(request.user, CHANGE, territory):
        raise PermissionDenied
    if territory.valid_to is not None:  # not is_current
        # find_territory falls back to a unit that has ceased; its record is history now.
        refusal = _("This unit ceased on %(day)s; its record is history and cannot be edited.")
        context = {
            "territory": territory,
            "refusal": refusal % {"day": date_format(territory.valid_to)},
        }
        return render(request, "territories/edit.html", context, status=403)
    # The form validates on a copy, so the page keeps the saved name while showing errors.
    form = TerritoryEditForm(request.POST or None, instance=copy.copy(territory))
    if request.method == "POST" and form.is_valid():
        update_territory(territory, by=request.user, data=form.cleaned_data)
        messages.success(request, _("The territory was saved."))
        return redirect("territories:detail", kato=territory.kato)
    context = {"territory": territory, "form": form, "history": timeline(territory)}
    return render(request, "territories/edit.html", context)

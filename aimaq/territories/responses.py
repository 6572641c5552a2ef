"""What the pages and the API answer alike: a unit looked up by its code, a GeoJSON body."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from .kato import KATO_PATTERN
from .models import Territory
from .selectors import find_territory


def territory_or_404(kato: str) -> Territory:
    """The current unit with this code (or the latest that had it); Http404 otherwise."""
    territory = find_territory(kato) if KATO_PATTERN.fullmatch(kato) else None
    if territory is None:
        raise Http404(_("No territory has the KATO code %(code)s.") % {"code": kato})
    return territory


def geojson_response(collection: dict) -> JsonResponse:
    """A GeoJSON FeatureCollection served as application/geo+json, non-ASCII names kept."""
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return response

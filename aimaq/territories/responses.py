"""What the pages and the API answer alike: a unit looked up by its code (see lookups), a
GeoJSON body."""

from __future__ import annotations

from django.http import JsonResponse

from .lookups import territory_or_404

__all__ = ["geojson_response", "territory_or_404"]


def geojson_response(collection: dict) -> JsonResponse:
    """A GeoJSON FeatureCollection served as application/geo+json, non-ASCII names kept."""
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return response

"""The territories part of the JSON API (mounted at /api/territories)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from aimaq.core.api import error_responses
from aimaq.core.i18n import CONTENT_LANGUAGES

from . import responses
from .models import Level, Territory
from .responses import geojson_response
from .selectors import as_of, boundary_collection, light, search_results

router = Router(tags=["territories"])

MAX_PAGE = 500
# Far beyond any real list (KATO has some 17,000 units), and far below what a database
# offset can hold: a larger one is a 422, not a failed query.
MAX_OFFSET = 1_000_000


class Names(Schema):
    kk: str = Field("", description="Name in Kazakh")
    ru: str = Field("", description="Name in Russian")
    en: str = Field("", description="Name in English")


class Centre(Schema):
    lat: float = Field(..., description="Latitude of the administrative centre, WGS84")
    lon: float = Field(..., description="Longitude of the administrative centre, WGS84")


class TerritorySummary(Schema):
    kato: str = Field(..., description="9-digit KATO code", examples=["350000000"])
    name: str = Field(..., description="Name in the requested (or default) language")
    level: Level
    parent_kato: str | None = Field(None, description="KATO code of the parent unit")
    population: int | None = None
    population_year: int | None = None
    valid_from: date
    valid_to: date | None = Field(None, description="Set when the unit has ceased")
    url: str = Field(..., description="The unit's page on the site")


class TerritoryDetail(TerritorySummary):
    names: Names
    centre: Centre | None = None
    has_boundary: bool
    boundary_source: str = ""
    ancestors: list[TerritorySummary] = Field(..., description="From the country down")


class TerritoryPage(Schema):
    count: int = Field(..., description="How many units match, over all pages")
    limit: int
    offset: int
    items: list[TerritorySummary]


class ListFilters(Schema):
    level: Level | None = Field(None, description="Only units of this level")
    parent: str | None = Field(
        None, max_length=20, description="Only children of the unit with this KATO code"
    )
    q: str | None = Field(
        None,
        max_length=200,
        description="Search by KATO code (or prefix) or name, any language or spelling",
    )
    valid_on: date | None = Field(
        None, description="Units valid on this day (default: current units)"
    )
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def summary(territory: Territory) -> dict[str, Any]:
    return {
        "kato": territory.kato,
        "name": territory.name,
        "level": territory.level,
        "parent_kato": territory.parent.kato if territory.parent else None,
        "population": territory.population,
        "population_year": territory.population_year,
        "valid_from": territory.valid_from,
        "valid_to": territory.valid_to,
        "url": reverse("territories:detail", args=[territory.kato]),
    }


def territory_or_404(kato: str) -> Territory:
    """The page's lookup, its 404 turned into the API's {"detail": …} answer."""
    try:
        return responses.territory_or_404(kato)
    except Http404 as exc:
        raise HttpError(404, str(exc)) from exc


@router.get(
    "/",
    response={200: TerritoryPage, **error_responses(404, 422)},
    summary="List territories",
    description="Current units (or those valid on `valid_on`), filtered and paginated. "
    "With `q`, best matches come first; otherwise units are ordered by KATO code.",
)
def list_territories(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    valid = (
        Territory.objects.valid_on(filters.valid_on)
        if filters.valid_on
        else Territory.objects.current()
    )
    units = light(valid, ancestors=1)
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.parent:
        units = units.filter(parent=territory_or_404(filters.parent))
    if filters.q:
        # Search ranks current units; the other filters narrow the ranked list.
        results = search_results(filters.q, limit=200)
        allowed = set(
            units.filter(pk__in=[r.territory.pk for r in results]).values_list("pk", flat=True)
        )
        ranked = [r.territory for r in results if r.territory.pk in allowed]
        return {
            "count": len(ranked),
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [summary(t) for t in ranked[filters.offset : filters.offset + filters.limit]],
        }
    units = units.order_by("kato")
    page = units[filters.offset : filters.offset + filters.limit]
    return {
        "count": units.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [summary(t) for t in page],
    }


@router.get(
    "/{kato}",
    response={200: TerritoryDetail, **error_responses(404)},
    summary="One territory",
    description="The current unit with this code (or the latest that had it), with its "
    "names in every language and its ancestors.",
)
def territory_detail(request: HttpRequest, kato: str) -> dict[str, Any]:
    territory = territory_or_404(kato)
    has_boundary = Territory.objects.filter(pk=territory.pk, boundary__isnull=False).exists()
    return {
        **summary(territory),
        "names": {lang: getattr(territory, f"name_{lang}") for lang in CONTENT_LANGUAGES},
        "centre": (
            {"lat": territory.centre_lat, "lon": territory.centre_lon}
            if territory.has_centre
            else None
        ),
        "has_boundary": has_boundary,
        "boundary_source": territory.boundary_source,
        "ancestors": [summary(unit) for unit in territory.ancestors()],
    }


@router.get(
    "/{kato}/children",
    response={200: list[TerritorySummary], **error_responses(404, 422)},
    summary="Children of a territory",
    description="The units directly below this one, valid on `valid_on` (default: today).",
)
def territory_children(
    request: HttpRequest, kato: str, valid_on: date | None = None
) -> list[dict[str, Any]]:
    territory = territory_or_404(kato)
    day = valid_on or as_of(territory, timezone.localdate())
    children = light(Territory.objects.valid_on(day).filter(parent=territory), ancestors=1)
    return [summary(child) for child in children.order_by("kato")]


GEOJSON_RESPONSES = {
    200: {
        "description": "A GeoJSON FeatureCollection (RFC 7946) with properties kato, name, "
        "level, population, url, boundary_source.",
        "content": {"application/geo+json": {"schema": {"type": "object"}}},
    },
    404: {
        "description": "Unknown code, or no boundary loaded",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    },
    422: {
        "description": "`detail` is neither web nor full",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    },
}


@router.get(
    "/{kato}/boundary.geojson",
    summary="Boundary of a territory",
    description="`detail=web` (default) gives the simplified outline, `detail=full` the loaded one.",
    openapi_extra={"responses": GEOJSON_RESPONSES},
)
def territory_boundary(
    request: HttpRequest, kato: str, detail: Literal["web", "full"] = "web"
) -> JsonResponse:
    unit = territory_or_404(kato)
    territory = Territory.objects.get(pk=unit.pk)
    collection = boundary_collection([territory], full=detail == "full")
    if not collection["features"]:
        raise HttpError(404, f"No boundary is loaded for {kato}.")
    return geojson_response(collection)


@router.get(
    "/{kato}/children.geojson",
    summary="Boundaries of a territory's children",
    description="Children without a loaded boundary are left out.",
    openapi_extra={"responses": GEOJSON_RESPONSES},
)
def children_boundaries(
    request: HttpRequest, kato: str, detail: Literal["web", "full"] = "web"
) -> JsonResponse:
    territory = territory_or_404(kato)
    day = as_of(territory, timezone.localdate())
    children = Territory.objects.valid_on(day).filter(parent=territory)
    collection = boundary_collection(list(children.order_by("kato")), full=detail == "full")
    return geojson_response(collection)

"""Reads that build the territory pages, the map and the API answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from aimaq.core.i18n import CONTENT_LANGUAGES, LANGUAGE_NAMES

from .kato import COUNTRY_CODE
from .models import Level, Territory, TerritoryGroup
from .search import SearchHit, search_territories

# Boundaries are large JSON documents: lists never read them.
HEAVY_FIELDS = ("boundary", "boundary_web")


# Deep enough for a winter camp nested under a village: camp › village › okrug › rayon ›
# oblast › country.
MAX_ANCESTORS = 5


def light(queryset: QuerySet[Territory], *, ancestors: int = 0) -> QuerySet[Territory]:
    """The queryset without boundaries, joined to `ancestors` levels of parents (whose
    boundaries are left out too: a deferred field of the unit itself says nothing about the
    rows that select_related pulls in)."""
    paths = ["parent__" * depth for depth in range(ancestors + 1)]
    if ancestors:
        queryset = queryset.select_related(paths[-1].rstrip("_"))
    return queryset.defer(*[path + name for path in paths for name in HEAVY_FIELDS])


def with_territories(queryset: QuerySet[Any], *paths: str) -> QuerySet[Any]:
    """`queryset` joined to the territories its foreign keys `paths` name, without their
    boundaries: a list of plans or competitions never drags megabytes of geometry along."""
    return queryset.select_related(*paths).defer(
        *[f"{path}__{name}" for path in paths for name in HEAVY_FIELDS]
    )


def as_of(territory: Territory, today: date) -> date:
    """The day to show a unit as of: today, or the last day of a unit that has ceased
    (its children as they were then, not the none that are valid today)."""
    if territory.valid_to is None:
        return today
    return territory.valid_to - timedelta(days=1)


@dataclass(frozen=True)
class LocalName:
    language: str
    language_name: str
    name: str


@dataclass
class TerritoryCard:
    """Everything the territory page shows, read in a handful of queries."""

    territory: Territory
    on: date
    ancestors: list[Territory]
    names: list[LocalName]
    children: list[Territory]
    groups: list[TerritoryGroup]
    successors: list[Territory] = field(default_factory=list)
    has_map_data: bool = False

    @property
    def is_historical(self) -> bool:
        return self.territory.valid_to is not None


def find_territory(kato: str) -> Territory | None:
    """The current unit with this code, or else the most recent unit that had it."""
    units = light(Territory.objects.filter(kato=kato), ancestors=MAX_ANCESTORS)
    current = units.filter(valid_to__isnull=True).first()
    return current or units.order_by("-valid_to").first()


def children_of(territory: Territory, *, on: date) -> QuerySet[Territory]:
    return light(Territory.objects.valid_on(on).filter(parent=territory)).order_by("kato")


def territory_card(territory: Territory, *, on: date) -> TerritoryCard:
    """The territory with its ancestors, names in every language, children valid on `on`
    (on its last day for a unit that has ceased), groups, and where to look now."""
    day = as_of(territory, on)
    children = list(children_of(territory, on=day))
    names = [
        LocalName(lang, LANGUAGE_NAMES[lang], getattr(territory, f"name_{lang}"))
        for lang in CONTENT_LANGUAGES
        if getattr(territory, f"name_{lang}")
    ]
    successors = current_successors(territory) if territory.valid_to else []
    has_map_data = (
        bool(territory.has_centre)
        or Territory.objects.filter(pk=territory.pk, boundary_web__isnull=False).exists()
        or any(child.has_centre for child in children)
        or children_of(territory, on=day).filter(boundary_web__isnull=False).exists()
    )
    return TerritoryCard(
        territory=territory,
        on=day,
        ancestors=territory.ancestors(),
        names=names,
        children=children,
        groups=list(territory.groups.order_by("slug")),
        successors=successors,
        has_map_data=has_map_data,
    )


def current_successors(territory: Territory) -> list[Territory]:
    """Where to look now for a unit that has ceased: the current unit with its code, or
    failing that the current unit that holds its parent's code."""
    current = light(Territory.objects.current())
    same_code = list(current.filter(kato=territory.kato))
    if same_code or territory.parent is None:
        return same_code
    return list(current.filter(kato=territory.parent.kato))


def first_level_units(*, on: date) -> list[Territory]:
    """Oblasts and cities of republican significance valid on `on`."""
    return list(
        light(Territory.objects.valid_on(on))
        .filter(parent__kato=COUNTRY_CODE, parent__level=Level.COUNTRY)
        .filter(level__in=[Level.OBLAST, Level.CITY_REPUBLICAN])
        .order_by("kato")
    )


def groups_with_members(*, on: date) -> list[TerritoryGroup]:
    members = light(Territory.objects.valid_on(on)).order_by("kato")
    return list(TerritoryGroup.objects.prefetch_related(Prefetch("territories", queryset=members)))


@dataclass(frozen=True)
class SearchResult:
    territory: Territory
    hint_kind: str
    hint: str


def search_results(query: str, *, limit: int = 10) -> list[SearchResult]:
    """Search hits as territories (with their parent for context), best first."""
    hits: list[SearchHit] = search_territories(query, limit=limit)
    by_id = light(Territory.objects.filter(pk__in=[hit.territory_id for hit in hits]), ancestors=1)
    territories = {t.pk: t for t in by_id}
    return [
        SearchResult(territories[hit.territory_id], hit.hint_kind, hit.hint)
        for hit in hits
        if hit.territory_id in territories
    ]


# --- GeoJSON -------------------------------------------------------------------------


def geometry_of(geojson: dict | None) -> dict | None:
    """The geometry in a stored GeoJSON value, whether it is a geometry, a Feature or a
    FeatureCollection (several geometries become a GeometryCollection)."""
    if not geojson or not isinstance(geojson, dict):
        return None
    kind = geojson.get("type")
    if kind == "Feature":
        return geometry_of(geojson.get("geometry"))
    if kind == "FeatureCollection":
        parts = [geometry_of(feature) for feature in geojson.get("features", [])]
        parts = [part for part in parts if part]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"type": "GeometryCollection", "geometries": parts}
    if kind in {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    }:
        return geojson
    return None


def feature_properties(territory: Territory, role: str, kind: str) -> dict:
    return {
        "kato": territory.kato,
        "name": territory.name,
        "level": territory.level,
        "level_label": str(territory.get_level_display()),
        "population": territory.population,
        "url": reverse("territories:detail", args=[territory.kato]),
        "role": role,
        "kind": kind,
        "boundary_source": territory.boundary_source if kind == "boundary" else "",
    }


def territory_features(territory: Territory, role: str, boundary: dict | None) -> list[dict]:
    """A boundary feature when one is loaded, else the administrative centre as a point."""
    geometry = geometry_of(boundary)
    if geometry:
        return [
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": feature_properties(territory, role, "boundary"),
            }
        ]
    if territory.has_centre:
        point = {"type": "Point", "coordinates": [territory.centre_lon, territory.centre_lat]}
        return [
            {
                "type": "Feature",
                "geometry": point,
                "properties": feature_properties(territory, role, "centre"),
            }
        ]
    return []


def map_features(territory: Territory, *, on: date) -> dict:
    """A FeatureCollection: the territory's own outline (or centre) and its children's."""
    own = Territory.objects.filter(pk=territory.pk).values_list("boundary_web", flat=True).first()
    features = territory_features(territory, "self", own)
    children = Territory.objects.valid_on(on).filter(parent=territory).defer("boundary")
    for child in children.order_by("kato"):
        features.extend(territory_features(child, "child", child.boundary_web))
    return {"type": "FeatureCollection", "features": features}


def boundary_collection(territories: list[Territory], *, full: bool) -> dict:
    """Boundaries as a FeatureCollection (the full `boundary`, or the simplified one)."""
    features = []
    for territory in territories:
        geometry = geometry_of(territory.boundary if full else territory.boundary_web)
        if geometry is None and not full:
            geometry = geometry_of(territory.boundary)
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": feature_properties(territory, "unit", "boundary"),
            }
        )
    return {"type": "FeatureCollection", "features": features}

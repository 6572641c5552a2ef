from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .admin_scope import ScopedAdminMixin
from .models import Territory, TerritoryGroup

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CountedGroup(TypedDict):
    territory_total: int


# The shape of the KATO tree is registry data: only superusers move, recode or end units.
STRUCTURE_FIELDS = ("kato", "level", "parent", "valid_from", "valid_to")


def describe_geometry(geometry: dict | None) -> str:
    if not geometry:
        return "—"

    def count_points(node: object) -> int:
        if isinstance(node, list | tuple):
            if node and isinstance(node[0], int | float):
                return 1
            return sum(count_points(child) for child in node)
        return 0

    geometries = geometry.get("geometries") or [geometry.get("geometry") or geometry]
    kinds = sorted({str(part.get("type", "?")) for part in geometries if isinstance(part, dict)})
    points = sum(
        count_points(part.get("coordinates", [])) for part in geometries if isinstance(part, dict)
    )
    return ngettext("%(kinds)s, %(points)d point", "%(kinds)s, %(points)d points", points) % {
        "kinds": ", ".join(kinds),
        "points": points,
    }


@admin.register(Territory)
class TerritoryAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("kato", "display_name", "level", "parent", "population", "valid_to")
    list_select_related = ("parent",)
    list_filter = ("level", "valid_to")
    search_fields = ("kato", "name_kk", "name_ru", "name_en")
    autocomplete_fields = ("parent",)
    readonly_fields = ("boundary_summary", "boundary_web_summary")
    fieldsets = (
        (None, {"fields": ("kato", "level", "parent", "name_kk", "name_ru", "name_en")}),
        (_("Population"), {"fields": ("population", "population_year")}),
        (
            _("Map"),
            {
                "fields": (
                    "centre_lat",
                    "centre_lon",
                    "boundary_summary",
                    "boundary_web_summary",
                    "boundary_source",
                )
            },
        ),
        (_("Validity"), {"fields": ("valid_from", "valid_to")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Lists need no geometry: a changelist row must not pull its parent's boundary.
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .defer("boundary", "boundary_web", "parent__boundary", "parent__boundary_web")
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return (*fields, *STRUCTURE_FIELDS, "parent_name")

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.parent is None or request.user.is_superuser:
            return fieldsets
        if self.has_view_permission(request, obj.parent):
            return fieldsets
        # The parent lies outside the reader's scope: its name, not a link they would be
        # refused.
        return [
            (name, {**options, "fields": tuple(
                "parent_name" if field == "parent" else field for field in options["fields"]
            )})
            for name, options in fieldsets
        ]  # fmt: skip

    @admin.display(description=_("parent"))
    def parent_name(self, obj: Territory) -> str:
        return obj.parent.name if obj.parent else "—"

    @admin.display(description=_("name"), ordering="name_ru")
    def display_name(self, obj: Territory) -> str:
        return obj.name

    @admin.display(description=_("boundary (GeoJSON)"))
    def boundary_summary(self, obj: Territory) -> str:
        return describe_geometry(obj.boundary)

    @admin.display(description=_("simplified boundary for the web"))
    def boundary_web_summary(self, obj: Territory) -> str:
        return describe_geometry(obj.boundary_web)


@admin.register(TerritoryGroup)
class TerritoryGroupAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """Groups span territories, so only superusers change them (`can()` finds no territory)."""

    scoped = False
    list_display = ("slug", "display_name", "territory_count")
    search_fields = ("slug", "name_kk", "name_ru", "name_en")
    autocomplete_fields = ("territories",)
    prepopulated_fields = {"slug": ("name_en",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(territory_total=Count("territories"))

    @admin.display(description=_("name"), ordering="name_ru")
    def display_name(self, obj: TerritoryGroup) -> str:
        return obj.name

    @admin.display(description=_("territories"), ordering="territory_total")
    def territory_count(self, obj: WithAnnotations[TerritoryGroup, CountedGroup]) -> int:
        return obj.territory_total

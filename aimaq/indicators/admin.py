from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from aimaq.territories.admin_scope import ScopedAdminMixin

from .models import Category, Dimension, ImportRun, Indicator, ObservationRevision


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_kk", "name_ru", "name_en")
    inlines = [CategoryInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "display_name", "theme", "periodicity", "aggregation", "is_demo")
    list_filter = ("theme", "periodicity", "aggregation", "direction", "is_demo")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    filter_horizontal = ("dimensions",)
    raw_id_fields = ("weight_indicator", "numerator", "denominator")

    @admin.display(description=_("name"), ordering="name_ru")
    def display_name(self, obj: Indicator) -> str:
        return obj.name


# Observations have a composite primary key, which Django's admin cannot show (5.2); their
# values are read on the analysis pages and changed by imports. What imports replaced is
# listed here, read-only.
@admin.register(ObservationRevision)
class ObservationRevisionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "indicator", "territory", "period", "disaggregation", "value", "status", "replaced_at",
    )  # fmt: skip
    list_filter = ("status", "indicator__theme")
    search_fields = ("indicator__code", "territory__kato", "territory__name_ru")
    list_select_related = ("indicator", "territory")

    def get_queryset(self, request):
        return super().get_queryset(request).replaced()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "created_at",
        "created_by",
        "status",
        "rows_total",
        "new",
        "changed",
        "refused",
    )
    list_filter = ("write_job__status", "file_format")
    readonly_fields = (
        "file_name", "kept_file", "file_format", "created_by", "created_at", "confirmed_at",
        "written_at", "status", "rows_total", "new", "changed", "unchanged", "refused",
        "skipped", "left_out", "error_count", "errors", "indicators",
    )  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # who brought which figures stays on record

    @admin.display(description=_("kept file"))
    def kept_file(self, obj: ImportRun) -> str:
        if not obj.file:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.file.url, obj.file.name)

    @admin.display(description=_("status"))  # a property of the run's jobs, not a field
    def status(self, obj: ImportRun) -> str:
        return obj.get_status_display()

"""The back office of plans. Rows are narrowed by the same policies as the pages: a version
(and every element of it) is changed only while it is a draft or under consultation, so an
approved version opens read-only here too — superusers included. The workflow itself
(approval, amendments) happens on the plan pages, where it is logged."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from aimaq.accounts.permissions import GRANT
from aimaq.territories.admin_scope import ScopedAdminMixin

from .models import (
    Action,
    Approver,
    Evaluation,
    FundingSource,
    Goal,
    MonitoringReport,
    Plan,
    PlanIndicator,
    PlanVersion,
    Recommendation,
)
from .permissions import CHANGE, VIEW


class PlansScope(ScopedAdminMixin):
    list_action = VIEW
    change_action = CHANGE


@admin.register(Plan)
class PlanAdmin(PlansScope, SimpleHistoryAdmin):
    list_display = (
        "name_ru",
        "kind",
        "territory",
        "start_year",
        "end_year",
        "is_published",
        "is_demo",
    )
    list_filter = ("kind", "is_published", "is_demo")
    search_fields = ("name_kk", "name_ru", "name_en", "territory__kato")
    raw_id_fields = ("territory", "owner")
    readonly_fields = ("is_published", "created_by")


@admin.register(PlanVersion)
class PlanVersionAdmin(PlansScope, SimpleHistoryAdmin):
    list_display = ("plan", "number", "status", "decision_number", "decision_date")
    list_filter = ("status",)
    search_fields = ("plan__name_ru", "plan__name_kk", "decision_number")
    # Status and approval move only through the workflow, where they are logged.
    readonly_fields = (
        "plan", "number", "status", "based_on", "created_by", "agreed_on", "agreement_note",
        "approving_body", "decision_number", "decision_date", "approved_by", "approved_at",
    )  # fmt: skip

    def has_add_permission(self, request, *args) -> bool:
        return False


class ElementAdmin(PlansScope, SimpleHistoryAdmin):
    search_fields = ("name_kk", "name_ru", "name_en", "code")
    list_select_related = ("version__plan",)
    raw_id_fields: tuple[str, ...] = ("version",)

    def has_add_permission(self, request, *args) -> bool:
        return False  # elements are added on the plan pages, numbered and logged there


@admin.register(Goal)
class GoalAdmin(ElementAdmin):
    list_display = ("code", "name_ru", "version")
    raw_id_fields = ("version", "aligned_to")
    filter_horizontal = ("problems",)


@admin.register(Action)
class ActionAdmin(ElementAdmin):
    list_display = ("code", "name_ru", "version", "status", "starts_on", "ends_on")
    list_filter = ("status",)
    raw_id_fields = ("version", "output", "responsible")
    filter_horizontal = ("goals", "problems")


@admin.register(PlanIndicator)
class PlanIndicatorAdmin(ElementAdmin):
    list_display = ("code", "name_ru", "version", "rule", "frequency")
    raw_id_fields = ("version", "outcome", "output", "indicator", "territory")
    filter_horizontal = ("disaggregations",)


@admin.register(Approver)
class ApproverAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """Approver seats are appointed by administrators of the territory (who grant roles)."""

    list_action = GRANT
    change_action = GRANT
    list_display = ("user", "territory", "body", "appointed_on")
    raw_id_fields = ("user", "territory", "body")


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ru", "kind", "budget_level", "order")
    list_filter = ("kind",)


@admin.register(MonitoringReport)
class MonitoringReportAdmin(PlansScope, SimpleHistoryAdmin):
    list_display = ("plan", "period", "status", "is_demo")
    list_filter = ("status", "period_kind")
    readonly_fields = (
        "plan",
        "version",
        "period",
        "period_kind",
        "status",
        "submitted_at",
        "published_at",
        "created_by",
    )

    def has_add_permission(self, request, *args) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(PlansScope, SimpleHistoryAdmin):
    list_display = ("title", "plan", "completed_on", "is_published")
    raw_id_fields = ("plan",)
    readonly_fields = ("created_by",)


@admin.register(Recommendation)
class RecommendationAdmin(PlansScope, SimpleHistoryAdmin):
    list_display = ("text", "owner", "deadline", "status", "response")
    list_filter = ("status", "response")
    raw_id_fields = ("evaluation", "owner")

"""The back office of grant competitions: officials create a call with its rules, priority
groups, quotas and committee here, within the territories where they run competitions
(`grants.manage`, the same policy as the pages). The rules of money and eligibility are
read-only once an application has been submitted (applications are judged by the rules
as at their submission). Criteria are managed on the competition's criteria page, which
judges every application again; applications, scores and decisions live on the pages
where they are logged."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from aimaq.accounts.models import User
from aimaq.accounts.permissions import VIEW as VIEW_PEOPLE
from aimaq.core.activity import log_action
from aimaq.core.permissions import allowed_rows
from aimaq.territories.admin_scope import ScopedAdminMixin

from .events import CALL_PUBLISHED
from .models import ApplicantType, CommitteeMember, Competition, PriorityGroup, Quota, Status
from .permissions import MANAGE

RULES = (
    "fund", "min_budget", "max_budget", "own_share_min", "own_share_max", "applicant_types",
    "eligible_territories", "applications_per_applicant", "opens_at", "closes_at",
)  # fmt: skip


class CompetitionForm(forms.ModelForm):
    applicant_types = forms.MultipleChoiceField(
        label=_("applicant types"),
        choices=ApplicantType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Competition
        fields = ["applicant_types"]  # the admin adds the rest


class PriorityGroupInline(admin.TabularInline):
    model = PriorityGroup
    extra = 0
    fields = ("code", "name_kk", "name_ru", "name_en", "bonus", "reserved")


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    autocomplete_fields = ("territory",)


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ("user", "role", "interest_group", "affiliation")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        # A list of names rather than a look-up in People, which an official who runs
        # competitions may not open: those they may see, and whoever already sits here.
        formset = super().get_formset(request, obj, **kwargs)
        people = User.objects.filter(is_active=True)
        visible = allowed_rows(request.user, VIEW_PEOPLE, people, own_right=True)
        seated = obj.members.values("user") if obj is not None else []
        field = formset.form.base_fields["user"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = User.objects.filter(
                Q(pk__in=visible.values("pk")) | Q(pk__in=seated)
            ).order_by("last_name", "first_name", "username")
        return formset


@admin.register(Competition)
class CompetitionAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_action = MANAGE
    change_action = MANAGE
    form = CompetitionForm
    list_display = ("name_ru", "territory", "fund", "opens_at", "closes_at", "is_published")
    list_filter = ("is_published", "is_demo", "remainder_rule")
    search_fields = ("name_kk", "name_ru", "name_en")
    raw_id_fields = ("organiser", "territory")
    autocomplete_fields = ("eligible_territories",)
    readonly_fields = ("results_published_at",)
    fieldsets = (
        (_("The call"), {"fields": (
            "name_kk", "name_ru", "name_en", "organiser", "organiser_name_kk",
            "organiser_name_ru", "organiser_name_en", "territory",
        )}),
        (_("Money"), {"fields": (
            "fund", "min_budget", "max_budget", "own_share_min", "own_share_max",
        )}),
        (_("Who may apply"), {"fields": (
            "applicant_types", "eligible_territories", "applications_per_applicant",
        )}),
        (_("Evaluation"), {"fields": (
            "min_total", "remainder_rule", "reduced_floor", "outlier_share", "quorum",
            "max_group_share",
        )}),
        (_("Dates"), {"fields": (
            "announced_on", "opens_at", "closes_at", "committee_on", "results_on",
            "appeals_until",
        )}),
        (_("Texts"), {"fields": (
            "summary_kk", "summary_ru", "summary_en", "documents_kk", "documents_ru",
            "documents_en",
        )}),
        (_("Publication"), {"fields": (
            "is_published", "results_published_at", "is_demo", "source",
        )}),
    )  # fmt: skip
    inlines = (PriorityGroupInline, QuotaInline, CommitteeMemberInline)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.applications.exclude(status=Status.DRAFT).exists():
            return fields + RULES
        return fields

    def save_model(self, request: HttpRequest, obj: Competition, form: Any, change: bool) -> None:
        published_now = obj.is_published and (not change or "is_published" in form.changed_data)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if published_now:
                log_action(obj, CALL_PUBLISHED, by=request.user)

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_scope import ScopedAdminMixin, ScopedInlineMixin
from .models import Organisation, RoleGrant, User
from .permissions import Action, can

# Only superusers may hand out admin-wide powers; scoped staff never edit these.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ("display_name", "kind", "territory", "bin")
    list_filter = ("kind",)
    list_select_related = ("territory",)
    search_fields = ("name_kk", "name_ru", "name_en", "bin", "territory__kato")
    autocomplete_fields = ("territory",)
    fields = ("kind", "name_kk", "name_ru", "name_en", "territory", "bin")

    @admin.display(description=_("name"), ordering="name_ru")
    def display_name(self, obj: Organisation) -> str:
        return obj.name


class RoleGrantInline(ScopedInlineMixin, admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    change_action = Action.GRANT
    fields = ("role", "territory", "expires_on", "granted_by", "granted_at")
    readonly_fields = ("granted_by", "granted_at")
    autocomplete_fields = ("territory",)
    extra = 0


@admin.register(User)
class PersonAdmin(ScopedAdminMixin, SimpleHistoryAdmin, UserAdmin):
    """People: scoped staff see those whose organisation lies where they may grant roles."""

    scope_field = "organisation__territory"
    list_action = Action.GRANT
    change_action = Action.GRANT
    inlines = (RoleGrantInline,)
    list_display = ("username", "first_name", "last_name", "organisation", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "preferred_language", "groups")
    list_select_related = ("organisation",)
    search_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "organisation__name_kk",
        "organisation__name_ru",
        "organisation__name_en",
    )
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("Organisation and contact"),
            {"fields": ("organisation", "position", "phone", "preferred_language")},
        ),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (
            _("Organisation and contact"),
            {"fields": ("organisation", "position", "preferred_language")},
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return (*fields, *SUPERUSER_ONLY_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        grants = formset.save(commit=False)
        for grant in [*grants, *formset.deleted_objects]:
            if not can(request.user, Action.GRANT, grant):
                raise PermissionDenied
        for grant in formset.deleted_objects:
            grant.delete()
        for grant in grants:
            if grant.pk is None:
                grant.granted_by = request.user
            grant.save()
        formset.save_m2m()


@admin.register(RoleGrant)
class RoleGrantAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_action = Action.GRANT
    change_action = Action.GRANT
    list_display = ("user", "role", "territory", "expires_on", "granted_by", "granted_at")
    list_filter = ("role", "expires_on")
    list_select_related = ("user", "territory", "granted_by")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "territory__kato",
        "territory__name_kk",
        "territory__name_ru",
        "territory__name_en",
    )
    raw_id_fields = ("user",)
    autocomplete_fields = ("territory",)
    fields = ("user", "role", "territory", "expires_on", "granted_by", "granted_at")
    readonly_fields = ("granted_by", "granted_at")

    def save_model(self, request: HttpRequest, obj: RoleGrant, form, change: bool) -> None:
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)

import copy

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from aimaq.core.admin import permissions_formfield
from aimaq.core.permissions import allowed_rows
from aimaq.territories.admin_scope import ScopedAdminMixin, ScopedInlineMixin

from .forms import RoleGrantForm, RoleGrantFormSet
from .http import signed_in
from .models import Organisation, RoleGrant, User
from .permissions import GRANT, can_manage_person
from .services import grant_role, is_last_administrator, revoke_role

# Only superusers may hand out admin-wide powers; scoped staff never edit these.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")
# What identifies a grant: changing one of these gives a different grant.
GRANT_KEY_FIELDS = ("user", "role", "territory")


def grant_key(grant: RoleGrant) -> tuple:
    return (grant.user_id, grant.role, grant.territory_id)


def save_grant(request: HttpRequest, grant: RoleGrant) -> RoleGrant:
    """Write a grant edited in the admin through the services, which check it again.

    An existing grant whose person, role or territory changed is revoked and the new one
    granted (the admin runs this inside its transaction: both land or neither).
    """
    if grant.pk is not None:
        original = RoleGrant.objects.select_related("user", "territory").get(pk=grant.pk)
        if grant_key(original) != grant_key(grant):
            revoke_role(by=signed_in(request), grant=original, confirmed=True)
    return grant_role(
        by=signed_in(request),
        user=grant.user,
        role=grant.role,
        territory=grant.territory,
        expires_on=grant.expires_on,
    )


def administers_alone(person: User) -> bool:
    """Is the person the last administrator of some territory (deleting them would leave it
    without one)?"""
    return any(is_last_administrator(grant) for grant in person.role_grants.all())


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


@admin.display(description=_("granted by"))
def granted_by_name(grant: RoleGrant) -> str:
    """Who granted it, named without a link: their page may lie outside the reader's scope."""
    return str(grant.granted_by) if grant.granted_by_id else "—"


class PasswordSummaryWidget(ReadOnlyPasswordHashWidget):
    """The password summary without the "Reset password" button (for readers who may not
    change the person)."""

    template_name = "accounts/widgets/password_summary.html"


class RoleGrantInline(ScopedInlineMixin, admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    change_action = GRANT
    form = RoleGrantForm
    formset = RoleGrantFormSet
    fields = ("role", "territory", "expires_on", "granted_by_name", "granted_at")
    readonly_fields = ("granted_by_name", "granted_at")
    autocomplete_fields = ("territory",)
    extra = 0
    granted_by_name = staticmethod(granted_by_name)

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        kwargs["form"] = RoleGrantForm.for_grantor(signed_in(request))
        return super().get_formset(request, obj, **kwargs)


@admin.register(User)
class PersonAdmin(ScopedAdminMixin, SimpleHistoryAdmin, UserAdmin):
    """People: scoped staff see those whose organisation lies where they may grant roles."""

    list_action = GRANT
    change_action = GRANT
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
        *(UserAdmin.fieldsets or ()),
        (
            _("Organisation and contact"),
            {"fields": ("organisation", "position", "phone", "preferred_language")},
        ),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
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

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "user_permissions":
            # Permissions named in the reader's language, not the English stored with them.
            kwargs["widget"] = admin.widgets.FilteredSelectMultiple(
                db_field.verbose_name, is_stacked=False
            )
            return permissions_formfield(db_field, **kwargs)
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    # The password form (user_change_password) asks has_change_permission too.

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refused_password_page = obj is not None and not self.has_change_permission(request, obj)
        if refused_password_page and "password" in form.base_fields:
            # No button to a password page the reader would be refused.
            password = copy.copy(form.base_fields["password"])
            password.widget = PasswordSummaryWidget()
            form.base_fields = {**form.base_fields, "password": password}
        return form

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and not can_manage_person(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and not can_manage_person(request.user, obj):
            return False
        if obj is not None and administers_alone(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        if any(not can_manage_person(request.user, person) for person in queryset):
            raise PermissionDenied
        if any(administers_alone(person) for person in queryset):
            raise PermissionDenied(
                _("One of these people is the last administrator of a territory.")
            )
        super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        grants = formset.save(commit=False)
        for grant in formset.deleted_objects:
            # As stored, not as the form may have altered it before it was ticked for removal;
            # the form has refused the last administrator's grant already.
            revoke_role(
                by=signed_in(request), grant=RoleGrant.objects.get(pk=grant.pk), confirmed=True
            )
        for grant in grants:
            save_grant(request, grant)


@admin.register(RoleGrant)
class RoleGrantAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_action = GRANT
    change_action = GRANT
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
    # People are looked up among those the staff member sees under People (PersonAdmin's
    # queryset), so neither the search nor a typed id shows a name outside the scope.
    autocomplete_fields = ("user", "territory")
    form = RoleGrantForm
    granted_by_name = staticmethod(granted_by_name)
    fields = ("user", "role", "territory", "expires_on", "granted_by_name", "granted_at")
    readonly_fields = ("granted_by_name", "granted_at")

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        # Another person, role or territory is another grant: revoke this one, add that one.
        return fields if obj is None else (*fields, *GRANT_KEY_FIELDS)

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        kwargs["form"] = RoleGrantForm.for_grantor(signed_in(request))
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = allowed_rows(
                request.user, GRANT, User.objects.all(), own_right=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: RoleGrant, form, change: bool) -> None:
        grant = save_grant(request, obj)
        # The admin goes on with `obj` (its message, log entry and redirect).
        obj.pk, obj.granted_by_id, obj.granted_at = grant.pk, grant.granted_by_id, grant.granted_at
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # The last administrator of a territory stays (grant the role to another first).
        if obj is not None and is_last_administrator(obj):
            return False
        return super().has_delete_permission(request, obj)

    # Deleting goes through the admin's confirmation page: that is the confirmation
    # revoke_role asks of an administrator giving up her own role.

    def delete_model(self, request: HttpRequest, obj: RoleGrant) -> None:
        revoke_role(by=signed_in(request), grant=obj, confirmed=True)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic():  # the bulk action is not wrapped like the change form
            for grant in queryset.select_related("user", "territory"):
                revoke_role(by=signed_in(request), grant=grant, confirmed=True)


# Personal API tokens: read-only, each listed to those who see its owner under People.
from .tokens import ApiToken  # noqa: E402


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made and revoked by their owners on "My API tokens"; the back office only
    shows them (never a secret: it is not stored), to those who see the owner."""

    list_display = ("name", "user", "prefix", "created_at", "expires_on", "last_used_at", "status")
    list_filter = ("expires_on", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username", "user__first_name", "user__last_name")
    fields = list_display[:-1] + ("revoked_at",)
    readonly_fields = fields

    @admin.display(description=_("status"))
    def status(self, obj: ApiToken) -> str:
        return obj.get_status_display()

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        people = allowed_rows(request.user, GRANT, User.objects.all(), own_right=True)
        return super().get_queryset(request).filter(user__in=people)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

"""Admin classes that ask `can()`: a staff member sees and changes only their subtree.

Model permissions (the "Officials" group, see groups.py) decide which kinds of objects a staff
member may open; the mixin narrows that to the territories where they hold a role. Superusers
keep everything.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest

from aimaq.core.permissions import allowed_rows, can, holds, roots_where

from .models import Territory
from .permissions import CHANGE, VIEW

if TYPE_CHECKING:
    # The mixins go before a ModelAdmin or an inline (with simple-history's admin, whose
    # methods they extend) in the class bases; typed as that untyped base.
    from simple_history.admin import SimpleHistoryAdmin as AdminBase
else:
    AdminBase = object


class ScopeBase(AdminBase):
    """What the admin and its inlines share: territory choices narrowed to where the staff
    member may `change_action`, and whether they hold that right anywhere."""

    change_action: str = CHANGE

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is Territory and not request.user.is_superuser:
            kwargs["queryset"] = allowed_rows(
                request.user, self.change_action, Territory.objects.current(), own_right=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_scope(self, request: HttpRequest, action: str) -> bool:
        return request.user.is_superuser or bool(roots_where(request.user, action))


class ScopedAdminMixin(ScopeBase):
    """Put before the ModelAdmin class: `class TerritoryAdmin(ScopedAdminMixin, ...)`.

    The model's policy (see aimaq.core.permissions) says where each row lies; `scoped = False`
    lists every row (groups that span territories); `list_action` is the right a staff
    member needs over a row to see it, `change_action` the right to change, add or delete it.
    """

    scoped: bool = True
    list_action: str = VIEW

    # Lists and look-ups

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = super().get_queryset(request)
        if not self.scoped:
            return queryset
        return allowed_rows(request.user, self.list_action, queryset, own_right=True)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        # Found outside the scope too, so that opening someone else's object is refused (403)
        # by the permission checks below rather than reported as missing.
        queryset = super().get_queryset(request)
        field = (
            self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        )
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    # Permissions

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        if not self.scoped:
            return True
        if obj is None:
            return self.has_scope(request, self.list_action)
        return holds(request.user, self.list_action, obj)

    def may_write(self, request: HttpRequest, obj=None) -> bool:
        """Change or delete `obj`, or some object when None: `change_action` over it."""
        if obj is None:
            return self.has_scope(request, self.change_action)
        return can(request.user, self.change_action, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.may_write(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self.may_write(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return super().has_add_permission(request, *args) and self.has_scope(
            request, self.change_action
        )

    # Writes

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        # The object as it will be saved must lie in scope too (a new one, or one whose
        # territory the form changed).
        if not can(request.user, self.change_action, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj) -> None:
        if not can(request.user, self.change_action, obj):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        if any(not can(request.user, self.change_action, obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        # simple-history saves a reverted version on POST after checking only view rights.
        if request.method == "POST" and not request.user.is_superuser:
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        return not request.user.is_superuser or super().revert_disabled(request, obj)


class ScopedInlineMixin(ScopeBase):
    """The same narrowing for an inline: rows listed and written only within scope."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return allowed_rows(
            request.user, self.change_action, super().get_queryset(request), own_right=True
        )

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_add_permission(request, obj) and self.has_scope(
            request, self.change_action
        )

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.has_scope(
            request, self.change_action
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self.has_scope(
            request, self.change_action
        )

"""The admin of Django's and the installed packages' models, where their own labels are
strings no catalog translates: permission names (stored in English when created) and the
task results' column names."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

# The verbs of Django's default model permissions (their codenames start with them).
PERMISSION_VERBS = {"add": "Add", "change": "Change", "delete": "Delete", "view": "View"}


def permission_label(permission: Permission) -> str:
    """ "Territories | territory | Change" in the reader's language: the app, the model and
    the verb, instead of the English name stored with the permission ("Can change
    territory"). A model's history (simple-history) reads "History: territory"."""
    content_type = permission.content_type
    model = content_type.model_class()
    try:
        app = str(apps.get_app_config(content_type.app_label).verbose_name)
    except LookupError:
        app = content_type.app_label
    if model is None:
        return f"{app} | {permission.name}"
    base = getattr(model, "instance_type", None)  # the model a historical model records
    what = str((base or model)._meta.verbose_name)
    if base is not None:
        what = f"{gettext('History')}: {what}"
    verb, _sep, _rest = permission.codename.partition("_")
    if verb not in PERMISSION_VERBS:
        return f"{app} | {what} | {permission.name}"
    return f"{app} | {what} | {gettext(PERMISSION_VERBS[verb])}"


class PermissionsField(forms.ModelMultipleChoiceField):
    """Permissions named with `permission_label`."""

    def label_from_instance(self, obj: Permission) -> str:
        return permission_label(obj)


def permissions_formfield(db_field, **kwargs) -> PermissionsField:
    """The form field for a many-to-many to Permission (groups, people)."""
    queryset = kwargs.pop("queryset", db_field.remote_field.model.objects)
    return db_field.formfield(
        form_class=PermissionsField, queryset=queryset.select_related("content_type"), **kwargs
    )


class GroupAdmin(DjangoGroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            kwargs["widget"] = admin.widgets.FilteredSelectMultiple(
                db_field.verbose_name, is_stacked=False
            )
            return permissions_formfield(db_field, **kwargs)
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's list of task results, its column names translated."""

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult):
        return super().display_run_after(obj)


for model, model_admin in ((Group, GroupAdmin), (DBTaskResult, TaskResultAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

"""Installed packages' apps under names in the reader's language (the admin's index lists
them; their own names are English strings that no catalog translates)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


class TasksDatabaseConfig(TasksAppConfig):
    # django-tasks-db declares verbose_name as a plain str; Django's AppConfig takes a lazy one.
    verbose_name = _("Background tasks")  # type: ignore[assignment]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aimaq.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import registries
        from .jobs.models import Job
        from .jobs.permissions import JobPolicy
        from .notifications import checks  # noqa: F401  (registers the deploy checks)
        from .permissions import register_policy

        register_policy(Job, JobPolicy())

        # The back office belongs to no app of ours: the link shows to staff.
        registries.register_nav_entry(
            "admin", _("Admin"), "admin:index", order=900, visible_to=registries.STAFF
        )

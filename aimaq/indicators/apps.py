from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "aimaq.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from aimaq.core import registries
        from aimaq.core.permissions import register_policy

        from .dashboard_views import default_dashboard_section
        from .jobs import register_jobs
        from .models import Dashboard, ImportApproval, ImportRun, ObservationRevision
        from .permissions import (
            FOLLOW_IMPORT,
            ApprovalPolicy,
            DashboardPolicy,
            ImportRunPolicy,
            RevisionPolicy,
        )

        register_policy(ImportRun, ImportRunPolicy())
        register_policy(ImportApproval, ApprovalPolicy())
        register_policy(Dashboard, DashboardPolicy())
        register_jobs()
        register_policy(ObservationRevision, RevisionPolicy())

        registries.register_nav_entry("indicators", _("Indicators"), "indicators:list", order=20)
        registries.register_section(
            "territory",
            "indicators",
            "indicators/sections/territory_figures.html",
            slot=registries.ACTIONS,
            order=10,
        )
        registries.register_section(
            "territory",
            "indicators_dashboard",
            "indicators/sections/territory_dashboard.html",
            default_dashboard_section,
            order=20,
        )
        registries.register_demo_loader("indicators", "aimaq.indicators.demo.load_demo_indicators")
        registries.register_protected_file(ImportRun, "file", FOLLOW_IMPORT)
        registries.register_checked_page("indicators:list")
        registries.register_checked_page("indicators:profile", "350000000")
        registries.register_checked_page("indicators:compare", query="t=350000000&t=630000000")
        registries.register_checked_page("indicators:typology", "350000000")
        registries.register_checked_page("indicators:poverty", "350000000")
        registries.register_checked_page("indicators:import", audience=registries.OFFICIAL)

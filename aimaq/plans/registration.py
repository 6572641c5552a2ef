"""Everything the plans app registers with the platform, called from PlansConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_everything() -> None:
    from aimaq.core import registries
    from aimaq.core.permissions import register_policy

    from . import models as m
    from . import permissions as p

    register_policy(m.Plan, p.PlanPolicy())
    register_policy(m.PlanVersion, p.VersionPolicy())
    for model in (
        m.SectionText,
        m.EvidenceBlock,
        m.SwotItem,
        m.Problem,
        m.Goal,
        m.Outcome,
        m.Output,
        m.Action,
        m.ActionCost,
        m.FundingEnvelope,
        m.PlanIndicator,
        m.PeriodTarget,
        m.TraceLink,
    ):
        register_policy(model, p.VersionPolicy(prefix="version"))
    register_policy(m.MonitoringReport, p.ReportPolicy())
    register_policy(m.Evaluation, p.EvaluationPolicy())
    register_policy(m.Recommendation, p.RecommendationPolicy())
    register_policy(m.Approver, p.ApproverPolicy())
    register_policy(m.FundingSource, p.SourcePolicy())
    register_policy(m.ActionPlanImport, p.ImportPolicy())
    registries.register_protected_file(m.ActionPlanImport, "file", p.FOLLOW_IMPORT)

    from .jobs import register_jobs

    register_jobs()

    registries.register_nav_entry("plans", _("Plans"), "plans:list", order=30)
    registries.register_section(
        "territory", "plans", "plans/sections/territory_plans.html", _territory_context, order=20
    )
    registries.register_demo_loader("plans", "aimaq.plans.demo.load_demo_plans")
    registries.grant_officials(
        "plans",
        "view_plan",
        "change_plan",
        "view_planversion",
        "view_monitoringreport",
        "change_monitoringreport",
        "view_evaluation",
        "change_evaluation",
        "view_recommendation",
        "change_recommendation",
    )
    registries.register_checked_page("plans:list")


def _territory_context(request, territory):
    from .selectors import plans_here

    found = plans_here(request.user, territory)
    if not found:
        return None
    return {"plans_here": found}

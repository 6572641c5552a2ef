"""Everything the participation app registers with the platform (ParticipationConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def register_everything() -> None:
    from django.db.models.signals import post_delete, post_save

    from aimaq.core import registries
    from aimaq.core.permissions import register_policy

    from . import models as m
    from . import permissions as p
    from .services.tallies import meeting_changed

    register_policy(m.PlanningProcess, p.ProcessPolicy())
    register_policy(m.ProcessStage, p.StagePolicy())
    register_policy(m.Body, p.BodyPolicy())
    register_policy(m.Membership, p.MembershipPolicy())
    register_policy(m.Meeting, p.MeetingPolicy())
    register_policy(m.Decision, p.MeetingPartPolicy())
    register_policy(m.MeetingOutput, p.MeetingPartPolicy())
    register_policy(m.Participant, p.ParticipantPolicy())
    register_policy(m.Proposal, p.ProposalPolicy())
    register_policy(m.Answer, p.ProposalPartPolicy())
    register_policy(m.BudgetCall, p.CallPolicy())
    register_policy(m.BudgetProject, p.ProjectPolicy())
    register_policy(m.Consultation, p.ConsultationPolicy())
    register_policy(m.Comment, p.CommentPolicy())
    for model in (
        m.VoterRecord,
        m.Ballot,
        m.BallotChoice,
        m.OneTimeCode,
        m.Attendance,
        m.AttendanceCount,
        m.GroupCount,
        m.Support,
    ):
        register_policy(model, p.NeverPublic())

    post_save.connect(meeting_changed, sender=m.Meeting, dispatch_uid="participation-reach")
    post_delete.connect(meeting_changed, sender=m.Meeting, dispatch_uid="participation-reach-gone")
    registries.register_nav_entry(
        "participation", _("Participation"), "participation:home", order=35
    )
    registries.register_section(
        "territory",
        "participation",
        "participation/sections/territory.html",
        _territory_context,
        order=30,
    )
    registries.register_demo_loader("participation", "aimaq.participation.demo.load_demo")
    registries.grant_officials(
        "participation",
        "view_planningprocess",
        "change_planningprocess",
        "view_meeting",
        "change_meeting",
        "view_proposal",
        "view_budgetcall",
        "change_budgetcall",
    )
    for page in ("participation:home", "participation:proposals", "participation:calls"):
        registries.register_checked_page(page)


def _territory_context(request: Any, territory: Any) -> dict | None:
    from .selectors.public import here

    found = here(request.user, territory)
    return found or None

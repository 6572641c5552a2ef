"""The participation app's events in the action log (who did what, in people's words).

An entry's data keeps codes ("done", "chair"), not labels: the words are the reader's,
whatever language the entry was written in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aimaq.core.activity import declare_event

from .choices import ModerationReason, ProjectStatus, ProposalStatus, Seat, StageKind, StageStatus

PROCESS_CREATED = declare_event("participation.process_created", _("started the planning process"))
STAGE_MOVED = declare_event(
    "participation.stage_moved",
    _("set the stage “%(stage)s” to “%(status)s”"),
    coded={"stage": StageKind, "status": StageStatus},
)
MEMBER_SEATED = declare_event(
    "participation.member_seated", _("seated a member (%(seat)s)"), coded={"seat": Seat}
)
MEMBER_LEFT = declare_event("participation.member_left", _("recorded that a member left"))
MEETING_RECORDED = declare_event("participation.meeting_recorded", _("recorded the meeting"))
MEETING_PUBLISHED = declare_event("participation.meeting_published", _("published the meeting"))
ATTENDANCE_ENTERED = declare_event(
    "participation.attendance_entered", _("entered the attendance (%(people)s people)")
)
OUTPUTS_LANDED = declare_event(
    "participation.outputs_landed", _("sent %(count)s outputs to the plan's draft")
)
PARTICIPANT_ENTERED = declare_event(
    "participation.participant_entered", _("registered a resident without internet")
)
RESIDENT_SIGNED_UP = declare_event("participation.resident_signed_up", _("signed up"))
RESIDENT_DELETED = declare_event("participation.resident_deleted", _("deleted their data"))
PROPOSAL_SUBMITTED = declare_event("participation.proposal_submitted", _("submitted the proposal"))
PROPOSAL_ENTERED = declare_event(
    "participation.proposal_entered", _("entered the proposal for a resident")
)
PROPOSAL_MODERATED = declare_event(
    "participation.proposal_moderated",
    _("moderated the proposal (%(decision)s)"),
    coded={"decision": ProposalStatus},
)
PROPOSAL_ANSWERED = declare_event("participation.proposal_answered", _("answered the proposal"))
PROPOSAL_MERGED = declare_event(
    "participation.proposal_merged", _("merged the proposal into no. %(target)s")
)
PROPOSAL_LINKED = declare_event(
    "participation.proposal_linked", _("linked the proposal to a plan action")
)
SUPPORT_ENTERED = declare_event("participation.support_entered", _("entered a resident's support"))
CALL_CREATED = declare_event("participation.call_created", _("created the call"))
CALL_PUBLISHED = declare_event("participation.call_published", _("announced the call"))
PROJECT_SUBMITTED = declare_event("participation.project_submitted", _("submitted the project"))
PROJECT_REVIEWED = declare_event(
    "participation.project_reviewed",
    _("gave the expert review (%(status)s)"),
    coded={"status": ProjectStatus},
)
PAPER_BALLOT_ENTERED = declare_event(
    "participation.paper_ballot_entered", _("entered a paper ballot")
)
RESULTS_PUBLISHED = declare_event("participation.results_published", _("published the results"))
WINNERS_TO_PLAN = declare_event(
    "participation.winners_to_plan", _("made %(count)s winning projects actions of the plan")
)
CONSULTATION_OPENED = declare_event(
    "participation.consultation_opened", _("opened the public consultation")
)
COMMENT_HIDDEN = declare_event(
    "participation.comment_hidden",
    _("hid a comment (%(reason)s)"),
    coded={"reason": ModerationReason},
)
SUMMARY_PUBLISHED = declare_event(
    "participation.summary_published", _("published the consultation's summary")
)

"""The participation app's events in the action log (who did what, in people's words).

An entry's data keeps codes ("done", "chair"), not labels: the words are the reader's,
whatever language the entry was written in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aimaq.core.activity import declare_event

from .choices import ModerationReason, ProjectStatus, ProposalStatus, Seat, StageKind, StageStatus

Choices = type[models.TextChoices]


def _code_of(choices: Choices, value: str) -> str | None:
    """The code `value` names: a code, or a label in one of the languages (entries written
    before the log kept codes hold the label in the language of the day)."""
    if value in choices.values:
        return value
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in choices.choices:
                if str(label) == value:
                    return code
    return None


def _in_words(choices: Choices, value: str) -> str:
    """A coded fact by its label in the active language; an unknown value as it is."""
    code = _code_of(choices, value)
    return value if code is None else str(choices(code).label)


class _Words(str):
    """An event's words whose `%` fills coded facts in with their labels."""

    coded: dict[str, Choices]

    def __mod__(self, facts: Any) -> str:
        if isinstance(facts, dict):
            facts = {
                key: _in_words(self.coded[key], str(value)) if key in self.coded else value
                for key, value in facts.items()
            }
        return str.__mod__(self, facts)


class WithCodedFacts(Promise):
    """An event's label (lazy) naming coded facts: the timeline, formatting it as
    `str(label) % data`, shows each code in `coded` by its label in the reader's language.
    (Core's events have no hook to format their facts; this label is that hook.)"""

    def __init__(self, words: str | Promise, **coded: Choices) -> None:
        self.words, self.coded = words, coded

    def __str__(self) -> str:
        words = _Words(str(self.words))
        words.coded = self.coded
        return words


PROCESS_CREATED = declare_event("participation.process_created", _("started the planning process"))
STAGE_MOVED = declare_event(
    "participation.stage_moved",
    WithCodedFacts(
        _("set the stage “%(stage)s” to “%(status)s”"), stage=StageKind, status=StageStatus
    ),
)
MEMBER_SEATED = declare_event(
    "participation.member_seated", WithCodedFacts(_("seated a member (%(seat)s)"), seat=Seat)
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
    WithCodedFacts(_("moderated the proposal (%(decision)s)"), decision=ProposalStatus),
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
    WithCodedFacts(_("gave the expert review (%(status)s)"), status=ProjectStatus),
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
    WithCodedFacts(_("hid a comment (%(reason)s)"), reason=ModerationReason),
)
SUMMARY_PUBLISHED = declare_event(
    "participation.summary_published", _("published the consultation's summary")
)

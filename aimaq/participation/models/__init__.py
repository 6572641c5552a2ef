from .budget import Ballot, BallotChoice, BudgetCall, BudgetProject, VoterRecord
from .consultation import Comment, Consultation
from .meetings import (
    Attendance,
    AttendanceCount,
    Decision,
    GroupCount,
    Meeting,
    MeetingOutput,
)
from .people import OneTimeCode, Participant
from .process import Body, Membership, PlanningProcess, ProcessStage
from .proposals import Answer, Proposal, Support
from .tallies import MeetingTally, Reach

__all__ = [
    "Answer",
    "Attendance",
    "AttendanceCount",
    "Ballot",
    "BallotChoice",
    "Body",
    "BudgetCall",
    "BudgetProject",
    "Comment",
    "Consultation",
    "Decision",
    "GroupCount",
    "Meeting",
    "MeetingOutput",
    "MeetingTally",
    "Membership",
    "OneTimeCode",
    "Participant",
    "PlanningProcess",
    "ProcessStage",
    "Proposal",
    "Reach",
    "Support",
    "VoterRecord",
]

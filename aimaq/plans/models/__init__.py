"""The plans app's data: plans and their versions, their content (sections, evidence, SWOT,
problems, the results chain, costs and envelopes), indicators and targets, monitoring
reports and evaluations. By concept: `choices`, `plans`, `content`, `indicators`,
`monitoring`."""

from .choices import *  # noqa: F403
from .content import (
    Action,
    ActionCost,
    EvidenceBlock,
    FundingEnvelope,
    Goal,
    Outcome,
    Output,
    Problem,
    SectionText,
    SwotItem,
    TraceLink,
    VersionContent,
    Worded,
)
from .imports import ActionPlanImport
from .indicators import LIFE_OF_PLAN, VALUE_DIGITS, PeriodTarget, PlanIndicator
from .monitoring import (
    CriterionRating,
    Evaluation,
    FollowUp,
    IndicatorScore,
    MonitoringReport,
    Recommendation,
    ReportActionProgress,
    ReportBreakdown,
    ReportSpending,
    ReportValue,
)
from .plans import APPROVAL_FIELDS, Approver, FrozenVersion, FundingSource, Plan, PlanVersion, Uid

__all__ = [
    "APPROVAL_FIELDS",
    "LIFE_OF_PLAN",
    "VALUE_DIGITS",
    "Action",
    "ActionPlanImport",
    "ActionCost",
    "Approver",
    "CriterionRating",
    "Evaluation",
    "EvidenceBlock",
    "FollowUp",
    "FrozenVersion",
    "FundingEnvelope",
    "FundingSource",
    "Goal",
    "IndicatorScore",
    "MonitoringReport",
    "Outcome",
    "Output",
    "PeriodTarget",
    "Plan",
    "PlanIndicator",
    "PlanVersion",
    "Problem",
    "Recommendation",
    "ReportActionProgress",
    "ReportBreakdown",
    "ReportSpending",
    "ReportValue",
    "SectionText",
    "SwotItem",
    "TraceLink",
    "Uid",
    "VersionContent",
    "Worded",
]

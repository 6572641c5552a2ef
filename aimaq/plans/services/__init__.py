"""Writes of the plans app. Other apps use these (never the models directly):

- `create_plan`, `start_amendment` (versions);
- content: `set_section_text`, `add_evidence`, `add_swot_item`, `add_problem`, `add_goal`,
  `add_outcome`, `add_output`, `add_action`, `set_costs`, `set_envelope`, `add_indicator`,
  `set_targets`, `split_targets`, `remove`, and `trace(element, Source(ref, label, url))` —
  the generic "traced from" link (a meeting, a citizen's proposal) that the content
  functions also take as `source=`;
- workflow: `next_steps`, `move`, `approve`;
- monitoring and evaluation: see `monitoring` and `evaluation`.

A plan given where a version is expected means its working draft.
"""

from .common import as_draft, shown_version, version_in_force, working_draft
from .content import (
    Source,
    add_action,
    add_evidence,
    add_goal,
    add_indicator,
    add_outcome,
    add_output,
    add_problem,
    add_swot_item,
    remove,
    set_costs,
    set_envelope,
    set_section_text,
    trace,
    traces_of,
)
from .money import check_amount
from .targets import set_targets, split_targets
from .versions import create_plan, start_amendment
from .workflow import Step, approve, move, next_steps

__all__ = [
    "Source",
    "Step",
    "add_action",
    "add_evidence",
    "add_goal",
    "add_indicator",
    "add_outcome",
    "add_output",
    "add_problem",
    "add_swot_item",
    "approve",
    "as_draft",
    "check_amount",
    "create_plan",
    "move",
    "next_steps",
    "remove",
    "set_costs",
    "set_envelope",
    "set_section_text",
    "set_targets",
    "shown_version",
    "split_targets",
    "start_amendment",
    "trace",
    "traces_of",
    "version_in_force",
    "working_draft",
]

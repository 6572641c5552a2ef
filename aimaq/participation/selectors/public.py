"""Reads for the public side: what participation shows on a territory's page."""

from __future__ import annotations

from typing import Any

from aimaq.core.permissions import allowed_rows
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from ..models import BudgetCall, PlanningProcess, Proposal
from ..permissions import VIEW


def here(user: Any, territory: Territory) -> dict[str, Any]:
    """Processes, proposals and calls in the territory and below it that `user` may see
    (an empty dict when there are none)."""
    subtree = Territory.objects.subtree(territory)
    processes = allowed_rows(user, VIEW, PlanningProcess.objects.filter(territory__in=subtree))
    proposals = allowed_rows(
        user, VIEW, Proposal.objects.filter(territory__in=subtree, status="published")
    )
    calls = allowed_rows(user, VIEW, BudgetCall.objects.filter(territory__in=subtree))
    found = {
        "processes": list(with_territories(processes, "territory")[:10]),
        "proposal_count": proposals.count(),
        "calls": list(calls[:5]),
    }
    if not (found["processes"] or found["proposal_count"] or found["calls"]):
        return {}
    found["territory"] = territory
    return found

"""Data approval before publication (DHIS2's data approval): figures imported by an editor
are seen at once by the officials in scope, and by everyone once a manager in scope approves
the import; a manager's own import is published at once. Approving, returning for
correction (with a comment) and withdrawing an approval are logged in the action log, and
each moves the data version (cached pages show the change)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.activity import declare_event, log_action
from aimaq.core.permissions import allowed_rows, can
from aimaq.territories.models import Territory

from .models import ApprovalStatus, ImportApproval, ImportRun
from .permissions import APPROVE, VIEW_UNAPPROVED
from .sums import store_sums
from .versions import mark_changed

AWAITING = declare_event("indicators.figures_awaiting", gettext_lazy("imported figures to approve"))
PUBLISHED_AT_ONCE = declare_event(
    "indicators.figures_published", gettext_lazy("published their own imported figures at once")
)
APPROVED = declare_event("indicators.figures_approved", gettext_lazy("approved the figures"))
RETURNED = declare_event(
    "indicators.figures_returned", gettext_lazy("returned the figures for correction: %(comment)s")
)
WITHDRAWN = declare_event(
    "indicators.figures_withdrawn", gettext_lazy("withdrew the approval: %(comment)s")
)


def unpublished_runs() -> set[int]:
    """Ids of the import runs whose figures are not published (awaiting or returned)."""
    return set(
        ImportApproval.objects.exclude(status=ApprovalStatus.APPROVED).values_list(
            "import_run_id", flat=True
        )
    )


def runs_visible_to(user: Any, runs: set[int]) -> set[int]:
    """Those of `runs` whose figures `user` may see before their approval."""
    candidates = ImportApproval.objects.filter(import_run_id__in=runs)
    return set(
        allowed_rows(user, VIEW_UNAPPROVED, candidates).values_list("import_run_id", flat=True)
    )


def smallest_common_unit(territory_ids: list[int]) -> Territory:
    """The smallest current-or-past unit whose subtree holds every one of the territories."""
    units = list(Territory.objects.filter(pk__in=territory_ids).only("kato", "parent_id"))
    first = Territory.objects.select_related("parent").get(pk=units[0].pk)
    for candidate in [first, *reversed(first.ancestors())]:
        if all(candidate.contains(unit) for unit in units):
            return candidate
    return first.ancestors()[0] if first.parent_id else first


def record_written(
    run: ImportRun, *, territory_ids: list[int], indicator_ids: list[int], figures: int
) -> ImportApproval | None:
    """After an import wrote `figures` new or changed values (inside its transaction): moves
    the data version and decides publication. A run without an author (the command line,
    the demo) is published; a manager's (or superuser's) own import too; an editor's awaits
    a manager in scope. Returns the approval, or None when none is needed."""
    mark_changed(indicator_ids)
    if not figures or run.created_by_id is None:
        store_sums(indicator_ids)
        return None
    territory = smallest_common_unit(territory_ids)
    approval = ImportApproval(
        import_run=run, territory=territory, status=ApprovalStatus.PENDING, figures=figures
    )
    author = run.created_by
    if can(author, APPROVE, approval):
        approval.status = ApprovalStatus.APPROVED
        approval.decided_by, approval.decided_at = author, timezone.now()
        approval.save()
        log_action(approval, PUBLISHED_AT_ONCE, by=author, data={"figures": figures})
    else:
        approval.save()
        log_action(approval, AWAITING, by=author, data={"figures": figures})
    store_sums(indicator_ids)  # what the public sees of them, as now decided
    return approval


def _decide(
    approval: ImportApproval, by: Any, status: str, event: str, comment: str
) -> ImportApproval:
    if not can(by, APPROVE, approval):
        raise PermissionDenied(_("You may not approve figures of this territory."))
    with transaction.atomic():
        locked = ImportApproval.objects.select_for_update().get(pk=approval.pk)
        locked.status, locked.comment = status, comment
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.save()
        log_action(locked, event, by=by, data={"comment": comment} if comment else {})
        indicator_ids = _indicators_of(locked.import_run_id)
        mark_changed(indicator_ids)
        store_sums(indicator_ids)
    return locked


def _indicators_of(run_id: int) -> list[int]:
    from .models import Observation, ObservationRevision

    written = Observation.objects.filter(import_run_id=run_id).values_list(
        "indicator_id", flat=True
    )
    replaced = ObservationRevision.objects.filter(replaced_by_id=run_id).values_list(
        "indicator_id", flat=True
    )
    return sorted(set(written.distinct()) | set(replaced.distinct()))


def approve(approval: ImportApproval, *, by: Any) -> ImportApproval:
    """Publishes the import's figures. Refused unless `by` is a manager in scope."""
    if approval.status == ApprovalStatus.APPROVED:
        return approval
    return _decide(approval, by, ApprovalStatus.APPROVED, APPROVED, "")


def return_for_correction(approval: ImportApproval, *, by: Any, comment: str) -> ImportApproval:
    """Sends the import back to its author with a comment saying what to correct; its
    figures stay unpublished."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs correcting.")})
    return _decide(approval, by, ApprovalStatus.RETURNED, RETURNED, comment.strip())


def withdraw(approval: ImportApproval, *, by: Any, comment: str) -> ImportApproval:
    """Takes an approved import's figures off the public pages again, saying why."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the approval is withdrawn.")})
    return _decide(approval, by, ApprovalStatus.PENDING, WITHDRAWN, comment.strip())


def awaiting_approval(user: Any):
    """The imports awaiting approval that `user` may approve, oldest first."""
    pending = ImportApproval.objects.filter(status=ApprovalStatus.PENDING)
    rows = allowed_rows(user, APPROVE, pending, own_right=True)
    return rows.select_related("import_run", "import_run__created_by", "territory").order_by(
        "created_at"
    )

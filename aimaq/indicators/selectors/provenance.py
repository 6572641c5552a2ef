"""Where one figure comes from: its value, status, source and the import that wrote it (and
whether it is approved), or that it is computed from the units below. What the reader may
see: a figure awaiting approval is replaced, for the public, by the one it replaced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aimaq.territories.models import Territory

from ..models import ImportApproval, Indicator, Observation, ObservationRevision
from ..visibility import hidden_runs, one_reading
from .values import totals


@dataclass(frozen=True)
class Provenance:
    indicator: Indicator
    territory: Territory
    period: str
    value: float | None
    status: str  # the status's label
    source: str
    file_name: str = ""
    imported_at: datetime | None = None
    approval: str = ""  # the approval's status label, "" when none was needed

    @property
    def reported(self) -> bool:
        return self.value is not None


@one_reading
def value_provenance(indicator: Indicator, territory: Territory, period: str) -> Provenance:
    """The provenance of the indicator's total for the territory in the period."""
    row: Observation | ObservationRevision | None = (
        totals()
        .filter(indicator=indicator, territory=territory, period=period)
        .select_related("import_run")
        .first()
    )
    if row is None and hidden_runs():
        row = (
            ObservationRevision.objects.filter(
                indicator=indicator, territory=territory, period=period, disaggregation="",
                replaced_by_id__in=hidden_runs(),
            )
            .exclude(import_run_id__in=hidden_runs())
            .select_related("import_run")
            .order_by("-replaced_at", "-pk")
            .first()
        )  # fmt: skip
    if row is None:
        return Provenance(indicator, territory, period, None, "", indicator.source)
    run = row.import_run
    approval = ImportApproval.objects.filter(import_run=run).first() if run else None
    return Provenance(
        indicator,
        territory,
        period,
        row.value,
        str(row.get_status_display()),
        getattr(row, "source", "") or indicator.source,  # a replaced value keeps none
        file_name=run.file_name if run else "",
        imported_at=run.created_at if run else None,
        approval=str(approval.get_status_display()) if approval else "",
    )

"""The plan's money: costs summed per year and source (in the database, in whole tenge),
set against the funding envelopes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Sum

from .models import ActionCost, FundingEnvelope, FundingSource, PlanVersion


@dataclass
class BudgetTable:
    """Planned costs by year and source with the envelopes beside them. Every amount is an
    int of tenge; every total is a sum of ints."""

    years: list[int]
    sources: list[FundingSource]
    planned: dict[tuple[int, int], int] = field(default_factory=dict)
    envelopes: dict[tuple[int, int], int] = field(default_factory=dict)

    def cell(self, year: int, source: FundingSource) -> int:
        return self.planned.get((year, source.pk), 0)

    def envelope(self, year: int, source: FundingSource) -> int | None:
        return self.envelopes.get((year, source.pk))

    def year_total(self, year: int) -> int:
        return sum(amount for (y, _s), amount in self.planned.items() if y == year)

    def source_total(self, source: FundingSource) -> int:
        return sum(amount for (_y, s), amount in self.planned.items() if s == source.pk)

    def envelope_year_total(self, year: int) -> int:
        return sum(amount for (y, _s), amount in self.envelopes.items() if y == year)

    def envelope_source_total(self, source: FundingSource) -> int:
        return sum(amount for (_y, s), amount in self.envelopes.items() if s == source.pk)

    @property
    def total(self) -> int:
        return sum(self.planned.values())

    @property
    def envelope_total(self) -> int:
        return sum(self.envelopes.values())

    def over_envelope(self) -> list[tuple[int, FundingSource, int, int | None]]:
        """(year, source, planned, envelope) where the plan spends more than the envelope
        gives, or spends from a source with no envelope for that year."""
        found = []
        for year in self.years:
            for source in self.sources:
                planned = self.cell(year, source)
                envelope = self.envelope(year, source)
                if planned and (envelope is None or planned > envelope):
                    found.append((year, source, planned, envelope))
        return found

    def rows(self) -> list[tuple[FundingSource, list[tuple[int, int | None, bool]], int]]:
        """Per source: (planned, envelope, over the envelope) per year, and the source's
        total — for tables."""
        rows = []
        for source in self.sources:
            cells = []
            for year in self.years:
                planned, envelope = self.cell(year, source), self.envelope(year, source)
                cells.append(
                    (planned, envelope, bool(planned) and (envelope is None or planned > envelope))
                )
            rows.append((source, cells, self.source_total(source)))
        return rows

    @property
    def totals_by_year(self) -> list[tuple[int, int, int]]:
        """(year, planned, envelope) for every year of the plan."""
        return [
            (year, self.year_total(year), self.envelope_year_total(year)) for year in self.years
        ]


def budget_table(version: PlanVersion) -> BudgetTable:
    """The version's costs and envelopes by year and source: two grouped queries."""
    planned = {
        (row["year"], row["source"]): int(row["total"])
        for row in ActionCost.objects.filter(version=version)
        .values("year", "source")
        .annotate(total=Sum("amount"))
    }
    envelopes = {
        (year, source): int(amount)
        for year, source, amount in FundingEnvelope.objects.filter(version=version).values_list(
            "year", "source", "amount"
        )
    }
    used = {source for _year, source in planned} | {source for _year, source in envelopes}
    sources = list(FundingSource.objects.filter(pk__in=used))
    return BudgetTable(version.plan.years, sources, planned, envelopes)


def action_totals(version: PlanVersion) -> dict[int, int]:
    """Each action's total cost over all years and sources: {action id: tenge}."""
    return {
        row["action"]: int(row["total"])
        for row in ActionCost.objects.filter(version=version)
        .values("action")
        .annotate(total=Sum("amount"))
    }


def action_source_totals(version: PlanVersion) -> dict[int, dict[int, int]]:
    """Each action's cost over all years per funding source: {action id: {source id: tenge}},
    one grouped query (for the action plan of the document)."""
    totals: dict[int, dict[int, int]] = {}
    for action, source, amount in (
        ActionCost.objects.filter(version=version)
        .values_list("action", "source")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        totals.setdefault(action, {})[source] = int(amount)
    return totals

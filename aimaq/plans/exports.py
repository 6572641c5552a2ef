"""Spreadsheets of a plan: the results chain, the budget, the scorecard, and the action plan
and indicator table in the template the import reads back. Every sheet says what it is
(title, unit, period, source, date drawn, demo marker) above its table; every cell goes
through the shared writer that never stores a formula."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.exports import append_row, sheet_title, xlsx_bytes

from .models import FundingSource, PlanVersion
from .scorecard import plan_scorecard, rule_sentence
from .selectors import plan_contents

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The import template's sheets and columns: the import reads exactly these.
ACTIONS_SHEET = "actions"
INDICATORS_SHEET = "indicators"
ACTION_COLUMNS = (
    "code",
    "action",
    "goal",
    "output",
    "responsible",
    "start",
    "end",
    "year",
    "source",
    "amount",
)
INDICATOR_COLUMNS = (
    "code",
    "indicator",
    "measures",
    "unit",
    "direction",
    "baseline",
    "baseline_year",
    "target",
    "frequency",
    "rule",
    "period",
    "period_target",
)


def _number(value: Decimal | None) -> Any:
    """A Decimal as a spreadsheet number: an int when whole, else a string-exact Decimal
    converted only at the cell (openpyxl writes Decimal as a number)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _about(sheet: Worksheet, version: PlanVersion, title: str, unit: str) -> None:
    plan = version.plan
    append_row(sheet, [title])
    append_row(sheet, [_("Plan"), plan.name])
    append_row(sheet, [_("Territory"), f"{plan.territory.name} ({plan.territory.kato})"])
    append_row(sheet, [_("Period"), f"{plan.start_year}–{plan.end_year}"])
    append_row(sheet, [_("Version"), f"{version.number}: {version.get_status_display()}"])
    append_row(sheet, [_("Unit"), unit])
    append_row(sheet, [_("Source"), f"Aimaq, {plan.owner.name}"])
    append_row(sheet, [_("Drawn on"), timezone.localdate().isoformat()])
    if plan.is_demo:
        append_row(sheet, [_("Demo data: not official figures.")])
    append_row(sheet, [])


def chain_xlsx(version: PlanVersion) -> bytes:
    from openpyxl import Workbook

    contents = plan_contents(version)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Results chain"))
    _about(sheet, version, _("Results chain"), _("indicator units as given"))
    append_row(
        sheet,
        [
            _("Level"),
            _("No."),
            _("Statement"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Baseline year"),
            _("Target"),
            _("Direction"),
            _("Rule"),
        ],
    )
    for node in contents.goals:
        append_row(sheet, [_("goal"), node.goal.code, node.goal.name])
        for o in node.outcomes:
            _chain_rows(sheet, _("outcome"), o.outcome, o.indicators)
            for out in o.outputs:
                _chain_rows(sheet, _("output"), out.output, out.indicators)
                for action in out.actions:
                    append_row(sheet, [_("action"), action.code, action.name])
        for action in node.actions:
            append_row(sheet, [_("action"), action.code, action.name])
    return xlsx_bytes(book)


def _chain_rows(sheet: Worksheet, level: str, element: Any, indicators: list) -> None:
    if not indicators:
        append_row(sheet, [level, element.code, element.name])
    for row in indicators:
        i = row.indicator
        append_row(
            sheet,
            [
                level,
                element.code,
                element.name,
                i.name,
                i.unit,
                _number(i.baseline_value),
                i.baseline_year,
                _number(i.target_value),
                i.get_direction_display(),
                i.get_rule_display(),
            ],
        )


def budget_xlsx(version: PlanVersion) -> bytes:
    from openpyxl import Workbook

    contents = plan_contents(version)
    budget = contents.budget
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Budget"))
    _about(sheet, version, _("Funding by source and year"), _("tenge"))
    append_row(sheet, [_("Source"), *budget.years, _("Total")])
    for source, cells, total in budget.rows():
        append_row(sheet, [source.name, *[planned for planned, _e, _o in cells], total])
        append_row(
            sheet,
            [
                f"{source.name}: {_('envelope')}",
                *[envelope for _p, envelope, _o in cells],
                budget.envelope_source_total(source),
            ],
        )
    append_row(
        sheet, [_("Total"), *[planned for _y, planned, _e in budget.totals_by_year], budget.total]
    )
    actions = book.create_sheet(sheet_title(_("Actions")))
    _about(actions, version, _("Action plan"), _("tenge"))
    append_row(actions, [_("No."), _("Action"), _("Responsible"), *budget.years, _("Total")])
    for row in contents.actions:
        append_row(
            actions,
            [
                row.action.code,
                row.action.name,
                row.action.responsible.name if row.action.responsible else "",
                *row.by_year,
                row.total,
            ],
        )
    return xlsx_bytes(book)


def scorecard_xlsx(version: PlanVersion, *, as_of: date | None = None) -> bytes:
    from openpyxl import Workbook

    card = plan_scorecard(version.plan, version=version, as_of=as_of)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Scorecard"))
    _about(sheet, version, _("Scorecard"), _("indicator units as given; % met in per cent"))
    append_row(sheet, [_("As of"), card.as_of.isoformat()])
    append_row(sheet, [_("Indicators on track"), card.on_track, _("of"), card.total])
    append_row(sheet, [])
    append_row(
        sheet,
        [
            _("Indicator"),
            _("Unit"),
            _("Rule"),
            _("Baseline"),
            _("Target"),
            _("Last completed period"),
            _("Expected"),
            _("Actual"),
            _("% met"),
            _("Status"),
        ],
    )
    from .templatetags.plans_tags import verdict_label

    for c in card.cards:
        i = c.indicator
        append_row(
            sheet,
            [
                f"{i.code}. {i.name}",
                i.unit,
                rule_sentence(i),
                _number(i.baseline_value),
                _number(i.target_value),
                c.at.isoformat() if c.at else None,
                _number(c.expected.quantize(Decimal("0.0001")) if c.expected is not None else None),
                _number(c.actual),
                _number(c.percent.quantize(Decimal("0.1")) if c.percent is not None else None),
                verdict_label(c.verdict),
            ],
        )
    return xlsx_bytes(book)


def template_xlsx(version: PlanVersion) -> bytes:
    """The action plan and the indicator table in the import template: one row per action,
    year and source (amounts in whole tenge); one row per indicator and period target."""
    from openpyxl import Workbook

    contents = plan_contents(version)
    book = Workbook()
    actions = book.active
    actions.title = ACTIONS_SHEET
    append_row(actions, list(ACTION_COLUMNS))
    costs = _costs(version)
    for row in contents.actions:
        a = row.action
        goal = ",".join(row.goal_codes)
        base: list[Any] = [
            a.code,
            a.name,
            goal,
            a.output.code if a.output else "",
            a.responsible.name if a.responsible else "",
            a.starts_on,
            a.ends_on,
        ]
        lines: list[tuple[int | None, str, int | None]] = list(costs.get(a.pk, []))
        for year, source_code, amount in lines or [(None, "", None)]:
            append_row(actions, [*base, year, source_code, amount])
    indicators = book.create_sheet(INDICATORS_SHEET)
    append_row(indicators, list(INDICATOR_COLUMNS))
    for measured in contents.indicators:
        i = measured.indicator
        measures = ""
        if i.outcome is not None:
            measures = f"outcome {i.outcome.code}"
        elif i.output is not None:
            measures = f"output {i.output.code}"
        base = [
            i.code,
            i.name,
            measures,
            i.unit,
            i.direction,
            _number(i.baseline_value),
            i.baseline_year,
            _number(i.target_value),
            i.frequency,
            i.rule,
        ]
        targets: list[tuple[str, Decimal | None]] = sorted(measured.targets.items())
        targets = targets or [("", None)]
        for period, value in targets:
            append_row(indicators, [*base, period, _number(value)])
    sources = book.create_sheet("sources")
    append_row(sources, ["code", "name"])
    for funding in FundingSource.objects.all():
        append_row(sources, [funding.code, funding.name])
    return xlsx_bytes(book)


def _costs(version: PlanVersion) -> dict[int, list[tuple[int, str, int]]]:
    from .models import ActionCost

    found: dict[int, list[tuple[int, str, int]]] = {}
    for action_id, year, source, amount in (
        ActionCost.objects.filter(version=version)
        .order_by("year", "source__order")
        .values_list("action_id", "year", "source__code", "amount")
    ):
        found.setdefault(action_id, []).append((year, source, amount))
    return found

"""The action plan and the indicator table from Excel, in the template Aimaq gives
(`exports.template_xlsx`), through the shared import flow: the whole file is checked in the
background, the preview says what would change, and on confirmation it is written whole in
one transaction — or, with any problem, not at all, each problem named by row and column.

Actions are matched by their number in the draft: a number already there updates that
action (its costs replaced by the file's), a new number adds one; actions the file does not
name are left as they are. Indicators likewise, with their period targets."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from aimaq.accounts.models import Organisation
from aimaq.core.activity import log_action
from aimaq.core.i18n import active_language
from aimaq.core.money import MAX_TENGE, grouped_tenge
from aimaq.core.permissions import allowed_rows
from aimaq.core.tabular import FileRefused, RowError, TabularReport, TabularSource, open_table
from aimaq.core.tabular.cells import parse_whole_number

from . import events
from .exports import ACTION_COLUMNS, ACTIONS_SHEET, INDICATOR_COLUMNS, INDICATORS_SHEET
from .models import (
    EDITABLE_STATUSES,
    FIRST_BASELINE_YEAR,
    LAST_PLAN_YEAR,
    VALUE_DIGITS,
    Action,
    CumulativeRule,
    Direction,
    Frequency,
    FundingSource,
    Goal,
    Outcome,
    Output,
    PlanIndicator,
    PlanVersion,
    UnitKind,
)
from .periods import Period, periods_of
from .permissions import CHANGE

REQUIRED_ACTION_COLUMNS = ("code", "action", "year", "source", "amount")
REQUIRED_INDICATOR_COLUMNS = ("code", "indicator", "target")

# What the models hold, so that a file the check passes is never refused at the write.
CODE_LENGTH = Action._meta.get_field("code").max_length
NAME_LENGTH = Action._meta.get_field("name_en").max_length
UNIT_LENGTH = PlanIndicator._meta.get_field("unit_en").max_length


@dataclass
class ActionRow:
    code: str
    name: str
    row: int
    goals: list[Goal] = field(default_factory=list)
    output: Output | None = None
    responsible: Organisation | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    costs: dict[tuple[int, int], int] = field(default_factory=dict)  # (year, source id) → tenge


@dataclass
class IndicatorRow:
    code: str
    name: str
    row: int
    outcome: Outcome | None = None
    output: Output | None = None
    unit: str = ""
    unit_kind: str = UnitKind.NUMBER
    direction: str = Direction.INCREASE
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal | None = None
    frequency: str = Frequency.ANNUAL
    rule: str = CumulativeRule.LATEST
    targets: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class ReadPlan:
    actions: dict[str, ActionRow] = field(default_factory=dict)
    indicators: dict[str, IndicatorRow] = field(default_factory=dict)


class Reader:
    """Reads and checks the template's two sheets against one draft version."""

    def __init__(self, version: PlanVersion, report: TabularReport) -> None:
        self.version = version
        self.report = report
        self.years = set(version.plan.years)
        self.goals = {goal.code: goal for goal in Goal.objects.filter(version=version)}
        self.outcomes = {o.code: o for o in Outcome.objects.filter(version=version)}
        self.outputs = {o.code: o for o in Output.objects.filter(version=version)}
        self.sources = {}
        for source in FundingSource.objects.all():
            for key in (source.code, source.name_kk, source.name_ru, source.name_en):
                if key:
                    self.sources[key.strip().lower()] = source
        self.organisations: dict[str, Organisation | None] = {}

    def error(self, row: int, column: str, value: Any, expected: str) -> None:
        self.report.add_error(RowError(row, column, str(value)[:200], expected))

    def fits(self, row: int, column: str, text: str, limit: int | None) -> bool:
        """Whether `text` fits the model's field of `limit` characters; if not, says so."""
        if limit is None or len(text) <= limit:
            return True
        self.error(
            row,
            column,
            text,
            _("a cell of at most %(count)s characters (this one has %(found)s)")
            % {"count": limit, "found": len(text)},
        )
        return False

    def read(self, source: TabularSource) -> ReadPlan:
        found = ReadPlan()
        with open_table(source, sheet=ACTIONS_SHEET) as table:
            columns = self._columns(table.header, ACTION_COLUMNS, REQUIRED_ACTION_COLUMNS)
            if columns is not None:
                for number, cells in table.rows():
                    self.report.rows += 1
                    self._action(
                        found, number, {name: _cell(cells, i) for name, i in columns.items()}
                    )
        try:
            with open_table(source, sheet=INDICATORS_SHEET) as table:
                columns = self._columns(table.header, INDICATOR_COLUMNS, REQUIRED_INDICATOR_COLUMNS)
                if columns is not None:
                    for number, cells in table.rows():
                        self.report.rows += 1
                        self._indicator(
                            found, number, {name: _cell(cells, i) for name, i in columns.items()}
                        )
        except FileRefused as refusal:
            if not _is_missing_sheet(refusal):
                raise  # the sheet is optional; a broken one is not
        return found

    def _columns(
        self, header: list[str], known: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, int] | None:
        names = [name.strip().lower() for name in header]
        missing = [name for name in required if name not in names]
        for name in missing:
            self.error(
                1, name, "", _("a column headed “%(name)s”, as in the template") % {"name": name}
            )
        for index, name in enumerate(names):
            if name and name not in known:
                self.error(
                    1,
                    header[index],
                    header[index],
                    _("one of the template's columns: %(names)s") % {"names": ", ".join(known)},
                )
        if missing:
            return None
        return {name: names.index(name) for name in known if name in names}

    # --- actions ------------------------------------------------------------------------

    def _action(self, found: ReadPlan, row: int, cells: dict[str, str]) -> None:
        code, name = cells.get("code", ""), cells.get("action", "")
        if not code:
            self.error(row, "code", code, _("the action's number"))
            return
        if not self.fits(row, "code", code, CODE_LENGTH):
            return
        action = found.actions.get(code)
        if action is None:
            if not name:
                self.error(row, "action", name, _("what the action is"))
                return
            self.fits(row, "action", name, NAME_LENGTH)
            action = ActionRow(code, name, row)
            found.actions[code] = action
            self._action_links(action, row, cells)
        elif name and name != action.name:
            self.error(
                row,
                "action",
                name,
                _("the same text as row %(row)s for number %(code)s")
                % {"row": action.row, "code": code},
            )
        self._cost(action, row, cells)

    def _action_links(self, action: ActionRow, row: int, cells: dict[str, str]) -> None:
        for goal_code in filter(
            None, (part.strip() for part in cells.get("goal", "").replace(";", ",").split(","))
        ):
            goal = self.goals.get(goal_code)
            if goal is None:
                self.error(
                    row,
                    "goal",
                    goal_code,
                    _("the number of a goal of the plan: %(codes)s")
                    % {"codes": ", ".join(self.goals) or "—"},
                )
            else:
                action.goals.append(goal)
        output_code = cells.get("output", "")
        if output_code:
            action.output = self.outputs.get(output_code)
            if action.output is None:
                self.error(
                    row,
                    "output",
                    output_code,
                    _("the number of an output of the plan: %(codes)s")
                    % {"codes": ", ".join(self.outputs) or "—"},
                )
        responsible = cells.get("responsible", "")
        if responsible:
            action.responsible = self._organisation(responsible)
            if action.responsible is None:
                self.error(
                    row,
                    "responsible",
                    responsible,
                    _("the name or BIN of an organisation registered in Aimaq"),
                )
        action.starts_on = self._date(row, "start", cells.get("start", ""))
        action.ends_on = self._date(row, "end", cells.get("end", ""))
        if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
            self.error(row, "end", cells.get("end", ""), _("a date on or after the start"))

    def _organisation(self, text: str) -> Organisation | None:
        key = text.strip().lower()
        if key not in self.organisations:
            match = Organisation.objects.filter(
                Q(bin=text.strip())
                | Q(name_kk__iexact=text.strip())
                | Q(name_ru__iexact=text.strip())
                | Q(name_en__iexact=text.strip())
            ).first()
            self.organisations[key] = match
        return self.organisations[key]

    def _date(self, row: int, column: str, text: str) -> datetime.date | None:
        if not text:
            return None
        for form in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m"):
            try:
                return datetime.datetime.strptime(text[:10], form).date()
            except ValueError:
                continue
        self.error(row, column, text, _("a date such as 2019-03-31 or 31.03.2019"))
        return None

    def _cost(self, action: ActionRow, row: int, cells: dict[str, str]) -> None:
        year_text, source_text, amount_text = (
            cells.get("year", ""),
            cells.get("source", ""),
            cells.get("amount", ""),
        )
        if not (year_text or source_text or amount_text):
            return  # an action without costs
        year = parse_whole_number(year_text)
        if year not in self.years:
            self.error(
                row,
                "year",
                year_text,
                _("a year of the plan: %(years)s")
                % {"years": ", ".join(map(str, sorted(self.years)))},
            )
        source = self.sources.get(source_text.strip().lower())
        if source is None:
            self.error(
                row,
                "source",
                source_text,
                _("a funding source code, as on the template's “sources” sheet"),
            )
        amount = _tenge(amount_text)
        if amount is None:
            self.error(row, "amount", amount_text, _("a whole, non-negative number of tenge"))
        elif amount > MAX_TENGE:
            self.error(
                row,
                "amount",
                amount_text,
                _("an amount of at most %(limit)s tenge") % {"limit": grouped_tenge(MAX_TENGE)},
            )
            amount = None
        if year in self.years and source is not None and amount is not None:
            key = (year, source.pk)
            if key in action.costs:
                self.error(row, "source", source_text, _("one row per action, year and source"))
            action.costs[key] = amount

    # --- indicators ---------------------------------------------------------------------

    def _indicator(self, found: ReadPlan, row: int, cells: dict[str, str]) -> None:
        code = cells.get("code", "")
        if not code:
            self.error(row, "code", code, _("the indicator's number"))
            return
        if not self.fits(row, "code", code, CODE_LENGTH):
            return
        indicator = found.indicators.get(code)
        if indicator is None:
            indicator = IndicatorRow(code, cells.get("indicator", ""), row)
            found.indicators[code] = indicator
            self._indicator_facts(indicator, row, cells)
        period = cells.get("period", "")
        if period:
            self._target(indicator, row, period, cells.get("period_target", ""))

    def _indicator_facts(self, indicator: IndicatorRow, row: int, cells: dict[str, str]) -> None:
        if not indicator.name:
            self.error(row, "indicator", "", _("the indicator's name"))
        self.fits(row, "indicator", indicator.name, NAME_LENGTH)
        measures = cells.get("measures", "").strip()
        if measures:
            kind, _space, code = measures.partition(" ")
            kind = kind.lower()
            outcome = self.outcomes.get(code.strip()) if kind == "outcome" else None
            output = self.outputs.get(code.strip()) if kind == "output" else None
            if outcome is None and output is None:
                self.error(
                    row,
                    "measures",
                    measures,
                    _("“outcome 1.1” or “output 1.1.1”, numbers of the plan"),
                )
            else:
                indicator.outcome, indicator.output = outcome, output
        indicator.unit = cells.get("unit", "")
        self.fits(row, "unit", indicator.unit, UNIT_LENGTH)
        if indicator.unit.strip() == "%":
            indicator.unit_kind = UnitKind.PERCENT
        indicator.direction = self._choice(
            row, "direction", cells.get("direction", ""), Direction, Direction.INCREASE
        )
        indicator.frequency = self._choice(
            row, "frequency", cells.get("frequency", ""), Frequency, Frequency.ANNUAL
        )
        indicator.rule = self._choice(
            row, "rule", cells.get("rule", ""), CumulativeRule, CumulativeRule.LATEST
        )
        indicator.baseline = self._number(row, "baseline", cells.get("baseline", ""))
        year_text = cells.get("baseline_year", "")
        if year_text:
            indicator.baseline_year = parse_whole_number(year_text)
            if indicator.baseline_year is None or not (
                FIRST_BASELINE_YEAR <= indicator.baseline_year <= LAST_PLAN_YEAR
            ):
                self.error(row, "baseline_year", year_text, _("a year such as 2017"))
        indicator.target = self._number(row, "target", cells.get("target", ""))

    def _choice(self, row: int, column: str, text: str, choices: Any, default: str) -> str:
        if not text:
            return default
        for value, label in choices.choices:
            if text.strip().lower() in (value, str(label).lower()):
                return value
        self.error(
            row, column, text, _("one of: %(values)s") % {"values": ", ".join(choices.values)}
        )
        return default

    def _number(self, row: int, column: str, text: str) -> Decimal | None:
        if not text:
            return None
        try:
            number = Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
            DecimalValidator(**VALUE_DIGITS)(number)
        except InvalidOperation:
            self.error(row, column, text, _("a number"))
            return None
        except ValidationError:
            self.error(
                row,
                column,
                text,
                _("a number of at most %(whole)s digits before the point and %(places)s after it")
                % {
                    "whole": VALUE_DIGITS["max_digits"] - VALUE_DIGITS["decimal_places"],
                    "places": VALUE_DIGITS["decimal_places"],
                },
            )
            return None
        return number

    def _target(self, indicator: IndicatorRow, row: int, period_text: str, value_text: str) -> None:
        try:
            period = Period.parse(period_text)
        except ValueError as error:
            self.error(row, "period", period_text, str(error))
            return
        allowed = {p.code for p in periods_of(sorted(self.years), indicator.frequency)}
        if period.code not in allowed:
            self.error(
                row, "period", period_text, _("a period of the plan for the indicator's frequency")
            )
            return
        value = self._number(row, "period_target", value_text)
        if value is not None:
            indicator.targets[period.code] = value


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _tenge(text: str) -> int | None:
    """Whole tenge: "1 500 000", "1500000"; a fraction, a negative or text is None."""
    text = (text or "").strip()
    if text.startswith("-"):
        return None
    return parse_whole_number(text)


def _is_missing_sheet(refusal: FileRefused) -> bool:
    return any(error.row == 0 and error.value == INDICATORS_SHEET for error in refusal.errors)


class ActionPlanImporter:
    """The plans app's part of the import flow (aimaq.core.tabular.flow)."""

    def scope(self, user: Any) -> dict:
        """The drafts the person may write, as version ids."""
        drafts = PlanVersion.objects.filter(status__in=EDITABLE_STATUSES)
        return {"versions": list(allowed_rows(user, CHANGE, drafts).values_list("pk", flat=True))}

    def _version(self, record: Any) -> PlanVersion | None:
        wanted = record.options.get("version")
        if wanted not in record.options.get("scope", {}).get("versions", []):
            return None
        return (
            PlanVersion.objects.select_related("plan")
            .filter(pk=wanted, status__in=EDITABLE_STATUSES)
            .first()
        )

    def check(self, record: Any, source: TabularSource, job: Any) -> TabularReport:
        report, _found = self.read(record, source)
        record.report = report.as_dict()
        type(record).objects.filter(pk=record.pk).update(report=record.report)
        return report

    def read(self, record: Any, source: TabularSource) -> tuple[TabularReport, ReadPlan | None]:
        report = TabularReport()
        version = self._version(record)
        if version is None:
            report.add_error(
                RowError(
                    0,
                    _("plan"),
                    str(record.options.get("version", "")),
                    _("a draft of a plan you may write"),
                )
            )
            return report, None
        try:
            found = Reader(version, report).read(source)
        except FileRefused as refusal:
            report.add_errors(refusal.errors)
            return report, None
        existing_actions = set(
            Action.objects.filter(version=version).values_list("code", flat=True)
        )
        existing_indicators = set(
            PlanIndicator.objects.filter(version=version).values_list("code", flat=True)
        )
        report.counts = {
            "new_actions": len(set(found.actions) - existing_actions),
            "changed_actions": len(set(found.actions) & existing_actions),
            "new_indicators": len(set(found.indicators) - existing_indicators),
            "changed_indicators": len(set(found.indicators) & existing_indicators),
        }
        report.refused = report.error_count
        return report, found

    def write(self, record: Any, source: TabularSource, job: Any) -> TabularReport:
        report, found = self.read(record, source)
        if report.is_refused or found is None:
            record.report = report.as_dict()
            type(record).objects.filter(pk=record.pk).update(report=record.report)
            return report
        version = self._version(record)
        assert version is not None  # read() refused the file otherwise
        with transaction.atomic():
            _write(version, found, by=record.created_by)
            log_action(
                version,
                events.IMPORTED,
                by=record.created_by,
                data={"rows": report.rows, "file": record.file_name},
            )
        record.report = report.as_dict()
        type(record).objects.filter(pk=record.pk).update(report=record.report)
        return report


def _write(version: PlanVersion, found: ReadPlan, *, by: Any) -> None:
    from .services import add_action, add_indicator, set_costs, set_targets
    from .services.content import save_element

    sources = {source.pk: source for source in FundingSource.objects.all()}
    actions = {action.code: action for action in Action.objects.filter(version=version)}
    for code, row in found.actions.items():
        costs = {
            (year, sources[source_id]): amount for (year, source_id), amount in row.costs.items()
        }
        action = actions.get(code)
        if action is None:
            add_action(
                version,
                name=row.name,
                code=code,
                output=row.output,
                goals=row.goals,
                responsible=row.responsible,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                costs=costs,
                by=by,
            )
            continue
        setattr(action, f"name_{active_language()}", row.name)
        action.output, action.responsible = row.output, row.responsible
        action.starts_on, action.ends_on = row.starts_on, row.ends_on
        save_element(action, by=by)
        action.goals.set(row.goals)
        set_costs(action, costs, by=by)
    indicators = {
        indicator.code: indicator for indicator in PlanIndicator.objects.filter(version=version)
    }
    for code, measured in found.indicators.items():
        fields = {
            "outcome": measured.outcome,
            "output": measured.output,
            "unit_kind": measured.unit_kind,
            "direction": measured.direction,
            "baseline_value": measured.baseline,
            "baseline_year": measured.baseline_year,
            "target_value": measured.target,
            "frequency": measured.frequency,
            "rule": measured.rule,
        }
        indicator = indicators.get(code)
        if indicator is None:
            indicator = add_indicator(
                version,
                code=code,
                name=measured.name,
                outcome=measured.outcome,
                output=measured.output,
                unit=measured.unit or None,
                unit_kind=measured.unit_kind,
                direction=measured.direction,
                baseline=measured.baseline,
                baseline_year=measured.baseline_year,
                target_value=measured.target,
                frequency=measured.frequency,
                rule=measured.rule,
                by=by,
            )
        else:
            for name, value in fields.items():
                setattr(indicator, name, value)
            setattr(indicator, f"name_{active_language()}", measured.name)
            save_element(indicator, by=by)
        set_targets(indicator, measured.targets, by=by)

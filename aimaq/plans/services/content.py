"""Writing a plan's content: section texts, evidence blocks, SWOT, problems, the results
chain, costs, envelopes, indicators and targets, and where an element came from.

Every function takes the person acting (`by=`) and asks the one permission check; a version
that is no longer a draft or under consultation refuses the write (FrozenVersion). Other
apps call these too — the participation app writes a meeting's SWOT into the draft with
`add_swot_item(plan, …, source=Source("participation.meeting:12", "Meeting of 5 Sept"))`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from aimaq.accounts.models import Organisation
from aimaq.core.activity import attribute_to
from aimaq.indicators.models import Dimension, Indicator
from aimaq.territories.models import Territory

from ..models import (
    Action,
    ActionCost,
    ActionStatus,
    CumulativeRule,
    Direction,
    EvidenceBlock,
    FocusArea,
    Frequency,
    FundingEnvelope,
    FundingSource,
    Goal,
    Outcome,
    Output,
    PlanIndicator,
    PlanVersion,
    Problem,
    ProblemRole,
    SectionText,
    SwotItem,
    TraceLink,
    UnitKind,
)
from ..permissions import CHANGE
from .common import Texts, as_draft, require, require_some_text, texts
from .money import check_amount

Target = Any  # a Plan (its working draft is written) or a PlanVersion

ElementT = TypeVar("ElementT", bound=models.Model)


@dataclass(frozen=True)
class Source:
    """Where an element came from outside the plan: a reference the other app understands
    ("participation.proposal:12"), a label people read, and a link."""

    ref: str
    label: str
    url: str = ""


def _writable(target: Target, by: Any) -> PlanVersion:
    version = as_draft(target)
    require(by, CHANGE, version)
    return version


def _saved(obj: models.Model, by: Any, source: Source | None = None) -> Any:
    return save_element(obj, by=by, source=source)


def save_element(obj: models.Model, *, by: Any, source: Source | None = None) -> Any:
    """Save a new or changed element of a draft: numbered and ordered when it has no
    number yet, checked whole, attributed to `by`, traced to `source`."""
    require(by, CHANGE, obj.version)  # type: ignore[attr-defined]
    if obj.pk is None:
        number_element(obj)
    obj.full_clean(exclude=["version", "uid"])
    attribute_to(obj, by).save()
    if source is not None:
        trace(obj, source, by=by)
    return obj


def _next(queryset: models.QuerySet) -> int:
    return queryset.count() + 1


def number_element(obj: models.Model) -> None:
    """Give a new element its place: goals 1, 2…; outcomes 1.1; outputs 1.1.1; actions and
    indicators 1, 2… within the version."""
    if isinstance(obj, Outcome):
        siblings: models.QuerySet[Any] = obj.goal.outcomes.all()
        prefix = f"{obj.goal.code}."
    elif isinstance(obj, Output):
        siblings = obj.outcome.outputs.all()
        prefix = f"{obj.outcome.code}."
    else:
        manager = getattr(obj.version, f"{obj._meta.model_name}s", None)  # type: ignore[attr-defined]
        if manager is None:
            return
        siblings = manager.all()
        prefix = ""
    number = siblings.count() + 1
    if hasattr(obj, "code") and not obj.code:
        obj.code = f"{prefix}{number}"
    if hasattr(obj, "order") and not obj.order:
        obj.order = number


def set_section_text(target: Target, section: str, text: str | Texts, *, by: Any) -> SectionText:
    version = _writable(target, by)
    row = SectionText.objects.filter(version=version, section=section).first()
    row = row or SectionText(version=version, section=section)
    for field, value in texts(text).items():
        setattr(row, field, value)
    return _saved(row, by)


def add_evidence(
    target: Target,
    kind: str,
    *,
    indicator: Indicator | None = None,
    territory: Territory | None = None,
    note: str | Texts | None = None,
    by: Any,
) -> EvidenceBlock:
    """A live block of figures for the situation analysis (frozen at approval)."""
    version = _writable(target, by)
    if kind != "profile" and indicator is None:
        raise ValidationError({"indicator": _("Choose the indicator to show.")})
    block = EvidenceBlock(
        version=version,
        kind=kind,
        indicator=indicator,
        territory=territory,
        order=_next(version.evidenceblocks.all()),
        **texts(note),
    )
    return _saved(block, by)


def add_swot_item(
    target: Target,
    *,
    quadrant: str,
    text: str | Texts,
    focus_area: str = FocusArea.GENERAL,
    source: Source | None = None,
    by: Any,
) -> SwotItem:
    version = _writable(target, by)
    fields = texts(text)
    require_some_text(fields)
    item = SwotItem(
        version=version,
        quadrant=quadrant,
        focus_area=focus_area,
        order=_next(version.swotitems.filter(focus_area=focus_area, quadrant=quadrant)),
        **fields,
    )
    return _saved(item, by, source)


def add_problem(
    target: Target,
    *,
    text: str | Texts,
    role: str = ProblemRole.CORE,
    core: Problem | None = None,
    focus_area: str = FocusArea.GENERAL,
    evidence_indicator: Indicator | None = None,
    evidence_note: str = "",
    source: Source | None = None,
    by: Any,
) -> Problem:
    """A core problem, or a cause or an effect of `core`, with the evidence that shows it."""
    version = _writable(target, by)
    fields = texts(text)
    require_some_text(fields)
    if role == ProblemRole.CORE and core is not None:
        raise ValidationError({"core": _("A core problem hangs under no other problem.")})
    if role != ProblemRole.CORE and (core is None or core.version_id != version.pk):
        raise ValidationError(
            {"core": _("Choose the core problem this one is a cause or effect of.")}
        )
    problem = Problem(
        version=version,
        role=role,
        core=core,
        focus_area=focus_area,
        evidence_indicator=evidence_indicator,
        evidence_note=evidence_note,
        order=_next(version.problems.all()),
        **fields,
    )
    return _saved(problem, by, source)


def add_goal(
    target: Target,
    *,
    name: str | Texts,
    code: str = "",
    focus_area: str = FocusArea.GENERAL,
    aligned_to: Goal | None = None,
    problems: Iterable[Problem] = (),
    source: Source | None = None,
    by: Any,
) -> Goal:
    version = _writable(target, by)
    fields = texts(name, "name")
    require_some_text(fields, "name")
    if aligned_to is not None and aligned_to.version.plan_id == version.plan_id:
        raise ValidationError({"aligned_to": _("A goal aligns to a goal of another plan.")})
    number = _next(version.goals.all())
    with transaction.atomic():
        goal = Goal(
            version=version,
            code=code or str(number),
            focus_area=focus_area,
            aligned_to=aligned_to,
            order=number,
            **fields,
        )
        _saved(goal, by, source)
        goal.problems.set(_same_version(problems, version))
    return goal


def add_outcome(goal: Goal, *, name: str | Texts, code: str = "", by: Any) -> Outcome:
    version = _writable(goal.version, by)
    fields = texts(name, "name")
    require_some_text(fields, "name")
    number = _next(goal.outcomes.all())
    outcome = Outcome(
        version=version, goal=goal, code=code or f"{goal.code}.{number}", order=number, **fields
    )
    return _saved(outcome, by)


def add_output(outcome: Outcome, *, name: str | Texts, code: str = "", by: Any) -> Output:
    version = _writable(outcome.version, by)
    fields = texts(name, "name")
    require_some_text(fields, "name")
    number = _next(outcome.outputs.all())
    output = Output(
        version=version,
        outcome=outcome,
        code=code or f"{outcome.code}.{number}",
        order=number,
        **fields,
    )
    return _saved(output, by)


def add_action(
    target: Target,
    *,
    name: str | Texts,
    code: str = "",
    output: Output | None = None,
    goals: Iterable[Goal] = (),
    problems: Iterable[Problem] = (),
    responsible: Organisation | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    status: str = ActionStatus.PLANNED,
    percent_done: int = 0,
    budget_codes: tuple[str, str, str] = ("", "", ""),
    costs: Mapping[tuple[int, FundingSource], int] | None = None,
    source: Source | None = None,
    by: Any,
) -> Action:
    """An action of the plan with its cost per year and source (whole tenge)."""
    version = _writable(target, by)
    fields = texts(name, "name")
    require_some_text(fields, "name")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The action ends before it starts.")})
    number = _next(version.actions.all())
    administrator, programme, subprogramme = budget_codes
    with transaction.atomic():
        action = Action(
            version=version,
            code=code or str(number),
            output=output,
            responsible=responsible,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            percent_done=percent_done,
            budget_administrator=administrator,
            budget_programme=programme,
            budget_subprogramme=subprogramme,
            order=number,
            **fields,
        )
        _saved(action, by, source)
        action.goals.set(_same_version(goals, version))
        action.problems.set(_same_version(problems, version))
        if costs:
            set_costs(action, costs, by=by)
    return action


def set_costs(
    action: Action, costs: Mapping[tuple[int, FundingSource], int], *, by: Any
) -> list[ActionCost]:
    """Replace the action's costs by `costs` ({(year, source): tenge}); zero amounts are left
    out. Years must be the plan's; amounts whole, non-negative tenge."""
    version = _writable(action.version, by)
    years = set(version.plan.years)
    rows = []
    for (year, source), amount in costs.items():
        if year not in years:
            raise ValidationError(
                {"year": _("%(year)s is not a year of the plan.") % {"year": year}}
            )
        tenge = check_amount(amount)
        if tenge:
            rows.append(
                ActionCost(version=version, action=action, year=year, source=source, amount=tenge)
            )
    with transaction.atomic():
        action.costs.all().delete()
        ActionCost.objects.bulk_create(rows)
    return rows


def set_envelope(
    target: Target, *, year: int, source: FundingSource, amount: int, by: Any
) -> FundingEnvelope:
    version = _writable(target, by)
    if year not in version.plan.years:
        raise ValidationError({"year": _("%(year)s is not a year of the plan.") % {"year": year}})
    envelope = FundingEnvelope.objects.filter(version=version, year=year, source=source).first()
    envelope = envelope or FundingEnvelope(version=version, year=year, source=source)
    envelope.amount = check_amount(amount)
    return _saved(envelope, by)


def add_indicator(
    target: Target,
    *,
    outcome: Outcome | None = None,
    output: Output | None = None,
    name: str | Texts | None = None,
    indicator: Indicator | None = None,
    territory: Territory | None = None,
    unit_kind: str = UnitKind.NUMBER,
    unit: str | Texts | None = None,
    direction: str = Direction.INCREASE,
    baseline: Decimal | int | None = None,
    baseline_year: int | None = None,
    target_value: Decimal | int | None = None,
    frequency: str = Frequency.ANNUAL,
    rule: str = CumulativeRule.LATEST,
    tolerance: int = 15,
    decimals: int = 0,
    disaggregations: Iterable[Dimension] = (),
    targets: Mapping[str, Decimal | int] | None = None,
    code: str = "",
    by: Any,
) -> PlanIndicator:
    """An indicator of an outcome or an output: linked to the evidence base (`indicator`)
    or the plan's own (`name`), with its baseline, life-of-plan target and period targets."""
    from .targets import set_targets

    version = _writable(target, by)
    if outcome is not None and output is not None:
        raise ValidationError(_("An indicator measures an outcome or an output, not both."))
    fields = texts(name, "name")
    if indicator is None:
        require_some_text(fields, "name")
    number = _next(version.planindicators.all())
    with transaction.atomic():
        row = PlanIndicator(
            version=version,
            code=code or str(number),
            outcome=outcome,
            output=output,
            indicator=indicator,
            territory=territory,
            unit_kind=unit_kind,
            direction=direction,
            baseline_value=_decimal(baseline),
            baseline_year=baseline_year,
            target_value=_decimal(target_value),
            frequency=frequency,
            rule=rule,
            tolerance=tolerance,
            decimals=decimals,
            order=number,
            **fields,
            **texts(unit, "unit"),
        )
        _saved(row, by)
        row.disaggregations.set(disaggregations)
        if targets:
            set_targets(row, targets, by=by)
    return row


def remove(element: models.Model, *, by: Any) -> None:
    """Delete an element of a draft (its outcomes, outputs and targets with it)."""
    version = getattr(element, "version", None)
    require(by, CHANGE, version)
    with transaction.atomic():
        TraceLink.objects.filter(
            version=version,
            element_uid=element.uid,  # type: ignore[attr-defined]
        ).delete()
        attribute_to(element, by).delete()


def trace(element: models.Model, source: Source, *, by: Any = None) -> TraceLink:
    """Record that `element` (a SWOT item, problem, goal, action…) came from `source`."""
    version = element.version  # type: ignore[attr-defined]
    if by is not None:
        require(by, CHANGE, version)
    link, _created = TraceLink.objects.update_or_create(
        version=version,
        element_uid=element.uid,  # type: ignore[attr-defined]
        source=source.ref[:120],
        defaults={
            "element_kind": element._meta.model_name or "",
            "label": source.label[:255],
            "url": _safe_link(source.url)[:500],
        },
    )
    return link


def _safe_link(url: str) -> str:
    """`url` if it is a page of this site or a web address (it is drawn as an href), else
    nothing: no `javascript:` or `data:` link reaches a plan page."""
    if url.startswith("/") and not url.startswith("//"):
        return url
    return url if url.startswith(("https://", "http://")) else ""


def traces_of(element: models.Model) -> list[TraceLink]:
    return list(
        TraceLink.objects.filter(version=element.version, element_uid=element.uid)  # type: ignore[attr-defined]
    )


def _same_version(rows: Iterable[ElementT], version: PlanVersion) -> list[ElementT]:
    chosen = list(rows)
    if any(row.version_id != version.pk for row in chosen):  # type: ignore[attr-defined]
        raise ValidationError(_("Link only to elements of the same version of the plan."))
    return chosen


def _decimal(value: Decimal | int | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise TypeError("plan figures are Decimal or int, never float")
    return Decimal(value)

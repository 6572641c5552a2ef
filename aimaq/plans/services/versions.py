"""Creating a plan, and amending it: an approved version never changes, so an amendment
copies it whole into a new draft (every element keeps its uid, so the diff and the roll-up
find it again) and goes through the workflow itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from aimaq.accounts.models import Organisation
from aimaq.core.activity import attribute_to, log_action
from aimaq.territories.models import Territory

from .. import events
from ..models import (
    Action,
    ActionCost,
    EvidenceBlock,
    FundingEnvelope,
    Goal,
    Outcome,
    Output,
    PeriodTarget,
    Plan,
    PlanIndicator,
    PlanVersion,
    Problem,
    SectionText,
    SwotItem,
    TraceLink,
)
from ..permissions import CHANGE
from .common import Texts, require, require_some_text, texts, version_in_force, working_draft


def create_plan(
    *,
    territory: Territory,
    owner: Organisation,
    kind: str,
    title: str | Texts,
    start_year: int,
    end_year: int,
    by: Any,
    is_demo: bool = False,
) -> Plan:
    """A new plan with its first version, a draft. Refused unless `by` may write plans of
    `territory`."""
    plan = Plan(
        territory=territory,
        owner=owner,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        is_demo=is_demo,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **texts(title, "name"),
    )
    require_some_text(texts(title, "name"), "name")
    require(by, CHANGE, plan)
    plan.full_clean()
    with transaction.atomic():
        attribute_to(plan, by).save()
        version = PlanVersion(plan=plan, number=1, created_by=plan.created_by)
        attribute_to(version, by).save()
        log_action(plan, events.CREATED, by=by)
    return plan


def start_amendment(plan: Plan, *, by: Any, reason: str) -> PlanVersion:
    """A new draft copied from the version in force, to be changed and approved again. One
    amendment at a time; the reason is required (it heads the diff)."""
    require(by, CHANGE, plan)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is amended.")})
    if working_draft(plan) is not None:
        raise ValidationError(_("The plan already has a draft being written."))
    source = version_in_force(plan)
    if source is None:
        raise ValidationError(_("Only an approved plan is amended; edit the draft instead."))
    with transaction.atomic():
        number = plan.versions.aggregate(models.Max("number"))["number__max"] + 1
        draft = PlanVersion(
            plan=plan,
            number=number,
            based_on=source,
            reason=reason.strip(),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        attribute_to(draft, by).save()
        copy_content(source, draft)
        log_action(draft, events.AMENDMENT, by=by, data={"number": number, "comment": reason})
    return draft


def copy_content(source: PlanVersion, target: PlanVersion) -> None:
    """Copy every element of `source` into `target` (a new draft), uids kept, links between
    the elements re-pointed at the copies. Figures frozen at approval are not copied: the
    new draft shows live figures until it is approved in turn."""
    _clone(SectionText.objects.filter(version=source), target)
    _clone(EvidenceBlock.objects.filter(version=source), target, blank=("snapshot", "frozen_at"))
    _clone(SwotItem.objects.filter(version=source), target)
    problems = _clone(Problem.objects.filter(version=source, core__isnull=True), target)
    problems |= _clone(
        Problem.objects.filter(version=source, core__isnull=False), target, {"core": problems}
    )
    goals = _clone(Goal.objects.filter(version=source), target)
    _copy_links(Goal.problems.through, "goal", goals, "problem", problems)
    outcomes = _clone(Outcome.objects.filter(version=source), target, {"goal": goals})
    outputs = _clone(Output.objects.filter(version=source), target, {"outcome": outcomes})
    actions = _clone(Action.objects.filter(version=source), target, {"output": outputs})
    _copy_links(Action.goals.through, "action", actions, "goal", goals)
    _copy_links(Action.problems.through, "action", actions, "problem", problems)
    _clone(ActionCost.objects.filter(version=source), target, {"action": actions})
    _clone(FundingEnvelope.objects.filter(version=source), target)
    indicators = _clone(
        PlanIndicator.objects.filter(version=source),
        target,
        {"outcome": outcomes, "output": outputs},
    )
    _copy_links(
        PlanIndicator.disaggregations.through, "planindicator", indicators, "dimension", None
    )
    _clone(PeriodTarget.objects.filter(version=source), target, {"indicator": indicators})
    TraceLink.objects.bulk_create(
        TraceLink(
            version=target,
            element_kind=link.element_kind,
            element_uid=link.element_uid,
            source=link.source,
            label=link.label,
            url=link.url,
        )
        for link in TraceLink.objects.filter(version=source)
    )


def _clone(
    rows: Iterable[models.Model],
    target: PlanVersion,
    remap: dict[str, dict[int, int]] | None = None,
    blank: tuple[str, ...] = (),
) -> dict[int, int]:
    """Copies of `rows` in `target` (foreign keys named in `remap` re-pointed from old to new
    ids); returns {old id: new id}."""
    remap = remap or {}
    originals = list(rows)
    copies = []
    for row in originals:
        copy = type(row)()
        for field in row._meta.concrete_fields:
            if field.primary_key:
                continue
            setattr(copy, field.attname, getattr(row, field.attname))
        copy.version_id = target.pk  # type: ignore[attr-defined]
        for name, mapping in remap.items():
            old = getattr(row, f"{name}_id")
            setattr(copy, f"{name}_id", mapping.get(old) if old is not None else None)
        for name in blank:
            setattr(copy, name, None)
        copies.append(copy)
    model = type(originals[0]) if originals else None
    if model is None:
        return {}
    created = model._default_manager.bulk_create(copies, batch_size=500)
    return {old.pk: new.pk for old, new in zip(originals, created, strict=True)}


def _copy_links(
    through: type[models.Model],
    left: str,
    left_map: dict[int, int],
    right: str,
    right_map: dict[int, int] | None,
) -> None:
    """Copy many-to-many links; `right_map` None keeps the right side (shared rows)."""
    if not left_map:
        return
    links = through._default_manager.filter(**{f"{left}_id__in": list(left_map)})
    copies = []
    for link in links:
        right_id = getattr(link, f"{right}_id")
        if right_map is not None:
            right_id = right_map.get(right_id)
            if right_id is None:
                continue
        copies.append(
            through(
                **{f"{left}_id": left_map[getattr(link, f"{left}_id")], f"{right}_id": right_id}
            )
        )
    through._default_manager.bulk_create(copies, batch_size=500)

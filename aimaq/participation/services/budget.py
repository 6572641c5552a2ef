"""Participatory-budget calls: announcing one, residents' projects (one per author), the
public expert review, the results by the call's published rule, and the winners becoming
actions of the plan with a trace back to the call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action

from .. import events, plan_links
from ..choices import CallPhase, ProjectStatus
from ..models import BallotChoice, BudgetCall, BudgetProject, Participant
from ..permissions import ACT_FOR, MANAGE_CALLS
from ..rules import Allocation, Candidate, allocate
from .common import person, require


def phase_of(call: BudgetCall, today: date | None = None) -> str:
    """The phase the call is in on `today` (its dates, and whether results are out)."""
    today = today or timezone.localdate()
    if call.results_published_at is not None:
        if today.year >= call.implementation_year:
            return CallPhase.IMPLEMENTATION
        return CallPhase.RESULTS
    if today < call.proposals_from:
        return CallPhase.ANNOUNCED
    if today <= call.proposals_to:
        return CallPhase.PROPOSALS
    if today < call.voting_from:
        return CallPhase.REVIEW
    if today <= call.voting_to:
        return CallPhase.VOTING
    return CallPhase.COUNTING


CALL_FIELDS = (
    "envelope",
    "rule",
    "max_choices",
    "overflow",
    "min_age",
    "residents_only",
    "online_check",
    "proposals_from",
    "proposals_to",
    "review_to",
    "voting_from",
    "voting_to",
    "results_on",
    "implementation_year",
    "plan",
)


def create_call(
    *,
    territory: Any,
    name: dict[str, str],
    description: dict[str, str] | None = None,
    is_demo: bool = False,
    by: Any,
    **fields: Any,
) -> BudgetCall:
    """A call in `territory` with its envelope (whole tenge), phases and rules."""
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise ValueError(f"not a call field: {sorted(unknown)}")
    call = BudgetCall(
        territory=territory,
        is_demo=is_demo,
        created_by=person(by),
        **{f"name_{lang}": text for lang, text in name.items()},
        **{f"description_{lang}": text for lang, text in (description or {}).items()},
        **fields,
    )
    require(by, MANAGE_CALLS, call)
    if call.plan is not None and call.plan.territory_id != territory.pk:
        raise ValidationError({"plan": _("Choose a plan of the call's territory.")})
    call.full_clean()
    with transaction.atomic():
        attribute_to(call, by).save()
        log_action(call, events.CALL_CREATED, by=by)
    return call


def publish_call(call: BudgetCall, *, by: Any) -> BudgetCall:
    require(by, MANAGE_CALLS, call)
    with transaction.atomic():
        call.is_published = True
        attribute_to(call, by).save(update_fields=["is_published"])
        log_action(call, events.CALL_PUBLISHED, by=by)
    return call


def may_propose(call: BudgetCall, author: Participant, today: date) -> list[str]:
    """Why `author` may not propose to `call` now ([] when they may)."""
    problems = []
    if phase_of(call, today) != CallPhase.PROPOSALS:
        problems.append(
            _("Projects are accepted from %(start)s to %(end)s.")
            % {"start": f"{call.proposals_from:%d.%m.%Y}", "end": f"{call.proposals_to:%d.%m.%Y}"}
        )
    if author.birth_year is None:
        problems.append(_("Give your year of birth: only adults propose projects."))
    elif today.year - author.birth_year < call.min_age:
        problems.append(
            _("Only people aged %(age)s or over propose projects.") % {"age": call.min_age}
        )
    if call.residents_only and not call.territory.contains(author.residence):
        problems.append(
            _("Only residents of %(territory)s propose projects to this call.")
            % {"territory": call.territory.name}
        )
    return problems


def submit_project(
    call: BudgetCall,
    *,
    author: Participant,
    title: str,
    description: str,
    author_cost: int,
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    today: date | None = None,
    by: Any,
) -> BudgetProject:
    """A resident's project for the call (or one an official enters for them): one per
    author, in the proposals phase, by adults living in the territory."""
    today = today or timezone.localdate()
    entered_by = None
    if not (author.user_id and author.user_id == getattr(by, "pk", None)):
        require(by, ACT_FOR, author)
        entered_by = person(by)
    problems = may_propose(call, author, today)
    if problems:
        raise ValidationError(problems)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Write the project's title.")
    if not (description or "").strip():
        errors["description"] = _("Describe the project.")
    if not isinstance(author_cost, int) or author_cost <= 0:
        errors["author_cost"] = _("Write the cost in whole tenge.")
    elif author_cost > call.envelope:
        errors["author_cost"] = _("The cost is more than the call's whole envelope.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            number = (call.projects.aggregate(top=Max("number"))["top"] or 0) + 1
            project = BudgetProject.objects.create(
                call=call,
                number=number,
                title=title.strip()[:200],
                description=description.strip(),
                place=(place or "").strip()[:200],
                latitude=latitude,
                longitude=longitude,
                author_cost=author_cost,
                author=author,
                entered_by=entered_by,
            )
            log_action(project, events.PROJECT_SUBMITTED, by=by)
    except IntegrityError:
        raise ValidationError(
            _("One project per author: you have proposed one to this call already.")
        ) from None
    return project


def review_project(
    project: BudgetProject,
    *,
    feasible: bool,
    cost: int | None = None,
    reasons: str = "",
    today: date | None = None,
    by: Any,
) -> BudgetProject:
    """The expert council's review, shown publicly: feasible at a cost estimate, or refused
    with the reasons. Refused once voting has started."""
    require(by, MANAGE_CALLS, project.call)
    if phase_of(project.call, today) in (
        CallPhase.VOTING,
        CallPhase.COUNTING,
        CallPhase.RESULTS,
        CallPhase.IMPLEMENTATION,
    ):
        raise ValidationError(_("The ballot is fixed once voting starts."))
    reasons = (reasons or "").strip()
    if feasible and (not isinstance(cost, int) or cost <= 0):
        raise ValidationError({"cost": _("Give the experts' cost estimate in whole tenge.")})
    if feasible and cost is not None and cost > project.call.envelope:
        raise ValidationError({"cost": _("The cost is more than the call's whole envelope.")})
    if not feasible and not reasons:
        raise ValidationError({"reasons": _("Give the reasons for refusing: they are published.")})
    with transaction.atomic():
        project.status = ProjectStatus.FEASIBLE if feasible else ProjectStatus.REFUSED
        project.reviewed_cost = cost if feasible else None
        project.review_reasons = reasons
        project.reviewed_by = person(by)
        project.reviewed_at = timezone.now()
        attribute_to(project, by).save()
        log_action(
            project,
            events.PROJECT_REVIEWED,
            by=by,
            data={"status": project.status},
        )
    return project


def ballot_projects(call: BudgetCall) -> list[BudgetProject]:
    """The projects on the ballot: the feasible ones, by number."""
    return list(call.projects.filter(status=ProjectStatus.FEASIBLE).order_by("number"))


@dataclass(frozen=True)
class ResultRow:
    project: BudgetProject
    votes: int
    cost: int
    rank: int
    funded: bool
    reason: str


@dataclass(frozen=True)
class Results:
    rows: list[ResultRow]
    allocation: Allocation
    ballots: int


def votes_per_project(call: BudgetCall) -> dict[int, int]:
    """Votes per project id, counted in the database."""
    return dict(
        BallotChoice.objects.filter(ballot__call=call)
        .values_list("project_id")
        .annotate(n=Count("pk"))
        .values_list("project_id", "n")
    )


def compute_results(call: BudgetCall) -> Results:
    """The results by the call's rule (see rules.allocate), from the ballots as they are."""
    projects = ballot_projects(call)
    votes = votes_per_project(call)
    candidates = [Candidate(p.pk, votes.get(p.pk, 0), p.ballot_cost, p.number) for p in projects]
    allocation = allocate(candidates, call.envelope, call.overflow)
    by_id = {p.pk: p for p in projects}
    funded = set(allocation.funded)
    rows = [
        ResultRow(
            project=by_id[pid],
            votes=votes.get(pid, 0),
            cost=by_id[pid].ballot_cost,
            rank=place,
            funded=pid in funded,
            reason=allocation.not_funded.get(pid, ""),
        )
        for place, pid in enumerate(allocation.ranking, start=1)
    ]
    return Results(rows, allocation, call.ballots.count())


def publish_results(call: BudgetCall, *, by: Any, today: date | None = None) -> Results:
    """Publish the results once voting has closed; paper ballots entered after that are
    refused."""
    require(by, MANAGE_CALLS, call)
    today = today or timezone.localdate()
    if today <= call.voting_to:
        raise ValidationError(_("Results are published after voting closes."))
    with transaction.atomic():
        locked = BudgetCall.objects.select_for_update().get(pk=call.pk)
        if locked.results_published_at is None:
            locked.results_published_at = timezone.now()
            attribute_to(locked, by).save(update_fields=["results_published_at"])
            log_action(locked, events.RESULTS_PUBLISHED, by=by)
        call.results_published_at = locked.results_published_at
    return compute_results(call)


def call_source(call: BudgetCall) -> plan_links.Source:
    label = f"Халық қатысатын бюджет / Бюджет народного участия / Participatory budget: {call.name}"
    return plan_links.Source(
        f"participation.budget_call:{call.pk}", label, reverse("participation:call", args=[call.pk])
    )


def winners_to_plan(call: BudgetCall, *, by: Any) -> list[BudgetProject]:
    """Each funded project not yet in the plan becomes an action of the plan's draft in the
    year of implementation, costed at the reviewed cost, traced to the call."""
    require(by, MANAGE_CALLS, call)
    if call.results_published_at is None:
        raise ValidationError(_("Publish the results first."))
    if call.plan is None:
        raise ValidationError(_("The call names no plan for its winners."))
    if call.implementation_year not in plan_links.plan_years(call.plan):
        raise ValidationError(_("The year of implementation is not a year of the plan."))
    results = compute_results(call)
    made = []
    source = call_source(call)
    with transaction.atomic():
        for row in results.rows:
            project = row.project
            if not row.funded or project.action_uid is not None:
                continue
            project.action_uid = plan_links.add_winner_action(
                call.plan,
                name=project.title,
                cost=row.cost,
                year=call.implementation_year,
                level=call.territory.level,
                source=source,
                by=by,
            )
            attribute_to(project, by).save(update_fields=["action_uid"])
            made.append(project)
        if made:
            log_action(call, events.WINNERS_TO_PLAN, by=by, data={"count": len(made)})
    return made

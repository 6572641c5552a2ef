"""Progress rolled up the territory tree: okrug plans into the rayon's, rayons' into the
oblast's — through the goal links (a goal serving a goal of the plan above), and by
territory (every plan below a unit). Reads the stored verdicts (`IndicatorScore`), so a
national view over thousands of plans is a few grouped queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.db.models.functions import Substr

from aimaq.territories.kato import GROUP_ENDS, kato_depth, kato_prefix, kato_subtree_q
from aimaq.territories.models import Territory

from .measures import Verdict
from .models import Goal, IndicatorScore, Plan, PlanVersion


@dataclass
class Counts:
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_data: int = 0

    def add(self, verdict: str, number: int) -> None:
        setattr(self, verdict, getattr(self, verdict, 0) + number)

    def __iadd__(self, other: Counts) -> Counts:
        for name in ("on_track", "at_risk", "off_track", "no_data"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def total(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.no_data


@dataclass
class GoalRollup:
    goal: Goal
    own: Counts = field(default_factory=Counts)
    below: Counts = field(default_factory=Counts)  # indicators of goals serving this one
    plans_below: int = 0

    @property
    def all(self) -> Counts:
        total = Counts()
        total += self.own
        total += self.below
        return total


def goal_rollup(version: PlanVersion) -> list[GoalRollup]:
    """Each goal of the version with its own indicators' verdicts and those of the goals
    that serve it, one and two levels down (okrug → rayon → oblast)."""
    goals = list(Goal.objects.filter(version=version))
    rows = {goal.uid: GoalRollup(goal) for goal in goals}
    by_pk = {goal.pk: goal.uid for goal in goals}
    for goal_id, verdict, number in (
        IndicatorScore.objects.filter(goal__in=goals)
        .values_list("goal_id", "verdict")
        .annotate(n=Count("pk"))
    ):
        rows[by_pk[goal_id]].own.add(verdict, number)
    uids = list(rows)
    plans_below: dict[Any, set[int]] = defaultdict(set)
    for path in ("goal__aligned_to__uid", "goal__aligned_to__aligned_to__uid"):
        found = (
            IndicatorScore.objects.filter(**{f"{path}__in": uids})
            .values_list(path, "verdict", "plan_id")
            .annotate(n=Count("pk"))
        )
        for uid, verdict, plan_id, number in found:
            rows[uid].below.add(verdict, number)
            plans_below[uid].add(plan_id)
    for uid, plans in plans_below.items():
        rows[uid].plans_below = len(plans)
    return [rows[goal.uid] for goal in goals]


@dataclass
class UnitRollup:
    territory: Territory
    counts: Counts
    plans: int


def child_prefix_length(territory: Territory) -> int:
    """How many KATO digits name a child of `territory` (2 under the country, 4 under an
    oblast, 6 under a rayon)."""
    depth = kato_depth(territory.kato) if territory.kato != "000000000" else 0
    return GROUP_ENDS[min(depth, len(GROUP_ENDS) - 1)]


def territory_rollup(territory: Territory) -> tuple[Counts, list[UnitRollup]]:
    """The verdicts of every plan in force under `territory`, in all and per child unit:
    one grouped query on the KATO prefix."""
    length = child_prefix_length(territory)
    scores = IndicatorScore.objects.filter(kato_subtree_q(territory.kato, "plan__territory__kato"))
    grouped = (
        scores.annotate(prefix=Substr("plan__territory__kato", 1, length))
        .values_list("prefix", "verdict")
        .annotate(n=Count("pk"), plans=Count("plan_id", distinct=True))
    )
    per_prefix: dict[str, Counts] = defaultdict(Counts)
    plans: dict[str, int] = defaultdict(int)
    total = Counts()
    for prefix, verdict, number, plan_count in grouped:
        per_prefix[prefix].add(verdict, number)
        total.add(verdict, number)
        plans[prefix] = max(plans[prefix], plan_count)
    children = list(territory.children.filter(valid_to__isnull=True).order_by("kato"))
    units = []
    for child in children:
        prefix = kato_prefix(child.kato)[:length].ljust(length, "0")
        if prefix in per_prefix:
            units.append(UnitRollup(child, per_prefix[prefix], plans[prefix]))
    return total, units


def national_rollup() -> dict[str, Any]:
    """Every rayon plan's and oblast plan's goals rolled up from the plans below, and the
    country and each oblast by territory — the figures the benchmark times."""
    from .models import IN_FORCE_STATUSES, PlanKind

    views: dict[str, Any] = {"plans": {}, "territories": {}}
    versions = PlanVersion.objects.filter(
        status__in=IN_FORCE_STATUSES,
        plan__kind=PlanKind.TERRITORIAL,
    ).select_related("plan__territory")
    for version in versions:
        views["plans"][version.plan_id] = goal_rollup(version)
    country = Territory.objects.filter(kato="000000000", valid_to__isnull=True).first()
    if country is not None:
        views["territories"][country.kato] = territory_rollup(country)
        for oblast in country.children.filter(valid_to__isnull=True):
            views["territories"][oblast.kato] = territory_rollup(oblast)
    return views


def verdict_counts(plan: Plan) -> Counts:
    counts = Counts()
    for verdict, number in (
        IndicatorScore.objects.filter(plan=plan).values_list("verdict").annotate(n=Count("pk"))
    ):
        counts.add(verdict, number)
    return counts


VERDICTS = (Verdict.ON_TRACK, Verdict.AT_RISK, Verdict.OFF_TRACK, Verdict.NO_DATA)

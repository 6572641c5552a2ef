"""Progress rolled up the territory tree: okrug plans into the rayon's, rayons' into the
oblast's — through the goal links (a goal serving a goal of the plan above), and by
territory (every plan below a unit). Reads the stored verdicts (`IndicatorScore`), so a
national view over thousands of plans is a few grouped queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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
    return goal_rollups([version])[version.pk]


def goal_rollups(
    versions: Iterable[PlanVersion], *, every_score: bool = False
) -> dict[int, list[GoalRollup]]:
    """`goal_rollup` of many versions in four grouped queries. `every_score` reads every
    stored verdict instead of filtering by the versions' goals (the national view, where
    that filter would be a list of thousands)."""
    ids = [version.pk for version in versions]
    goals = list(Goal.objects.filter(version__in=ids))
    pks = [goal.pk for goal in goals]
    uids = [goal.uid for goal in goals]
    scores = IndicatorScore.objects.all()
    own: dict[int, Counts] = defaultdict(Counts)
    own_scores = scores if every_score else scores.filter(goal__in=pks)
    for goal_id, verdict, number in (
        own_scores.exclude(goal=None).values_list("goal_id", "verdict").annotate(n=Count("pk"))
    ):
        own[goal_id].add(verdict, number)
    below: dict[Any, Counts] = defaultdict(Counts)
    plans_below: dict[Any, set[int]] = defaultdict(set)
    for path in ("goal__aligned_to__uid", "goal__aligned_to__aligned_to__uid"):
        found = (
            scores.exclude(**{path: None})
            if every_score
            else scores.filter(**{f"{path}__in": uids})
        )
        # Verdicts per goal above, then which plans they come from: two small answers
        # instead of one row per (goal, verdict, plan).
        for uid, verdict, number in found.values_list(path, "verdict").annotate(n=Count("pk")):
            below[uid].add(verdict, number)
        for uid, plan_id in found.values_list(path, "plan_id").distinct():
            plans_below[uid].add(plan_id)
    result: dict[int, list[GoalRollup]] = {pk: [] for pk in ids}
    for goal in goals:
        row = GoalRollup(goal, plans_below=len(plans_below.get(goal.uid, ())))
        row.own += own.get(goal.pk, Counts())
        row.below += below.get(goal.uid, Counts())
        result[goal.version_id].append(row)
    return result


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
    prefixed = scores.annotate(prefix=Substr("plan__territory__kato", 1, length))
    per_prefix: dict[str, Counts] = defaultdict(Counts)
    total = Counts()
    for prefix, verdict, number in prefixed.values_list("prefix", "verdict").annotate(
        n=Count("pk")
    ):
        per_prefix[prefix].add(verdict, number)
        total.add(verdict, number)
    # A plan counts once in its unit whatever the verdicts of its indicators.
    plans: dict[str, int] = dict(
        prefixed.values_list("prefix").annotate(n=Count("plan_id", distinct=True))
    )
    children = list(territory.children.filter(valid_to__isnull=True).order_by("kato"))
    units = []
    for child in children:
        prefix = kato_prefix(child.kato)[:length].ljust(length, "0")
        if prefix in per_prefix:
            units.append(UnitRollup(child, per_prefix[prefix], plans[prefix]))
    return total, units


def national_rollup() -> dict[str, Any]:
    """Every plan's goals rolled up from the plans below it (the rayon and oblast plans), and
    the country and each oblast by territory — the figures the benchmark times. A fixed
    number of grouped queries however many plans there are."""
    from .models import IN_FORCE_STATUSES, PlanKind

    views: dict[str, Any] = {"plans": {}, "territories": {}}
    # The plans something rolls up into: those with a goal that a goal below serves (by
    # uid, so an amended plan above keeps its contributions). An okrug plan with nothing
    # below has no roll-up view; its own scorecard shows its verdicts.
    served = Goal.objects.filter(aligned_to__isnull=False).values("aligned_to__uid")
    versions = list(
        PlanVersion.objects.filter(
            status__in=IN_FORCE_STATUSES,
            plan__kind=PlanKind.TERRITORIAL,
            goals__uid__in=served,
        ).distinct()
    )
    rollups = goal_rollups(versions)
    for version in versions:
        views["plans"][version.plan_id] = rollups[version.pk]
    country = Territory.objects.filter(kato="000000000", valid_to__isnull=True).first()
    if country is None:
        return views
    # One pass over the verdicts by the first four KATO digits (oblast and rayon) serves
    # the country's view and every oblast's.
    prefixed = IndicatorScore.objects.annotate(prefix=Substr("plan__territory__kato", 1, 4))
    by_prefix: dict[str, Counts] = defaultdict(Counts)
    for prefix, verdict, number in prefixed.values_list("prefix", "verdict").annotate(
        n=Count("pk")
    ):
        by_prefix[prefix].add(verdict, number)
    plans_by_prefix = dict(
        prefixed.values_list("prefix").annotate(n=Count("plan_id", distinct=True))
    )

    def summed(start: str) -> tuple[Counts, int]:
        counts, plans = Counts(), 0
        for prefix, found in by_prefix.items():
            if prefix.startswith(start):
                counts += found
                plans += plans_by_prefix.get(prefix, 0)
        return counts, plans

    def view(territory: Territory, children: list[Territory]) -> tuple[Counts, list[UnitRollup]]:
        total, _plans = summed(kato_prefix(territory.kato)[:2])
        length = child_prefix_length(territory)
        units = []
        for child in children:
            counts, plans = summed(kato_prefix(child.kato)[:length].ljust(length, "0"))
            if counts.total:
                units.append(UnitRollup(child, counts, plans))
        return total, units

    oblasts = list(country.children.filter(valid_to__isnull=True).order_by("kato"))
    views["territories"][country.kato] = view(country, oblasts)
    rayons: dict[int, list[Territory]] = defaultdict(list)
    for rayon in Territory.objects.filter(parent__in=oblasts, valid_to__isnull=True).order_by(
        "kato"
    ):
        rayons[rayon.parent_id].append(rayon)  # type: ignore[index]
    for oblast in oblasts:
        views["territories"][oblast.kato] = view(oblast, rayons[oblast.pk])
    return views


def verdict_counts(plan: Plan) -> Counts:
    counts = Counts()
    for verdict, number in (
        IndicatorScore.objects.filter(plan=plan).values_list("verdict").annotate(n=Count("pk"))
    ):
        counts.add(verdict, number)
    return counts


VERDICTS = (Verdict.ON_TRACK, Verdict.AT_RISK, Verdict.OFF_TRACK, Verdict.NO_DATA)

"""The per-application score summary (`ScoreSummary`): how many valid sheets, their scores
summed per criterion, the mean weighted total, and whether the minimum criteria are met.
The services that change what it depends on call `refresh_summary` (one application: a
sheet saved, a conflict declared, the minimum criteria checked) or `refresh_summaries` (a
whole competition: a criterion changed, data written in bulk); the committee's table reads
it through `summary_scores`, one row per application."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from typing import Any

from django.db.models import Exists, OuterRef, TextField
from django.db.models.functions import Cast

from ..models import (
    Application,
    Competition,
    ConflictDeclaration,
    Criterion,
    CriterionKind,
    MinimumCheck,
    ScoreSheet,
    ScoreSummary,
)
from ..rules.scoring import CENT, ApplicationScore, CriterionRule, TenthsScorer


def scored_criteria(competition: Competition) -> list[Criterion]:
    return list(competition.criteria.filter(kind=CriterionKind.SCORED))


def criterion_rules(criteria: list[Criterion]) -> list[CriterionRule]:
    return [CriterionRule(c.code, c.weight, c.max_score, c.tie_break) for c in criteria]


def tenths_of(scores: Mapping[str, Decimal]) -> dict[str, int]:
    """A sheet's scores (one decimal) as the tenths `ScoreSheet.values` keeps."""
    return {code: int(value * 10) for code, value in scores.items()}


def bonuses(competition: Competition) -> dict[int, Decimal]:
    """application id → the sum of its priority groups' bonus points."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    links = Application.priority_groups.through.objects.filter(
        application__competition=competition
    ).values_list("application_id", "prioritygroup__bonus")
    for application_id, bonus in links:
        totals[application_id] += bonus
    return totals


def minimum_met(required: Iterable[int], checks: Mapping[int, bool]) -> bool | None:
    """The minimum criteria's verdict from the checks made (criterion id → met): failed
    when one is not met, pending (None) while one is unchecked, met otherwise (and when
    the call has none)."""
    required = list(required)
    if any(checks.get(c) is False for c in required):
        return False
    if any(c not in checks for c in required):
        return None
    return True


def valid_sums(
    competition: Competition, application: Application | None = None
) -> dict[int, tuple[int, list[int]]]:
    """application id → (valid sheets, the scored criteria's tenths summed over them, in
    the order of `scored_criteria`). A valid sheet is submitted, scores every scored
    criterion, and belongs to a member without a declared conflict on the application.
    The sheets are read with the scores each keeps (`ScoreSheet.values`), one row per
    sheet, and their JSON decoded at once."""
    codes = [c.code for c in scored_criteria(competition)]
    if not codes:
        return {}
    conflicted = ConflictDeclaration.objects.filter(
        application=OuterRef("application_id"), user=OuterRef("member__user_id")
    )
    sheets = ScoreSheet.objects.filter(
        application__competition=competition, submitted_at__isnull=False
    ).exclude(Exists(conflicted))
    if application is not None:
        sheets = sheets.filter(application=application)
    rows = list(sheets.values_list("application_id", Cast("values", TextField())))
    ids, texts = zip(*rows, strict=True) if rows else ((), ())
    # One decode of all the sheets' JSON at once: fifteen thousand separate decodes (the
    # field's converter) took longer than all the rest of the committee's table.
    decoded = json.loads(f"[{','.join(texts)}]")
    # itemgetter of one key gives the value, of several a tuple: always a tuple here.
    pick = itemgetter(*codes) if len(codes) > 1 else (lambda values: (values[codes[0]],))
    by_application: dict[int, list[Any]] = defaultdict(list)
    for application_id, values in zip(ids, decoded, strict=True):
        try:
            by_application[application_id].append(pick(values))
        except (KeyError, TypeError):
            continue  # not every criterion scored: the sheet does not count
    return {
        application_id: (len(picked), [sum(column) for column in zip(*picked, strict=True)])
        for application_id, picked in by_application.items()
    }


def _weighted(count: int, sums: list[int], rules: list[CriterionRule]) -> Decimal | None:
    """The mean of the valid sheets' weighted totals, to the cent (exact, rounded once)."""
    if count <= 0:
        return None
    exact = sum((r.weight * s for r, s in zip(rules, sums, strict=True)), Decimal(0))
    return (exact / 10 / count).quantize(CENT, rounding=ROUND_HALF_UP)


def _minimums(competition: Competition, application: Application | None) -> dict[int, bool | None]:
    """application id → the minimum criteria's verdict (every application not listed: the
    verdict without a check, met when the call has no minimum criteria, else pending)."""
    required = list(
        competition.criteria.filter(kind=CriterionKind.PASS_FAIL).values_list("pk", flat=True)
    )
    checks: dict[int, dict[int, bool]] = defaultdict(dict)
    if required:
        rows = MinimumCheck.objects.filter(application__competition=competition)
        if application is not None:
            rows = rows.filter(application=application)
        for application_id, criterion_id, passed in rows.values_list(
            "application_id", "criterion_id", "passed"
        ):
            checks[application_id][criterion_id] = passed
    unchecked = minimum_met(required, {})
    verdicts = {a: minimum_met(required, found) for a, found in checks.items()}
    return defaultdict(lambda: unchecked, verdicts)


def _summaries(
    competition: Competition, applications: list[int], application: Application | None = None
) -> list[ScoreSummary]:
    criteria = scored_criteria(competition)
    rules = criterion_rules(criteria)
    codes = [c.code for c in criteria]
    sums = valid_sums(competition, application)
    minimum = _minimums(competition, application)
    found = []
    for application_id in applications:
        count, tenths = sums.get(application_id, (0, [0] * len(codes)))
        found.append(
            ScoreSummary(
                application_id=application_id,
                sheets=count,
                sums=dict(zip(codes, tenths, strict=True)) if count else {},
                weighted=_weighted(count, tenths, rules),
                minimum_passed=minimum[application_id],
            )
        )
    return found


FIELDS = ["sheets", "sums", "weighted", "minimum_passed", "updated_at"]


def refresh_summary(application: Application) -> ScoreSummary:
    """Computes the application's summary again from its sheets, conflicts and minimum
    checks, and stores it."""
    (summary,) = _summaries(application.competition, [application.pk], application)
    ScoreSummary.objects.update_or_create(
        application_id=application.pk,
        defaults={name: getattr(summary, name) for name in FIELDS if name != "updated_at"},
    )
    return summary


def refresh_summaries(competition: Competition) -> int:
    """Computes every application's summary in the competition again (after a criterion
    changed, or data written in bulk); returns how many were stored."""
    applications = list(
        Application.objects.filter(competition=competition).values_list("pk", flat=True)
    )
    summaries = _summaries(competition, applications)
    ScoreSummary.objects.bulk_create(
        summaries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["application"],
        update_fields=FIELDS,
    )
    return len(summaries)


def summary_scores(
    competition: Competition, rules: list[CriterionRule]
) -> tuple[dict[int, ApplicationScore], dict[int, bool | None]]:
    """From the stored summaries: application id → its score (the mean over valid sheets
    plus its priority bonus; only applications with a valid sheet), and application id →
    the minimum criteria's verdict."""
    extra = bonuses(competition)
    scorer = TenthsScorer(rules)
    zero = Decimal(0)
    scores: dict[int, ApplicationScore] = {}
    minimum: dict[int, bool | None] = {}
    rows = list(
        ScoreSummary.objects.filter(application__competition=competition).values_list(
            "application_id", "sheets", Cast("sums", TextField()), "minimum_passed"
        )
    )
    decoded = json.loads(f"[{','.join(r[2] for r in rows)}]")
    for (application_id, count, _text, passed), sums in zip(rows, decoded, strict=True):
        minimum[application_id] = passed
        if count <= 0:
            continue
        try:
            tenths = [sums[r.code] for r in rules]
        except KeyError:
            continue  # summed before a criterion was added: refreshed by the criteria service
        result = scorer(tenths, count, extra.get(application_id, zero))
        if result is not None:
            scores[application_id] = result
    return scores, minimum

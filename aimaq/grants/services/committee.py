"""The committee's work: seats, conflict-of-interest declarations, independent score
sheets (a submitted score changed again is logged), the scoring gate."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action

from ..events import CONFLICT_DECLARED, RESCORED, SCORED, SHEET_WITHDRAWN
from ..models import (
    Application,
    CommitteeMember,
    Competition,
    ConflictDeclaration,
    Criterion,
    DecisionStatus,
    Gate,
    Score,
    ScoreSheet,
)
from ..permissions import DECLARE, MANAGE, SCORE
from ..rules.reasons import Reason
from ..rules.scoring import ApplicationScore, application_score, score_from_sums, sheet_total
from . import gates
from .common import require
from .summaries import (
    bonuses,
    criterion_rules,
    refresh_summaries,
    refresh_summary,
    scored_criteria,
    tenths_of,
    valid_sums,
)

__all__ = ["bonuses", "criterion_rules", "scored_criteria", "tenths_of"]  # also read from here

TENTH = Decimal("0.1")


def add_member(
    competition: Competition, user: Any, *, role: str, interest_group: str, affiliation: str = "",
    by: Any,
) -> CommitteeMember:  # fmt: skip
    require(by, MANAGE, competition)
    member, _created = CommitteeMember.objects.update_or_create(
        competition=competition,
        user=user,
        defaults={"role": role, "interest_group": interest_group, "affiliation": affiliation},
    )
    return member


def seat_of(competition: Competition, user: Any) -> CommitteeMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CommitteeMember.objects.filter(competition=competition, user=user.pk).first()


def declare_conflict(application: Application, *, by: Any) -> ConflictDeclaration:
    """The member declares a conflict of interest on the application: from now on they
    neither see nor score it, and any sheet of theirs for it is withdrawn from the mean at
    once — the summary the committee's table reads and the scoring gate are judged again
    (declared after scoring, a sheet stops counting the moment the conflict is known).

    A sheet given before the declaration is kept, not deleted: every reader of the scores
    leaves out the sheets of members with a conflict, and the record of who scored what,
    and when they declared, stays for the protocol's readers and the audit committee (the
    log's entry says the sheet was withdrawn, with its weighted total and when it was
    submitted)."""
    require(by, DECLARE, application)
    with transaction.atomic():
        declaration, _created = ConflictDeclaration.objects.get_or_create(
            application=application, user=by
        )
        log_action(application, CONFLICT_DECLARED, by=by)
        sheet = ScoreSheet.objects.filter(
            application=application, member__user=by.pk, submitted_at__isnull=False
        ).first()
        if sheet is not None:
            log_action(
                application,
                SHEET_WITHDRAWN,
                by=by,
                data={
                    "sheet": sheet.pk,
                    "total": str(sheet.total) if sheet.total is not None else None,
                    "submitted_at": sheet.submitted_at.isoformat() if sheet.submitted_at else None,
                },
            )
        refresh_summary(application)
        judge_scoring(application)
    return declaration


def _value(raw: Any, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        value = Decimal(-1)
    if (
        not value.is_finite()
        or not 0 <= value <= criterion.max_score
        or value != value.quantize(Decimal("0.1"))
    ):
        raise ValidationError(
            _("“%(criterion)s”: a score from 0 to %(max)s, at most one decimal, was expected.")
            % {"criterion": criterion.name, "max": criterion.max_score}
        )
    return value


def save_sheet(
    application: Application,
    values: dict[int, Any],
    *,
    by: Any,
    comments: dict[int, str] | None = None,
    comment: str = "",
    submit: bool = False,
) -> ScoreSheet:
    """Saves the member's scores (criterion id → score); `submit` hands the sheet in (every
    scored criterion needed). A submitted score changed again is logged with its old and
    new value; nothing changes once the decision is signed."""
    require(by, SCORE, application)
    competition = application.competition
    if competition.decisions.filter(status=DecisionStatus.SIGNED).exists():
        raise ValidationError(_("The decision is signed: scores no longer change."))
    member = CommitteeMember.objects.get(competition=competition, user=by.pk)
    criteria = scored_criteria(competition)
    comments = comments or {}
    checked = {
        c.pk: _value(values[c.pk], c) for c in criteria if values.get(c.pk) not in (None, "")
    }
    if submit and len(checked) < len(criteria):
        missing = [c.name for c in criteria if c.pk not in checked]
        raise ValidationError(
            _("Score every criterion before submitting: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    with transaction.atomic():
        sheet, _created = ScoreSheet.objects.get_or_create(application=application, member=member)
        was_submitted = sheet.submitted_at is not None
        stored = {s.criterion_id: s for s in sheet.scores.all()}
        for criterion in criteria:
            if criterion.pk not in checked:
                continue
            new = checked[criterion.pk]
            score = stored.get(criterion.pk)
            if score is None:
                score = Score(sheet=sheet, criterion=criterion, value=new)
            elif was_submitted and score.value != new:
                log_action(
                    application,
                    RESCORED,
                    by=by,
                    data={"criterion": criterion.code, "old": str(score.value), "new": str(new)},
                )
            score.value = new
            score.comment = comments.get(criterion.pk, score.comment)[:1000]
            attribute_to(score, by).save()
        sheet.comment = comment
        scores = {s.criterion.code: s.value for s in sheet.scores.select_related("criterion")}
        sheet.values = tenths_of(scores)
        if submit or was_submitted:
            sheet.total = sheet_total(scores, criterion_rules(criteria))
        if submit and not was_submitted:
            sheet.submitted_at = timezone.now()
            log_action(application, SCORED, by=by)
        attribute_to(sheet, by).save()
        if sheet.submitted_at:
            refresh_summary(application)
            judge_scoring(application)
    return sheet


def submitted_sheets(
    competition: Competition, application: Application | None = None
) -> dict[int, dict[int, dict[str, Decimal]]]:
    """application id → member id → criterion code → score, for submitted sheets of members
    without a conflict on the application (of one application when given)."""
    declarations = ConflictDeclaration.objects.filter(application__competition=competition)
    if application is not None:
        declarations = declarations.filter(application=application)
    conflicts = set(declarations.values_list("application_id", "user_id"))
    found: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    rows = Score.objects.filter(
        sheet__application__competition=competition, sheet__submitted_at__isnull=False
    )
    if application is not None:
        rows = rows.filter(sheet__application=application)
    values = rows.values_list(
        "sheet__application_id", "sheet__member_id", "sheet__member__user_id",
        "criterion__code", "value",
    )  # fmt: skip
    for application_id, member_id, user_id, code, value in values:
        if (application_id, user_id) not in conflicts:
            found[application_id][member_id][code] = value
    return found


def application_scores(competition: Competition) -> dict[int, ApplicationScore]:
    """Every scored application's score computed from scratch from its sheets (the mean of
    its valid sheets' totals plus its bonus), with the exact arithmetic of
    `score_from_sums`. The committee's table reads the stored summaries instead; this is
    what they must always equal."""
    rules = criterion_rules(scored_criteria(competition))
    extra = bonuses(competition)
    scores = {}
    for application_id, (count, tenths) in valid_sums(competition).items():
        by_code = {r.code: Decimal(t) / 10 for r, t in zip(rules, tenths, strict=True)}
        result = score_from_sums(by_code, count, rules, extra.get(application_id, Decimal(0)))
        if result is not None:
            scores[application_id] = result
    return scores


def judge_scoring(application: Application) -> None:
    """The scoring gate: pending until a quorum of sheets is in, then passed when the score
    reaches the call's minimum total."""
    competition = application.competition
    rules = criterion_rules(scored_criteria(competition))
    sheets = submitted_sheets(competition, application).get(application.pk, {})
    complete = [s for s in sheets.values() if len(s) == len(rules)]
    bonus = sum((g.bonus for g in application.priority_groups.all()), Decimal(0))
    result = application_score(complete, rules, bonus)
    if result is None or result.sheets < competition.quorum:
        reasons = [Reason("too_few_sheets", {"given": len(complete), "needed": competition.quorum})]
        gates._record(application, Gate.SCORING, None, [r.as_dict() for r in reasons], None)
        return
    passed = result.total >= competition.min_total
    code = "scored" if passed else "below_threshold"
    reason = Reason(code, {"score": result.total, "min": competition.min_total})
    gates._record(application, Gate.SCORING, passed, [reason.as_dict()], None)


def record_submitted_sheets(
    competition: Competition,
    sheets: list[tuple[Application, Any, dict[int, Decimal]]],
    *,
    at: Any,
) -> int:
    """Writes, in bulk, score sheets already handed in on paper or at a past meeting
    (application, member's person, criterion id → score), each submitted at `at` and
    logged as scored by its member; then every summary and scoring gate is judged again.
    The same rules as `save_sheet` hold — a voting seat, no conflict, every scored
    criterion, a score from 0 to the maximum with at most one decimal — checked before
    anything is written; it serves records of past competitions (the demo's)."""
    from simple_history.utils import bulk_create_with_history

    criteria = scored_criteria(competition)
    rules = criterion_rules(criteria)
    seats = {m.user_id: m for m in competition.members.all()}
    conflicts = set(
        ConflictDeclaration.objects.filter(application__competition=competition).values_list(
            "application_id", "user_id"
        )
    )
    rows = []
    for application, person, values in sheets:
        seat = seats.get(person.pk)
        if seat is None or not seat.votes or (application.pk, person.pk) in conflicts:
            raise ValidationError(
                _("%(case)s: %(person)s has no vote here or declared a conflict of interest on it.")
                % {"case": application.case_number, "person": person.get_full_name() or person}
            )
        checked = {c.code: _value(values.get(c.pk), c) for c in criteria}
        sheet = ScoreSheet(
            application=application, member=seat, submitted_at=at, values=tenths_of(checked),
            total=sheet_total(checked, rules),
        )  # fmt: skip
        rows.append((sheet, person, checked))
    with transaction.atomic():
        stored = bulk_create_with_history([sheet for sheet, _p, _c in rows], ScoreSheet)
        by_key = {(s.application_id, s.member_id): s for s in stored}
        if any(s.pk is None for s in stored):  # a backend that returns no keys
            by_key = {
                (s.application_id, s.member_id): s
                for s in ScoreSheet.objects.filter(application__competition=competition)
            }
        scores = []
        by_code = {c.code: c for c in criteria}
        for sheet, person, checked in rows:
            saved = by_key[(sheet.application_id, sheet.member_id)]
            scores += [
                Score(sheet=saved, criterion=by_code[code], value=value)
                for code, value in checked.items()
            ]
            log_action(sheet.application, SCORED, by=person)
        Score.objects.bulk_create(scores, batch_size=1000)
        refresh_summaries(competition)
        for application in {sheet.application_id: sheet.application for sheet, *_ in rows}.values():
            judge_scoring(application)
    return len(rows)

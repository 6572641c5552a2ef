"""The committee's decision: drafted from the ranking and selection, checked for a lawful
composition on every application after recusals, signed by the chair (then immutable, its
protocol rendered and stored by a background job), amended only as a new version that says why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action

from ..events import DECISION_AMENDED, DECISION_DRAFTED, DECISION_SIGNED
from ..models import (
    FUNDED,
    Award,
    CommitteeMember,
    Competition,
    ConflictDeclaration,
    Decision,
    DecisionLine,
    DecisionStatus,
    Outcome,
)
from ..permissions import COMMITTEE, MANAGE, SIGN
from ..rules.reasons import reason_text
from ..rules.scoring import Composition, composition
from .common import require

# Outcomes on which the committee votes (the others were settled by a gate or withdrawal).
VOTED = (*FUNDED, Outcome.RESERVE, Outcome.BELOW_THRESHOLD, Outcome.NOT_SELECTED)


def latest_decision(competition: Competition, *, signed: bool = False) -> Decision | None:
    decisions = competition.decisions.all()
    if signed:
        decisions = decisions.filter(status=DecisionStatus.SIGNED)
    return decisions.order_by("-version").first()


def _lines_from_ranking(decision: Decision, ranking: Any, keep: dict[int, str]) -> None:
    """The draft's lines, written at once (the decision was made in this transaction and
    is a draft, which the line's own save guard would check row by row)."""
    assert not decision.is_signed
    present = list(decision.present.all())
    members = list(decision.competition.members.select_related("user"))
    recused = set(
        ConflictDeclaration.objects.filter(
            application__competition=decision.competition
        ).values_list("application_id", "user_id")
    )
    lines = []
    for row in ranking.rows:
        application = row.application
        outcome = keep.get(application.pk, row.outcome)
        voters = [m for m in present if m.votes and (application.pk, m.user_id) not in recused]
        lines.append(
            DecisionLine(
                decision=decision,
                application_id=application.pk,
                rank=row.rank,
                score=row.score.total if row.score else None,
                criteria={k: str(v) for k, v in (row.score.means if row.score else {}).items()},
                gates={gate: outcome_ for gate, outcome_ in row.gates.items()},
                outcome=outcome,
                amount=row.amount if outcome in FUNDED else 0,
                voters=len(voters),
                recused=sorted(str(m) for m in members if (application.pk, m.user_id) in recused),
            )
        )
    DecisionLine.objects.bulk_create(lines, batch_size=500)


def draft_decision(
    competition: Competition,
    *,
    by: Any,
    present: list[CommitteeMember],
    meeting_on: date | None = None,
    meeting_place: str = "",
) -> Decision:
    """A draft decision from the current ranking and selection (a previous draft is
    replaced); it amends the last signed decision when there is one."""
    from ..selectors.ranking import competition_rows

    require(by, COMMITTEE, competition)
    with transaction.atomic():
        Decision.objects.filter(competition=competition, status=DecisionStatus.DRAFT).delete()
        signed = latest_decision(competition, signed=True)
        if signed is not None:
            raise ValidationError(
                _("The decision is signed; changes go through an amendment with its reason.")
            )
        decision = Decision.objects.create(
            competition=competition,
            version=1,
            remainder_rule=competition.remainder_rule,
            fund=competition.fund,
            meeting_on=meeting_on,
            meeting_place=meeting_place,
            created_by=by,
        )
        decision.present.set(present)
        ranking = competition_rows(competition, with_best_use=False)
        _lines_from_ranking(decision, ranking, {})
        _total(decision)
        log_action(decision, DECISION_DRAFTED, by=by, data={"version": decision.version})
    return decision


def _total(decision: Decision) -> None:
    decision.total_awarded = sum(
        line.amount for line in decision.lines.all() if line.outcome in FUNDED
    )
    decision.save()


@dataclass(frozen=True)
class LineComposition:
    line: DecisionLine
    check: Composition


def compositions(decision: Decision) -> list[LineComposition]:
    """For every application the committee votes on: who may vote (present, voting, not
    recused) and whether that is a lawful composition."""
    competition = decision.competition
    present = list(decision.present.all())
    recused = set(
        ConflictDeclaration.objects.filter(application__competition=competition).values_list(
            "application_id", "user_id"
        )
    )
    found = []
    for line in decision.lines.select_related("application").filter(outcome__in=VOTED):
        groups = [
            m.interest_group
            for m in present
            if m.votes and (line.application_id, m.user_id) not in recused
        ]
        check = composition(
            groups, quorum=competition.quorum, max_share=competition.max_group_share
        )
        found.append(LineComposition(line, check))
    return found


def composition_problems(decision: Decision) -> list[str]:
    """One sentence per application whose composition is not lawful (empty: it may be signed)."""
    problems = []
    for item in compositions(decision):
        for reason in item.check.problems:
            problems.append(f"{item.line.application.case_number}: {reason_text(reason)}")
    return problems


def sign_decision(
    decision: Decision, *, by: Any, language: str = "ru", at: datetime | None = None
) -> Decision:
    """The chair signs a draft whose every composition is lawful: it becomes immutable, its
    protocol is queued to be rendered and stored with it (a background job, SIGNED_PROTOCOL,
    written in this transaction), and the funded applications get their awards."""
    from aimaq.core.jobs import enqueue_job

    from ..jobs import SIGNED_PROTOCOL

    require(by, SIGN, decision.competition)
    if decision.is_signed:
        raise ValidationError(_("This decision is already signed."))
    problems = composition_problems(decision)
    if problems:
        raise ValidationError([_("The committee's composition does not allow signing:"), *problems])
    with transaction.atomic():
        decision.signed_by = by
        decision.signed_at = at or timezone.now()
        decision.status = DecisionStatus.SIGNED
        decision.save()
        _awards(decision)
        log_action(decision, DECISION_SIGNED, by=by, data={"version": decision.version})
        enqueue_job(SIGNED_PROTOCOL, by=by, params={"decision": decision.pk, "language": language})
    return decision


def _awards(decision: Decision) -> None:
    for line in decision.lines.filter(outcome__in=FUNDED):
        Award.objects.update_or_create(
            application=line.application,
            defaults={"decision": decision, "amount": line.amount},
        )


def amend_decision(
    decision: Decision, *, by: Any, reason: str, changes: dict[int, str]
) -> Decision:
    """A new draft version amending the signed `decision`: the applications in `changes`
    (id → outcome, e.g. declined) change, funded awards stay, and the reserve list moves up
    into the money freed, in rank order under the call's rule."""
    from ..selectors.ranking import competition_rows

    require(by, MANAGE, decision.competition)
    if not reason.strip():
        raise ValidationError(_("Say why the decision is amended."))
    if not decision.is_signed:
        raise ValidationError(_("Only a signed decision is amended; change the draft instead."))
    with transaction.atomic():
        Decision.objects.filter(
            competition=decision.competition, status=DecisionStatus.DRAFT
        ).delete()
        version = (decision.competition.decisions.aggregate(v=Max("version"))["v"] or 0) + 1
        amendment = Decision.objects.create(
            competition=decision.competition,
            version=version,
            amends=decision,
            amendment_reason=reason.strip(),
            remainder_rule=decision.remainder_rule,
            fund=decision.fund,
            meeting_on=timezone.localdate(),
            created_by=by,
        )
        amendment.present.set(decision.present.all())
        previous = {line.application_id: line for line in decision.lines.all()}
        fixed = {
            app_id: line.amount
            for app_id, line in previous.items()
            if line.outcome in FUNDED and app_id not in changes
        }
        dropped = {app_id for app_id, outcome in changes.items() if outcome not in FUNDED}
        ranking = competition_rows(
            decision.competition, fixed=fixed, excluded=dropped, with_best_use=False
        )
        keep = dict(changes)
        for app_id, line in previous.items():
            if line.outcome in (Outcome.DECLINED, Outcome.REVOKED) and app_id not in keep:
                keep[app_id] = line.outcome
        _lines_from_ranking(amendment, ranking, keep)
        _total(amendment)
        log_action(amendment, DECISION_AMENDED, by=by, data={"version": version, "comment": reason})
    return amendment

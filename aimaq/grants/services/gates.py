"""The gates an application passes, recorded with their reasons: formal check and
eligibility (automatic, as at submission), minimum criteria (an official's findings),
scoring (the committee's mean against the threshold); overrides with a recorded reason;
duplicates flagged."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from aimaq.core.activity import log_action
from aimaq.core.attachments.services import attachments_of
from aimaq.core.permissions import can

from ..events import DUPLICATE_FLAGGED, JUDGED, OVERRIDDEN
from ..models import (
    Application,
    Channel,
    Competition,
    CriterionKind,
    DecisionStatus,
    DuplicateFlag,
    DuplicateKind,
    Gate,
    GateResult,
    MinimumCheck,
    Status,
)
from ..permissions import INTAKE, OVERRIDE
from ..rules import gates
from ..rules.reasons import Reason
from .summaries import refresh_summary

SIMILAR_TEXT = 90  # % similarity of project texts flagged as a possible duplicate
TEXT_FIELDS = ("applicant_name", "business_name", "description")


def call_rules(competition: Competition) -> gates.CallRules:
    return gates.CallRules(
        fund=competition.fund,
        min_budget=competition.min_budget,
        max_budget=competition.max_budget,
        own_share_min=competition.own_share_min,
        own_share_max=competition.own_share_max,
        applicant_types=frozenset(competition.applicant_types),
        eligible_prefixes=tuple(t.prefix for t in competition.eligible_territories.all()),
        opens_at=competition.opens_at,
        closes_at=competition.closes_at,
        required_documents=len(competition.required_documents),
        applications_per_applicant=competition.applications_per_applicant,
    )


def documents_given(application: Application) -> int:
    """Documents counted for completeness: those handed in on paper, or uploaded."""
    if application.channel == Channel.PAPER:
        return application.attachments_on_paper
    return attachments_of(application).count()


def earlier_applications(application: Application) -> int:
    """This applicant's applications in the call (same IIN or BIN, same account) submitted
    before it. Paper entries, which have no account, count among themselves.

    Another account's application under the same number is not counted: the reason would
    tell whoever typed an IIN into a draft that its holder has applied. Such a pair is
    flagged for the officials instead (`flag_duplicates`), who judge who applied."""
    number = application.identifier
    if not number:
        return 0
    field = "iin" if number == application.iin else "bin"
    others = Application.objects.filter(
        competition=application.competition_id,
        applicant=application.applicant_id,
        status__in=[Status.SUBMITTED, Status.AWAITING_CONFIRMATION],
        **{field: number},
    ).exclude(pk=application.pk)
    moment = application.submitted_at or timezone.now()
    return (
        others.filter(submitted_at__lt=moment).count()
        + others.filter(submitted_at=moment, pk__lt=application.pk or 0).count()
    )


def application_facts(application: Application, *, at: Any = None) -> gates.ApplicationFacts:
    territory = application.territory
    return gates.ApplicationFacts(
        applicant_type=application.applicant_type,
        iin=application.iin,
        bin=application.bin,
        territory_kato=territory.kato,
        territory_names={"kk": territory.name_kk, "ru": territory.name_ru, "en": territory.name_en},
        total_cost=application.total_cost,
        requested=application.requested,
        own_contribution=application.own_contribution,
        budget_lines=application.budget_lines.count(),
        submitted_at=at or application.submitted_at,
        documents=documents_given(application),
        texts={name: getattr(application, name) for name in TEXT_FIELDS},
        earlier_applications=earlier_applications(application),
    )


def precheck(application: Application) -> dict[str, gates.GateOutcome]:
    """What the automatic gates would say if the application were submitted now (for a
    draft: the applicant fixes what fails before submitting). Nothing is recorded."""
    rules = call_rules(application.competition)
    facts = application_facts(application, at=application.submitted_at or timezone.now())
    return {
        Gate.FORMAL: gates.formal(rules, facts),
        Gate.ELIGIBILITY: gates.eligibility(rules, facts),
    }


def _record(
    application: Application, gate: str, passed: bool | None, reasons: list[dict], by: Any
) -> GateResult:
    result, _created = GateResult.objects.get_or_create(application=application, gate=gate)
    if result.overridden:
        return result  # an official's recorded override stands until they change it
    if result.judged_at is not None and result.passed == passed and result.reasons == reasons:
        return result  # judged again to the same result: nothing new to record
    result.passed = passed
    result.reasons = reasons
    result.judged_at = timezone.now()
    result.judged_by = by if getattr(by, "is_authenticated", False) else None
    result.save()
    log_action(application, JUDGED[gate], by=by, data={"passed": passed})
    return result


def judge_automatic(application: Application, *, by: Any = None) -> dict[str, GateResult]:
    """Records the formal and eligibility gates as at the submission (both are judged, so
    the applicant learns every reason at once)."""
    rules = call_rules(application.competition)
    facts = application_facts(application)
    with transaction.atomic():
        return {
            Gate.FORMAL: _record(application, Gate.FORMAL, *_pair(gates.formal(rules, facts)), by),
            Gate.ELIGIBILITY: _record(
                application, Gate.ELIGIBILITY, *_pair(gates.eligibility(rules, facts)), by
            ),
        }


def _pair(outcome: gates.GateOutcome) -> tuple[bool, list[dict]]:
    return outcome.passed, outcome.as_list()


def record_minimum(
    application: Application, findings: dict[int, tuple[bool, str]], *, by: Any
) -> GateResult:
    """An official's findings on the minimum criteria (criterion id → (met, note)); the gate
    passes when every minimum criterion is met, and waits while one is unchecked."""
    if not can(by, INTAKE, application.competition) and not can(by, OVERRIDE, application):
        raise PermissionDenied
    _refuse_after_decision(application)
    criteria = list(application.competition.criteria.filter(kind=CriterionKind.PASS_FAIL))
    with transaction.atomic():
        for criterion in criteria:
            if criterion.pk in findings:
                met, note = findings[criterion.pk]
                MinimumCheck.objects.update_or_create(
                    application=application,
                    criterion=criterion,
                    defaults={"passed": met, "note": note[:500], "checked_by": by},
                )
        return judge_minimum(application, by=by)


def judge_minimum(application: Application, *, by: Any = None) -> GateResult:
    criteria = list(application.competition.criteria.filter(kind=CriterionKind.PASS_FAIL))
    checks = {c.criterion_id: c for c in application.minimum_checks.all()}
    reasons: list[Reason] = []
    pending = False
    for criterion in criteria:
        names = {"kk": criterion.name_kk, "ru": criterion.name_ru, "en": criterion.name_en}
        check = checks.get(criterion.pk)
        if check is None:
            pending = True
            reasons.append(Reason("minimum_pending", {"criterion": names}))
        elif not check.passed:
            reasons.append(Reason("minimum_failed", {"criterion": names}))
    failed = any(r.code == "minimum_failed" for r in reasons)
    passed: bool | None = False if failed else (None if pending else True)
    listed = [r.as_dict() for r in reasons] or [Reason("ok").as_dict()]
    result = _record(application, Gate.MINIMUM, passed, listed, by)
    refresh_summary(application)  # the committee's table reads the verdict from there
    return result


def override_gate(result: GateResult, *, passed: bool, reason: str, by: Any) -> GateResult:
    """An official sets the gate's result against the automatic one; the reason is
    required and recorded with who and when."""
    if not can(by, OVERRIDE, result.application):
        raise PermissionDenied
    _refuse_after_decision(result.application)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the gate's result is overridden.")})
    with transaction.atomic():
        result.overridden = True
        result.override_passed = passed
        result.override_reason = reason.strip()
        result.overridden_by = by
        result.overridden_at = timezone.now()
        result.save()
        log_action(
            result.application,
            OVERRIDDEN[result.gate],
            by=by,
            data={"passed": passed, "comment": reason.strip()},
        )
    return result


def _refuse_after_decision(application: Application) -> None:
    if application.competition.decisions.filter(status=DecisionStatus.SIGNED).exists():
        raise ValidationError(
            _("The decision is signed: gates change only through an amendment of the decision.")
        )


def flag_duplicates(application: Application, *, by: Any = None) -> list[DuplicateFlag]:
    """Flags the other applications of the call with the same IIN or BIN, or a nearly
    identical project text (both ways, so each shows the flag)."""
    others = (
        Application.objects.filter(competition=application.competition_id)
        .exclude(pk=application.pk)
        .exclude(status=Status.DRAFT)
    )
    flags = []
    number = application.identifier
    text = application.description.strip().lower()
    for other in others.only("pk", "iin", "bin", "description", "applicant_type"):
        found: list[tuple[str, int]] = []
        if number and number == other.identifier:
            found.append((DuplicateKind.SAME_IDENTIFIER, 100))
        if text and other.description:
            similarity = int(fuzz.ratio(text, other.description.strip().lower()))
            if similarity >= SIMILAR_TEXT:
                found.append((DuplicateKind.SIMILAR_TEXT, similarity))
        for kind, similarity in found:
            for first, second in ((application, other), (other, application)):
                flag, created = DuplicateFlag.objects.get_or_create(
                    application=first, other=second, kind=kind,
                    defaults={"similarity": similarity},
                )  # fmt: skip
                if created and first is application:
                    flags.append(flag)
                    log_action(application, DUPLICATE_FLAGGED, by=by, data={"kind": kind})
    return flags

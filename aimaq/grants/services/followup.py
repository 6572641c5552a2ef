"""After the award: its acceptance or refusal (the reserve list then moves up through an
amendment of the decision), the agreement and tranches, monitoring visits and the
entrepreneur's reports, and jobs created sent to the indicators (per okrug and year)
through the indicators app's import service."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action
from aimaq.core.attachments import Kind, attach, check_upload
from aimaq.core.exports import csv_text
from aimaq.territories.selectors import with_territories

from ..events import (
    AGREEMENT_SIGNED,
    AWARD_CHANGED,
    JOBS_PUBLISHED,
    REPORTED,
    TRANCHE_PAID,
    VISITED,
)
from ..models import (
    Award,
    AwardStatus,
    Competition,
    Decision,
    MonitoringReport,
    MonitoringVisit,
    Outcome,
    Tranche,
)
from ..permissions import MANAGE, REPORT
from .common import require
from .decision import amend_decision, latest_decision

JOBS_INDICATOR = "grant_jobs_created"
JOBS_NAMES = {
    "name_kk": "Гранттар есебінен құрылған жұмыс орындары",
    "name_ru": "Рабочие места, созданные за счёт грантов",
    "name_en": "Jobs created by grant-funded businesses",
    "unit_kk": "жұмыс орны",
    "unit_ru": "рабочих мест",
    "unit_en": "jobs",
}


def change_award(award: Award, *, status: str, reason: str = "", by: Any) -> Decision | None:
    """Records the award's new status. A declined or revoked award frees its money: an
    amendment of the decision is drafted in which the reserve list moves up (the chair
    signs it); it is returned."""
    require(by, MANAGE, award)
    if status in (AwardStatus.DECLINED, AwardStatus.REVOKED) and not reason.strip():
        raise ValidationError(_("Say why the award is declined or revoked."))
    with transaction.atomic():
        award.status = status
        award.status_reason = reason.strip()[:500]
        attribute_to(award, by).save()
        log_action(
            award.application, AWARD_CHANGED, by=by, data={"status": status, "comment": reason}
        )
        if status not in (AwardStatus.DECLINED, AwardStatus.REVOKED):
            return None
        signed = latest_decision(award.application.competition, signed=True)
        if signed is None:
            return None
        outcome = Outcome.DECLINED if status == AwardStatus.DECLINED else Outcome.REVOKED
        return amend_decision(signed, by=by, reason=reason, changes={award.application_id: outcome})


def record_agreement(award: Award, *, number: str, signed_on: date, by: Any) -> Award:
    require(by, MANAGE, award)
    with transaction.atomic():
        award.agreement_number = number.strip()
        award.agreement_signed_on = signed_on
        award.status = AwardStatus.AGREEMENT
        attribute_to(award, by).save()
        log_action(award.application, AGREEMENT_SIGNED, by=by)
    return award


def add_tranche(award: Award, *, amount: int, due_on: date, by: Any) -> Tranche:
    """A planned payment; the tranches never add up to more than the award."""
    require(by, MANAGE, award)
    planned = award.tranches.aggregate(total=Sum("amount"))["total"] or 0
    if planned + amount > award.amount:
        raise ValidationError(
            _(
                "The tranches would add up to %(total)s tenge, more than the award of %(award)s tenge."
            )
            % {"total": planned + amount, "award": award.amount}
        )
    number = (award.tranches.aggregate(n=Max("number"))["n"] or 0) + 1
    return Tranche.objects.create(award=award, number=number, amount=amount, due_on=due_on)


def mark_paid(tranche: Tranche, *, paid_on: date, by: Any) -> Tranche:
    require(by, MANAGE, tranche.award)
    with transaction.atomic():
        tranche.paid_on = paid_on
        attribute_to(tranche, by).save()
        log_action(tranche.award.application, TRANCHE_PAID, by=by, data={"number": tranche.number})
    return tranche


def record_visit(
    award: Award, *, visited_on: date, findings: str, business_status: str, by: Any
) -> MonitoringVisit:
    require(by, MANAGE, award)
    with transaction.atomic():
        visit = MonitoringVisit.objects.create(
            award=award, visited_on=visited_on, findings=findings, visited_by=by,
            business_status=business_status,
        )  # fmt: skip
        award.business_status = business_status
        attribute_to(award, by).save()
        log_action(award.application, VISITED, by=by)
    return visit


def submit_report(
    award: Award,
    *,
    period_end: date,
    jobs_created: int,
    revenue: int,
    notes: str = "",
    photo: UploadedFile | None = None,
    by: Any,
) -> MonitoringReport:
    """The entrepreneur's (or an official's) report for a period; a photo is checked and
    stored with the award, readable by those who may report on it."""
    require(by, REPORT, award)
    checked = check_upload(photo, kinds={Kind.IMAGE}) if photo else None
    with transaction.atomic():
        report, _created = MonitoringReport.objects.update_or_create(
            award=award,
            period_end=period_end,
            defaults={
                "jobs_created": jobs_created,
                "revenue": revenue,
                "notes": notes,
                "submitted_by": by,
            },
        )
        if checked is not None:
            attach(award, checked, by=by, read_action=REPORT)
        log_action(award.application, REPORTED, by=by, data={"period": period_end.isoformat()})
    return report


def jobs_by_okrug(territory_prefixes: tuple[str, ...] = ()) -> dict[tuple[str, str], int]:
    """(KATO code, year) → jobs created by funded businesses there, by each award's latest
    report in that year, over every competition."""
    latest: dict[tuple[int, str], tuple[date, int, str]] = {}
    reports = with_territories(MonitoringReport.objects.all(), "award__application__territory")
    for report in reports:
        award = report.award
        if award.status in (AwardStatus.DECLINED, AwardStatus.REVOKED):
            continue
        kato = award.application.territory.kato
        if territory_prefixes and not kato.startswith(territory_prefixes):
            continue
        key = (award.pk, str(report.period_end.year))
        if key not in latest or report.period_end > latest[key][0]:
            latest[key] = (report.period_end, report.jobs_created, kato)
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for (_award, year), (_end, jobs, kato) in latest.items():
        totals[(kato, year)] += jobs
    return dict(totals)


def publish_jobs(competition: Competition, *, by: Any) -> int:
    """Sends the jobs created in the competition's territories to the indicators (the
    "jobs created by grants" indicator, per okrug and year) through the indicators app's
    import service: checked whole, written whole. Returns the number of values sent."""
    from aimaq.core.permissions import TerritoryScope
    from aimaq.indicators.models import Aggregation, Direction, Theme
    from aimaq.indicators.services import (
        ImportOptions,
        ImportSource,
        create_import_run,
        declare_indicator,
        preview_import,
        run_import,
    )

    require(by, MANAGE, competition)
    prefixes = tuple(t.prefix for t in competition.eligible_territories.all())
    totals = jobs_by_okrug(prefixes)
    if not totals:
        return 0
    declare_indicator(
        JOBS_INDICATOR,
        **JOBS_NAMES,
        decimals=0,
        direction=Direction.HIGHER_IS_BETTER,
        theme=Theme.ECONOMY,
        aggregation=Aggregation.SUM,
        source_kk="Aimaq гранттық конкурстары",
        source_ru="Грантовые конкурсы Aimaq",
        source_en="Aimaq grant competitions",
        is_demo=competition.is_demo,
    )
    rows: list[list[object]] = [["indicator", "kato", "period", "value"]]
    rows += [[JOBS_INDICATOR, kato, year, jobs] for (kato, year), jobs in sorted(totals.items())]
    source = ImportSource(
        file_name="grant-jobs.csv",
        data=csv_text(rows).encode("utf-8"),
        # PERMISSION: managing the competition lets one publish its jobs, and only in the
        # competition's own territories (not wherever one may change figures).
        options=ImportOptions(
            match="code",
            source=str(competition.name)[:200],
            scope=TerritoryScope(prefixes=tuple(sorted(set(prefixes)))),
        ),
    )
    preview = preview_import(source)
    if preview.is_refused:
        raise ValidationError([error.message() for error in preview.errors[:5]])
    run = run_import(create_import_run(source, by=by, preview=preview), by=by, source=source)
    if run.status != "done":
        raise ValidationError(
            _("The jobs were not written to the indicators: %(status)s.") % {"status": run.status}
        )
    log_action(competition, JOBS_PUBLISHED, by=by, data={"rows": len(rows) - 1})
    return len(rows) - 1

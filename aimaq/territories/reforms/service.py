"""Applying the reforms to the territory registry: the KATO loader runs it after each load
(and the demo after its units), so units are valid in their own time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import update_change_reason

from ..bulk import CHANGED, record_history, update_territories
from ..kato import kato_subtree_q
from ..models import REFORM_EPOCH, Reform, Succession, Territory, TerritoryName
from .data import ReformData, load_reforms

REASON = "territorial reforms"
HEAVY = ("boundary", "boundary_web")  # never read here: a reload must stay quick


@dataclass
class ReformReport:
    """What applying the reforms did; `missing` lists the units not in the registry (their
    part of a reform waits until a list with them is loaded)."""

    reforms: int = 0
    ended: int = 0
    began: int = 0
    names: int = 0
    successions: int = 0
    missing: list[str] = field(default_factory=list)


def apply_reforms(reforms: list[ReformData] | None = None) -> ReformReport:
    """Every reform recorded, each unit it ended present and ended on its date, each unit it
    began (with the units below it) valid from its date, its former names and successions
    stored. Running it again changes nothing. One transaction."""
    report = ReformReport()
    with transaction.atomic():
        for data in reforms if reforms is not None else load_reforms():
            reform, _created = Reform.objects.update_or_create(
                slug=data.slug,
                defaults={
                    "date": data.date,
                    "act": data.act[:255],
                    **{f"title_{language}": text[:255] for language, text in data.title.items()},
                },
            )
            report.reforms += 1
            _end_units(data, report)
            _begin_units(data, report)
            _former_names(data, reform, report)
            _successions(data, reform, report)
    return report


def unit_on(kato: str, day: date) -> Territory | None:
    """The unit coded `kato` that was valid on `day`."""
    return (
        Territory.objects.filter(kato=kato)
        .valid_on(day)
        .defer(*HEAVY)
        .order_by("-valid_from")
        .first()
    )


def _end_units(data: ReformData, report: ReformReport) -> None:
    for ended in data.ended:
        if Territory.objects.filter(kato=ended.kato, valid_to=data.date).exists():
            continue
        current = Territory.objects.current().filter(kato=ended.kato).defer(*HEAVY).first()
        if current is not None:  # a list of before the reform was loaded: end the unit now
            current.valid_to = data.date
            current.save(update_fields=["valid_to"])
            update_change_reason(current, REASON)
            report.ended += 1
            continue
        parent = Territory.objects.current().filter(kato=ended.parent).defer(*HEAVY).first()
        if parent is None:
            report.missing.append(ended.parent)
            continue
        unit = Territory(
            kato=ended.kato,
            level=ended.level,
            parent=parent,
            valid_from=REFORM_EPOCH,
            valid_to=data.date,
            **{f"name_{language}": name for language, name in ended.names.items()},
        )
        unit.save()
        update_change_reason(unit, REASON)
        report.ended += 1


def _begin_units(data: ReformData, report: ReformReport) -> None:
    for code in data.began:
        units = list(
            Territory.objects.current()
            .filter(kato_subtree_q(code), valid_from__lt=data.date)
            .defer(*HEAVY)
        )
        if (
            not any(unit.kato == code for unit in units)
            and not Territory.objects.current().filter(kato=code).exists()
        ):
            report.missing.append(code)
        for unit in units:
            unit.valid_from = data.date
        if units:
            update_territories(units, ["valid_from"])
            record_history(units, CHANGED, reason=REASON)
            report.began += len(units)


def _former_names(data: ReformData, reform: Reform, report: ReformReport) -> None:
    for former in data.names:
        day = (former.valid_to or data.date) - timedelta(days=1)
        unit = (
            unit_on(former.kato, day)
            or Territory.objects.current().filter(kato=former.kato).defer(*HEAVY).first()
        )
        if unit is None:
            report.missing.append(former.kato)
            continue
        _name, created = TerritoryName.objects.update_or_create(
            territory=unit,
            valid_from=former.valid_from,
            valid_to=former.valid_to,
            defaults={
                "reform": reform,
                **{f"name_{language}": name for language, name in former.names.items()},
            },
        )
        report.names += created


def _successions(data: ReformData, reform: Reform, report: ReformReport) -> None:
    for link in data.successions:
        before = unit_on(link.predecessor, data.date - timedelta(days=1))
        after = unit_on(link.successor, data.date)
        if before is None or after is None:
            report.missing.append(link.predecessor if before is None else link.successor)
            continue
        _link, created = Succession.objects.update_or_create(
            reform=reform, predecessor=before, successor=after, defaults={"kind": link.kind}
        )
        report.successions += created

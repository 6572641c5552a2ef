"""The load service: read and validate the whole file, plan what changes, write it in one
transaction, and report what was read, written and refused."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from time import perf_counter

from django.db import transaction
from django.utils import timezone

from aimaq.core.tabular import FileRefused, RowError, TabularReport

from ..bulk import (
    CHANGED,
    CREATED,
    Row,
    insert_territories,
    new_unit,
    record_history,
    update_territories,
)
from ..kato import COUNTRY_CODE, kato_prefix
from ..models import Level, Territory
from ..reforms import ReformReport, apply_reforms
from .reading import read_table
from .validation import KatoRow, validate_table

NAME_FIELDS = ("name_kk", "name_ru", "name_en")
COUNTRY_NAMES = {"name_kk": "Қазақстан", "name_ru": "Казахстан", "name_en": "Kazakhstan"}


@dataclass
class LoadReport:
    """What a load read, wrote and refused; `refused` means nothing was written."""

    source: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    quirks: Counter = field(default_factory=Counter)
    quirk_examples: dict[str, list[str]] = field(default_factory=dict)
    level_sources: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    skip_invalid: bool = False
    dry_run: bool = False
    country_created: bool = False
    written: bool = False
    # Names a person corrected since, which the file would have changed: kept as corrected.
    kept_names: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # kato, field, kept, file's
    reforms: ReformReport | None = None

    @property
    def refused(self) -> bool:
        return bool(self.errors) and not self.skip_invalid

    def as_report(self) -> TabularReport:
        """The shape every import reports in: counts, the first errors, the error CSV."""
        report = TabularReport(
            rows=self.rows_read,
            counts={
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "skipped": len(self.skipped_rows),
            },
            refused=len({error.row for error in self.errors if error.row > 1}),
        )
        report.add_errors(self.errors)
        return report


def load_territories(
    path: Path,
    *,
    skip_invalid: bool = False,
    valid_from: date | None = None,
    dry_run: bool = False,
) -> LoadReport:
    """Load a KATO list into the current territory tree, keyed on the KATO code.

    Promises: the whole file is validated before anything is written; if any row is
    refused nothing is written, unless `skip_invalid`, which leaves out refused rows and
    every row below them. What is written lands in one transaction; the country root is
    created when missing; re-loading the same file changes nothing; columns the file lacks
    (and empty cells) never overwrite what is stored. `dry_run` reports without writing.
    """
    report = LoadReport(source=path.name, skip_invalid=skip_invalid, dry_run=dry_run)
    started = perf_counter()
    try:
        table = read_table(path)
    except FileRefused as refusal:
        report.errors.extend(refusal.errors)
        report.skip_invalid = False  # an unreadable file cannot be partly loaded
        return report
    report.rows_read = len(table.rows)
    report.timings["parse"] = perf_counter() - started

    started = perf_counter()
    existing = _current_territories()
    validation = validate_table(table, {code: t.level for code, t in existing.items()})
    report.errors = validation.errors
    report.skipped_rows = validation.skipped_rows
    report.quirks, report.quirk_examples = validation.quirks, validation.quirk_examples
    report.level_sources = Counter(row.level_source for row in validation.rows)
    report.timings["validate"] = perf_counter() - started
    if report.refused:
        return report

    started = perf_counter()
    with transaction.atomic():
        _ensure_country(existing, report)
        plan = plan_changes(validation.rows, existing)
        report.kept_names = plan.kept_names
        report.created += len(plan.creates)
        report.updated, report.unchanged = len(plan.updates), plan.unchanged
        if dry_run:
            transaction.set_rollback(True)
        else:
            write_plan(plan, existing, valid_from=valid_from, reason=_reason(path))
            # Units in their own time: ended units, begun ones valid from their reform, former
            # names and which area went where (territories/reforms/reforms.json).
            report.reforms = apply_reforms()
            report.written = True
    report.timings["write"] = perf_counter() - started
    return report


# --- the plan ------------------------------------------------------------------------


@dataclass
class Plan:
    creates: list[KatoRow] = field(default_factory=list)
    updates: list[tuple[Territory, dict[str, object], str]] = field(default_factory=list)
    unchanged: int = 0
    kept_names: list[tuple[str, str, str, str]] = field(default_factory=list)


def plan_changes(rows: list[KatoRow], existing: dict[str, Territory]) -> Plan:
    """Which rows create a territory, which change one (only in the columns the file has,
    never wiping a name it leaves empty, never replacing a name a person corrected), which
    leave it as it is."""
    plan = Plan()
    pending: list[tuple[Territory, dict[str, object], str]] = []
    for row in rows:
        territory = existing.get(row.code)
        if territory is None:
            plan.creates.append(row)
            continue
        pending.append((territory, _changes(territory, row, existing), row.parent_code))
    renamed = [t for t, changes, _p in pending if any(n in changes for n in NAME_FIELDS)]
    corrected = names_corrected_by_people(renamed)
    for territory, changes, parent_code in pending:
        for name in corrected.get(territory.pk, ()):
            if name in changes:
                plan.kept_names.append(
                    (territory.kato, name, getattr(territory, name), str(changes.pop(name)))
                )
        if changes:
            plan.updates.append((territory, changes, parent_code))
        else:
            plan.unchanged += 1
    return plan


def names_corrected_by_people(territories: list[Territory]) -> dict[int, set[str]]:
    """{territory id: the name fields whose stored value a person set} — read from the
    history: the last change of each name made by a signed-in person (the site's form or the
    admin), not by a load."""
    if not territories:
        return {}
    ids = [t.pk for t in territories]
    rows = Territory.history.filter(id__in=ids).order_by("id", "history_date", "history_id")
    last_by: dict[int, dict[str, int | None]] = {}
    previous: dict[int, dict[str, str]] = {}
    for row in rows.values("id", "history_user_id", *NAME_FIELDS):
        before = previous.get(row["id"], {})
        setters = last_by.setdefault(row["id"], {})
        for name in NAME_FIELDS:
            if row[name] != before.get(name):
                setters[name] = row["history_user_id"]
        previous[row["id"]] = {name: row[name] for name in NAME_FIELDS}
    return {
        pk: {name for name, user in setters.items() if user is not None}
        for pk, setters in last_by.items()
        if any(user is not None for user in setters.values())
    }


def _changes(territory: Territory, row: KatoRow, existing: dict[str, Territory]) -> dict:
    wanted: dict[str, object] = {**row.names, "level": row.level}
    if row.population is not None:
        wanted["population"] = row.population
    if row.population_year is not None:
        wanted["population_year"] = row.population_year
    changes = {name: value for name, value in wanted.items() if getattr(territory, name) != value}
    if row.code != COUNTRY_CODE:
        parent = existing.get(row.parent_code)
        if parent is None or territory.parent_id != parent.pk:
            changes["parent_id"] = None  # set once the parent exists
    return changes


# --- writing -------------------------------------------------------------------------


def write_plan(
    plan: Plan, existing: dict[str, Territory], *, valid_from: date | None, reason: str
) -> None:
    """Create parents before children (wave by wave of code depth), then update; one
    history row per territory touched, all tagged with `reason` (see `writing`: the rows
    the ORM's bulk helpers would write, without their per-value cost)."""
    when = timezone.now()
    ids = {code: territory.pk for code, territory in existing.items()}
    waves: dict[int, list[KatoRow]] = {}
    for row in plan.creates:
        waves.setdefault(len(kato_prefix(row.code)), []).append(row)
    for _depth, wave in sorted(waves.items()):
        created = [_new_territory(row, ids, valid_from) for row in wave]
        insert_territories(created)
        record_history(created, CREATED, reason=reason, when=when)
        ids.update({row["kato"]: row["id"] for row in created})
    if not plan.updates:
        return
    fields: set[str] = set()
    objs = []
    for territory, changes, parent_code in plan.updates:
        for name, value in changes.items():
            setattr(territory, name, ids[parent_code] if name == "parent_id" else value)
        fields |= set(changes)
        objs.append(territory)
    update_territories(objs, fields)
    record_history(objs, CHANGED, reason=reason, when=when)


def _new_territory(row: KatoRow, ids: dict[str, int], valid_from: date | None) -> Row:
    values = {"valid_from": valid_from} if valid_from else {}
    return new_unit(
        kato=row.code,
        level=row.level,
        parent_id=None if row.code == COUNTRY_CODE else ids[row.parent_code],
        population=row.population,
        population_year=row.population_year,
        **row.names,
        **values,
    )


def _ensure_country(existing: dict[str, Territory], report: LoadReport) -> None:
    if COUNTRY_CODE not in existing:
        existing[COUNTRY_CODE] = Territory.objects.create(
            kato=COUNTRY_CODE, level=Level.COUNTRY, **COUNTRY_NAMES
        )
        report.created += 1
        report.country_created = True


def _current_territories() -> dict[str, Territory]:
    # Codes, names and figures are compared; the boundaries are never read here.
    current = Territory.objects.current().defer("boundary", "boundary_web")
    return {territory.kato: territory for territory in current}


def _reason(path: Path) -> str:
    return f"load_territories {path.name}"[:100]

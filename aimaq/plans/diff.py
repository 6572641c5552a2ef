"""What an amendment changed: targets, actions, budgets, indicators, goals and the rest,
element by element (matched by their uid across versions), with who last changed each one
in the new version and the amendment's reason."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import (
    Action,
    ActionCost,
    FundingEnvelope,
    Goal,
    Outcome,
    Output,
    PeriodTarget,
    PlanIndicator,
    PlanVersion,
    Problem,
    SectionText,
    SwotItem,
)

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# What is compared on each kind of element (model fields), besides its name or text.
COMPARED: dict[type[models.Model], tuple[str, ...]] = {
    Goal: ("code", "focus_area", "name_kk", "name_ru", "name_en"),
    Outcome: ("code", "name_kk", "name_ru", "name_en"),
    Output: ("code", "name_kk", "name_ru", "name_en"),
    Action: (
        "code",
        "name_kk",
        "name_ru",
        "name_en",
        "responsible",
        "starts_on",
        "ends_on",
        "status",
        "percent_done",
        "budget_administrator",
        "budget_programme",
        "budget_subprogramme",
    ),
    PlanIndicator: (
        "code",
        "name_kk",
        "name_ru",
        "name_en",
        "unit_kind",
        "direction",
        "baseline_value",
        "baseline_year",
        "target_value",
        "frequency",
        "rule",
        "tolerance",
    ),
    SwotItem: ("focus_area", "quadrant", "text_kk", "text_ru", "text_en"),
    Problem: ("role", "focus_area", "text_kk", "text_ru", "text_en", "evidence_note"),
    SectionText: ("text_kk", "text_ru", "text_en"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    kind: str  # the element's kind, in words
    label: str  # its number and name
    what: str  # ADDED, REMOVED, CHANGED
    fields: list[FieldChange] = field(default_factory=list)
    by: str = ""


@dataclass
class VersionDiff:
    old: PlanVersion
    new: PlanVersion
    changes: list[Change]

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(change.kind for change in self.changes))


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, Decimal):
        return number_format(
            value.normalize() if value == value.to_integral() else value, force_grouping=True
        )
    return str(value)


def _value(obj: models.Model, name: str) -> Any:
    model_field = obj._meta.get_field(name)
    if getattr(model_field, "choices", None):
        return getattr(obj, f"get_{name}_display")()
    return getattr(obj, name)


def _label(obj: Any) -> str:
    code = getattr(obj, "code", "")
    if isinstance(obj, SectionText):
        return str(obj.get_section_display())
    name = getattr(obj, "name", None) or getattr(obj, "text", "")
    return f"{code} {name}".strip()


def _last_editor(obj: models.Model) -> str:
    history = getattr(obj, "history", None)
    if history is None:
        return ""
    record = history.order_by("-history_date").select_related("history_user").first()
    return str(record.history_user) if record and record.history_user else ""


def diff_versions(old: PlanVersion, new: PlanVersion, *, with_people: bool = True) -> VersionDiff:
    """Every element added, removed or changed from `old` to `new`; targets and costs are
    compared as figures per period and per year and source."""
    changes: list[Change] = []
    for model, names in COMPARED.items():
        kind = str(model._meta.verbose_name)
        key = "section" if model is SectionText else "uid"
        before = {getattr(row, key): row for row in model._default_manager.filter(version=old)}
        after = {getattr(row, key): row for row in model._default_manager.filter(version=new)}
        for uid, row in after.items():
            if uid not in before:
                changes.append(
                    Change(kind, _label(row), ADDED, by=_last_editor(row) if with_people else "")
                )
                continue
            fields = [
                FieldChange(
                    str(getattr(row._meta.get_field(name), "verbose_name", name)),
                    _show(_value(before[uid], name)),
                    _show(_value(row, name)),
                )
                for name in names
                if getattr(before[uid], name) != getattr(row, name)
            ]
            if fields:
                changes.append(
                    Change(
                        kind, _label(row), CHANGED, fields, _last_editor(row) if with_people else ""
                    )
                )
        for uid, row in before.items():
            if uid not in after:
                changes.append(Change(kind, _label(row), REMOVED))
    changes += _targets(old, new)
    changes += _money(old, new)
    return VersionDiff(old, new, changes)


def _targets(old: PlanVersion, new: PlanVersion) -> list[Change]:
    def read(version: PlanVersion) -> dict[Any, dict[str, Decimal]]:
        found: dict[Any, dict[str, Decimal]] = defaultdict(dict)
        for uid, period, value in PeriodTarget.objects.filter(version=version).values_list(
            "indicator__uid", "period", "value"
        ):
            found[uid][period] = value
        return found

    before, after = read(old), read(new)
    names = {row.uid: _label(row) for row in PlanIndicator.objects.filter(version=new)}
    changes = []
    for uid in sorted(set(before) | set(after), key=str):
        periods = sorted(set(before.get(uid, {})) | set(after.get(uid, {})))
        fields = [
            FieldChange(
                period,
                _show(before.get(uid, {}).get(period)),
                _show(after.get(uid, {}).get(period)),
            )
            for period in periods
            if before.get(uid, {}).get(period) != after.get(uid, {}).get(period)
        ]
        if fields and uid in names:
            changes.append(Change(str(_("targets")), names[uid], CHANGED, fields))
    return changes


def _money(old: PlanVersion, new: PlanVersion) -> list[Change]:
    changes = []

    def costs(version: PlanVersion) -> dict[tuple[Any, int, str], int]:
        return {
            (uid, year, source): amount
            for uid, year, source, amount in ActionCost.objects.filter(version=version).values_list(
                "action__uid", "year", "source__code", "amount"
            )
        }

    before, after = costs(old), costs(new)
    names = {row.uid: _label(row) for row in Action.objects.filter(version__in=[old, new])}
    source_names = _source_names()
    by_action: dict[Any, list[FieldChange]] = defaultdict(list)
    for key in sorted(set(before) | set(after), key=lambda k: (str(k[0]), k[1], k[2])):
        if before.get(key) != after.get(key):
            uid, year, source = key
            label = f"{year}, {source_names.get(source, source)}"
            by_action[uid].append(FieldChange(label, _show(before.get(key)), _show(after.get(key))))
    for uid, fields in by_action.items():
        changes.append(Change(str(_("budget")), names.get(uid, ""), CHANGED, fields))

    def envelopes(version: PlanVersion) -> dict[tuple[int, str], int]:
        return {
            (year, source): amount
            for year, source, amount in FundingEnvelope.objects.filter(version=version).values_list(
                "year", "source__code", "amount"
            )
        }

    before_e, after_e = envelopes(old), envelopes(new)
    fields = [
        FieldChange(
            f"{year}, {source_names.get(source, source)}",
            _show(before_e.get((year, source))),
            _show(after_e.get((year, source))),
        )
        for year, source in sorted(set(before_e) | set(after_e))
        if before_e.get((year, source)) != after_e.get((year, source))
    ]
    if fields:
        changes.append(Change(str(_("funding envelopes")), "", CHANGED, fields))
    return changes


def _source_names() -> dict[str, str]:
    from .models import FundingSource

    return {source.code: source.name for source in FundingSource.objects.all()}

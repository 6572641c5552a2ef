"""Which column of a file plays which part: indicator, territory, period, value…"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .periods import is_period
from .readers import FileRefused
from .types import ROLES, ImportOptions, RowError

ROLE_NAMES = {
    "indicator": [
        "indicator",
        "indicator_code",
        "indicator code",
        "показатель",
        "код показателя",
        "көрсеткіш",
    ],
    "territory_code": [
        "kato",
        "kato_code",
        "kato code",
        "като",
        "код като",
        "territory_code",
        "territory code",
        "ref_area",
    ],
    "territory": [
        "territory",
        "territory_name",
        "territory name",
        "region",
        "регион",
        "территория",
        "область",
        "name",
        "oblast",
        "аймақ",
        "аумақ",
        "unit",
        "наименование",
    ],
    "period": ["period", "time_period", "year", "time", "период", "год", "жыл", "кезең"],
    "value": ["value", "obs_value", "значение", "мәні", "мән"],
    "status": ["status", "obs_status", "статус", "мәртебе"],
    "source": ["source", "источник", "дереккөз"],
    "disaggregation": ["disaggregation", "разрез", "бөлініс"],
}
ROLE_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "territory": gettext_lazy("territory"),
    "period": gettext_lazy("period"),
    "value": gettext_lazy("value"),
    "status": gettext_lazy("status"),
    "source": gettext_lazy("source"),
    "disaggregation": gettext_lazy("disaggregation"),
}
# SDMX-CSV columns that say nothing an observation stores.
IGNORED = {
    "dataflow",
    "structure",
    "structure_id",
    "action",
    "freq",
    "unit_measure",
    "unit_mult",
    "decimals",
    "obs_conf",
    "comment",
    "unit",
    "units",
}


def normal(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


@dataclass
class Roles:
    indicator: str | None = None
    territory: str | None = None
    period: str | None = None
    value: str | None = None
    status: str | None = None
    source: str | None = None
    disaggregation: str | None = None
    dimensions: dict[str, str] = field(default_factory=dict)  # column → dimension code
    period_columns: list[str] = field(default_factory=list)  # wide layout
    wide: bool = False
    ignored: list[str] = field(default_factory=list)  # unnamed index columns

    def as_dict(self) -> dict[str, str]:
        """Role → column, for the preview (wide files: "periods" → the period columns)."""
        named = {role: getattr(self, role) for role in ROLES if getattr(self, role)}
        if self.wide:
            named["periods"] = ", ".join(self.period_columns)
        return named


def is_unnamed(column: str, position: int) -> bool:
    """An index column a spreadsheet or pandas wrote without a name ("", "Unnamed: 0",
    or the reader's "column 1")."""
    name = normal(column)
    return (
        not name
        or bool(re.fullmatch(r"unnamed: ?\d+", name))
        or name == normal(_("column %(number)s") % {"number": position + 1})
    )


def assign_roles(columns: list[str], options: ImportOptions, dimension_codes: set[str]) -> Roles:
    """Which column plays which part: the ones the person named (`options.columns`), then
    the ones recognised by their headers. Unnamed index columns are left aside."""
    by_name = {normal(column): column for column in columns}
    roles = Roles(ignored=[c for i, c in enumerate(columns) if is_unnamed(c, i)])
    problems = []
    chosen = {role: column for role, column in options.columns.items() if column}
    for role, column in chosen.items():
        if role not in ROLES or column not in columns:
            problems.append(
                _("the column “%(column)s” named for the %(role)s, but the file has no such column")
                % {"column": column, "role": ROLE_LABELS.get(role, role)}
            )
            continue
        setattr(roles, role, column)
    for role, names in ROLE_NAMES.items():
        target = "territory" if role == "territory_code" else role
        if target in chosen:
            continue
        for name in names:
            if name in by_name and by_name[name] not in chosen.values():
                setattr(roles, target, by_name[name])
                break
    if "territory" not in chosen:
        # A code column wins over a name column.
        for names in (ROLE_NAMES["territory_code"], ROLE_NAMES["territory"]):
            found = next((by_name[name] for name in names if name in by_name), None)
            if found:
                roles.territory = found
                break
    for column in columns:
        if normal(column) in dimension_codes and column not in chosen.values():
            roles.dimensions[column] = normal(column)
    taken = {getattr(roles, role) for role in ROLES} | set(roles.dimensions) | set(roles.ignored)
    period_headers = [column for column in columns if column not in taken and is_period(column)]
    layout = options.layout or "auto"
    roles.wide = layout == "wide" or (
        layout == "auto" and roles.period is None and bool(period_headers)
    )
    header = ", ".join(columns)
    if roles.wide:
        roles.period_columns = period_headers
        roles.value = None
        if not period_headers:
            problems.append(
                _("columns headed by periods (2015, 2016… or 2022-Q1…) for the wide layout")
            )
    else:
        if roles.period is None:
            problems.append(
                _("a period column (period, year or TIME_PERIOD), or periods as column headers")
            )
        if roles.value is None:
            rest = [c for c in columns if c not in taken and normal(c) not in IGNORED]
            if len(rest) == 1:
                roles.value = rest[0]
            else:
                problems.append(
                    _("a value column (value or OBS_VALUE), or the value column named for the file")
                )
    if roles.territory is None:
        problems.append(_("a territory column (kato, territory, region or REF_AREA)"))
    if roles.indicator is None and not options.indicator:
        problems.append(
            _(
                "an indicator column (indicator or INDICATOR), or an indicator code chosen for the whole file"
            )
        )
    if problems:
        raise FileRefused([RowError(1, _("header"), header, problem) for problem in problems])
    return roles


def accepted_names() -> dict[str, list[str]]:
    """Role → the headers recognised for it (the upload page lists them)."""
    names = {role: list(values) for role, values in ROLE_NAMES.items()}
    names["territory"] = names.pop("territory_code") + names["territory"]
    return {role: names[role] for role in ROLES}

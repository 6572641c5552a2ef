"""Which column of a file plays which part: indicator, territory, period, value…"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .periods import is_period
from .readers import FileRefused
from .types import ImportOptions, RowError

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


def assign_roles(columns: list[str], options: ImportOptions, dimension_codes: set[str]) -> Roles:
    by_name = {normal(column): column for column in columns}
    roles = Roles()
    for role, names in ROLE_NAMES.items():
        for name in names:
            if name in by_name:
                setattr(roles, "territory" if role == "territory_code" else role, by_name[name])
                break
    # A code column wins over a name column.
    for name in ROLE_NAMES["territory_code"]:
        if name in by_name:
            roles.territory = by_name[name]
            break
    else:
        for name in ROLE_NAMES["territory"]:
            if name in by_name:
                roles.territory = by_name[name]
                break
    for column in columns:
        if normal(column) in dimension_codes:
            roles.dimensions[column] = normal(column)
    taken = {
        roles.indicator,
        roles.territory,
        roles.period,
        roles.value,
        roles.status,
        roles.source,
        roles.disaggregation,
        *roles.dimensions,
    }
    period_headers = [column for column in columns if column not in taken and is_period(column)]
    layout = options.layout or "auto"
    roles.wide = layout == "wide" or (
        layout == "auto" and roles.period is None and bool(period_headers)
    )
    header = ", ".join(columns)
    problems = []
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
                problems.append(_("a value column (value or OBS_VALUE)"))
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

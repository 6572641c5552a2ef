"""Evidence blocks of the situation analysis: figures of the evidence base shown live while
the plan is written, frozen at approval (in every language, with the date of the latest
figure) so the approved document never changes under its reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aimaq.core.i18n import CONTENT_LANGUAGES, active_language
from aimaq.indicators.selectors import territory_profile, time_series
from aimaq.indicators.templatetags.indicators import format_number

from .models import EvidenceBlock, EvidenceKind, PlanVersion


@dataclass
class EvidenceView:
    """A block as shown: a title, a table (also the text version of any chart), an SVG,
    the period of the latest figure, and when it was frozen (None: live)."""

    kind: str
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    svg: str = ""
    data_date: str = ""
    note: str = ""
    frozen_at: datetime | None = None


def evidence_view(block: EvidenceBlock, language: str | None = None) -> EvidenceView:
    """The block in `language` (the active one by default): its frozen figures when the
    version was approved, else the evidence base's figures now."""
    language = language or active_language()
    if block.snapshot:
        stored = block.snapshot.get(language) or next(iter(block.snapshot.values()))
        return EvidenceView(**stored, frozen_at=block.frozen_at)
    with translation.override(language):
        return EvidenceView(**_live(block))


def freeze_evidence(version: PlanVersion) -> int:
    """Store every block's figures, in every language, in the version (at approval)."""
    blocks = list(version.evidenceblocks.select_related("indicator", "territory"))
    now = timezone.now()
    for block in blocks:
        snapshot = {}
        for language in CONTENT_LANGUAGES:
            with translation.override(language):
                snapshot[language] = _live(block)
        block.snapshot = snapshot
        block.frozen_at = now
        block.save(update_fields=["snapshot", "frozen_at"])
    return len(blocks)


def _live(block: EvidenceBlock) -> dict[str, Any]:
    territory = block.territory or block.version.plan.territory
    note = block.text
    if block.kind == EvidenceKind.PROFILE:
        return _profile(block, territory, note)
    if block.kind == EvidenceKind.SERIES:
        return _series(block, territory, note)
    return _map(block, territory, note)


def _profile(block: EvidenceBlock, territory, note: str) -> dict[str, Any]:
    profile = territory_profile(territory)
    rows = [row for row in profile.rows if block.indicator_id in (None, row.indicator.pk)]
    return {
        "kind": block.kind,
        "title": _("Figures of %(territory)s") % {"territory": territory.name},
        "headers": [_("Indicator"), _("Unit"), _("Value"), _("Period")],
        "rows": [
            [
                row.indicator.name,
                row.indicator.unit,
                format_number(row.value, row.indicator.decimals),
                row.period,
            ]
            for row in rows
        ],
        "data_date": max((row.period for row in rows), default=""),
        "note": note,
    }


def _series(block: EvidenceBlock, territory, note: str) -> dict[str, Any]:
    from aimaq.indicators import charts

    indicator = block.indicator
    assert indicator is not None  # a series block always names its indicator
    places = [territory] + ([territory.parent] if territory.parent_id else [])
    data = time_series(indicator, places)
    periods = sorted({period for _place, points in data for period, _value in points})
    rows = [
        [period]
        + [format_number(dict(points).get(period), indicator.decimals) for _t, points in data]
        for period in periods
    ]
    return {
        "kind": block.kind,
        "title": _("%(indicator)s over time") % {"indicator": indicator.name},
        "headers": [_("Period")] + [place.name for place in places],
        "rows": rows,
        "svg": str(charts.series_chart(indicator, data)) if periods else "",
        "data_date": periods[-1] if periods else "",
        "note": note,
    }


def _map(block: EvidenceBlock, territory, note: str) -> dict[str, Any]:
    # Classing a map needs mapclassify (and SciPy): loaded only when a map is drawn.
    from aimaq.indicators import charts
    from aimaq.indicators.classification import choropleth

    indicator = block.indicator
    assert indicator is not None  # a map block always names its indicator
    data = choropleth(indicator, territory)
    rows = [
        [feature.territory.name, format_number(feature.value, indicator.decimals)]
        for feature in data.features
    ]
    return {
        "kind": block.kind,
        "title": _("%(indicator)s in the units of %(territory)s")
        % {"indicator": indicator.name, "territory": territory.name},
        "headers": [_("Territory"), indicator.unit or _("Value")],
        "rows": rows,
        "svg": str(charts.choropleth_svg(data)) if data.with_value else "",
        "data_date": data.period or "",
        "note": note,
    }

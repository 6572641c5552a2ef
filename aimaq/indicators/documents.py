"""The territory profile as a document (PDF, DOCX): the table of the profile page with its
trends, a map of the territory's units per theme, the source and the demo marker."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aimaq.core.charts import sparkline_svg
from aimaq.core.documents import (
    Document,
    DocumentFile,
    Figure,
    InlineSvg,
    KeyValue,
    Paragraph,
    Section,
    Table,
    render_file,
)
from aimaq.territories.models import Territory

from . import charts
from .classification import choropleth
from .models import Indicator
from .selectors import map_units, profile_period, territory_profile
from .selectors.profile import ProfileRow, TerritoryProfile
from .templatetags.indicators import format_number, signed

COMPUTED = "Σ"
CUES = {"better": "▲", "worse": "▼", "same": "="}
# Millimetres of the 174 mm of an A4 page: indicator, unit, value, period, trend, rank, gap
# to parent, gap to country (the longest Kazakh header words fit without breaking).
COLUMN_WIDTHS = (38, 17, 20, 15, 25, 17, 21, 21)
NUMERIC_COLUMNS = frozenset({2, 5, 6, 7})


def profile_file(
    territory: Territory,
    *,
    language: str,
    file_format: str,
    on: date | None = None,
    period: str | None = None,
) -> DocumentFile:
    """The territory's profile as a PDF or DOCX file in `language`."""
    document = profile_document(territory, language=language, on=on, period=period)
    return render_file(document, file_format, profile_file_name(territory, language, file_format))


def profile_file_name(territory: Territory, language: str, file_format: str) -> str:
    return f"aimaq-profile-{territory.kato}-{language}.{file_format}"


def profile_document(
    territory: Territory, *, language: str, on: date | None = None, period: str | None = None
) -> Document:
    """The profile of `territory` (as `territory_profile` computes it) as a document in
    `language`: what the territory is, then per theme the table of indicators (unit,
    latest value and period, trend, rank among its siblings, gaps to the parent and the
    country, computed values marked Σ) and a map of its units for one of the theme's
    indicators the units report. It is marked as demo data when any figure is."""
    with translation.override(language):
        choice = profile_period(territory, period, on=on)  # the profile page's year
        profile = territory_profile(territory, on=on, period=choice.shown)
        units = map_units(territory)
        drawable = _drawable(units)
        sections = [_about(profile, len(units))]
        for theme, rows in profile.by_theme():
            sections.append(_theme_section(profile, capfirst(str(theme)), rows, drawable))
        if not profile.rows:
            sections.append(
                Section(_("Figures"), [Paragraph(_("No figures for this territory yet."))])
            )
        sources = sorted({row.indicator.source for row in profile.rows if row.indicator.source})
        return Document(
            title=_("Profile of %(name)s") % {"name": territory.name},
            subtitle=_subtitle(profile),
            territory=territory.name,
            language=language,
            sections=sections,
            source="; ".join(sources) or _("Aimaq evidence base"),
            demo=any(row.indicator.is_demo for row in profile.rows),
        )


def document_language(requested: str | None, fallback: str) -> str:
    """The requested language when the platform speaks it, else `fallback`."""
    languages = {code for code, _name in settings.LANGUAGES}
    return requested if requested in languages else fallback


def _drawable(units: list[Territory]) -> bool:
    """Whether a map of these units shows anything: a boundary or at least a centre."""
    if any(unit.has_centre for unit in units):
        return True
    ids = [unit.pk for unit in units]
    return Territory.objects.filter(pk__in=ids, boundary_web__isnull=False).exists()


def _subtitle(profile: TerritoryProfile) -> str:
    territory = profile.territory
    parts = [f"{_('KATO')} {territory.kato}", str(territory.get_level_display())]
    if profile.parent:
        parts.append(f"{_('parent')}: {profile.parent.name}")
    return " · ".join(parts)


def _about(profile: TerritoryProfile, unit_count: int) -> Section:
    territory = profile.territory
    facts = [(_("KATO"), territory.kato), (_("Level"), capfirst(territory.get_level_display()))]
    if profile.parent:
        facts.append((_("Parent"), profile.parent.name))
    facts.append((_("Units below"), str(unit_count)))
    facts.append((_("Indicators with figures"), str(len(profile.rows))))
    if profile.period:
        facts.append((_("Period"), profile.period))
    how_to_read = _(
        "Each figure is the latest one up to the period shown. Rank is among the units with the same "
        "parent in the same period (1 = best). Gaps are this territory's value minus the "
        "other's; ▲ marks a better value, ▼ a worse one, given whether higher or lower is "
        "better. Totals that add up over the units below (people, enterprises) have no gaps: "
        "only rates, averages and extremes compare."
    )
    computed = _(
        "marks a value computed rather than reported: aggregated from the units below, or "
        "derived from the indicators it is a ratio of."
    )
    return Section(
        _("About the territory"),
        [
            KeyValue(facts),
            Paragraph(how_to_read, note=True),
            Paragraph(f"{COMPUTED} {_('computed')} {computed}", note=True),
        ],
    )


def _theme_section(
    profile: TerritoryProfile, theme: str, rows: list[ProfileRow], drawable: bool
) -> Section:
    headers = [_("Indicator"), _("Unit"), _("Value"), _("Period"), _("Trend"), _("Rank"),
               _("Gap to parent"), _("Gap to country")]  # fmt: skip
    table_rows = [_row(row) for row in rows]
    widths: tuple[int, ...] = COLUMN_WIDTHS
    numeric = NUMERIC_COLUMNS
    if profile.parent_is_country:  # an oblast: the parent is the country, one gap column
        del headers[6]
        table_rows = [cells[:6] + cells[7:] for cells in table_rows]
        widths = (*COLUMN_WIDTHS[:5], COLUMN_WIDTHS[5] + 21, COLUMN_WIDTHS[7])
        numeric = frozenset({2, 5, 6})
    table = Table(headers=headers, rows=table_rows, numeric=numeric, widths=widths)
    blocks: list = [table]
    if drawable:
        figure = _units_map(profile.territory, [row.indicator for row in rows])
        if figure:
            blocks.append(figure)
    return Section(theme, blocks)


def _row(row: ProfileRow) -> list[str | InlineSvg]:
    indicator = row.indicator
    name = indicator.name
    if indicator.is_demo:
        name = f"{name} ({_('demo data')})"
    value = format_number(row.value, indicator.decimals)
    if row.computed:
        value = f"{value} {COMPUTED}"
    trend = _("Trend of %(name)s") % {"name": indicator.name}
    rank = "—"
    if row.rank:
        rank = _("%(rank)s of %(total)s") % {"rank": row.rank, "total": row.rank_total}
    return [
        name,
        indicator.unit,
        value,
        row.period,
        InlineSvg(sparkline_svg(row.series, label=trend), trend, 22.0, 5.5),
        rank,
        _gap(row.gap_parent, indicator, row.parent_computed, row.verdict_parent),
        _gap(row.gap_national, indicator, row.national_computed, row.verdict_national),
    ]


def _gap(gap: float | None, indicator: Indicator, computed: bool, verdict: str) -> str:
    if gap is None:
        return "—"
    words = {"better": _("better"), "worse": _("worse"), "same": _("same")}
    parts = [signed(gap, indicator)]
    if computed:
        parts.append(COMPUTED)
    if verdict:
        parts.append(f"{CUES[verdict]} {words[verdict]}")
    return " ".join(parts)


def _units_map(territory: Territory, indicators: list[Indicator]) -> Figure | None:
    """A choropleth of the territory's units for the first of `indicators` they report."""
    for indicator in indicators:
        data = choropleth(indicator, territory)
        if not data.with_value:
            continue
        caption = _("%(indicator)s in the units of %(territory)s, %(period)s") % {
            "indicator": indicator.name + (f", {indicator.unit}" if indicator.unit else ""),
            "territory": territory.name,
            "period": data.period,
        }
        return Figure(charts.choropleth_svg(data), caption, width_mm=150.0)
    return None

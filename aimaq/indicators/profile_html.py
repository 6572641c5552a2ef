"""The rows of a territory profile's tables, written in Python.

A national profile has 300 rows, each with two links, a sparkline, a rank and two gaps: drawn
by the template language that was 60 ms of a 130 ms page (a lookup, a tag and a filter
call per cell). Here each row is one formatted string: the translated words and the link
prefixes made once per page, every value escaped, the sparklines kept by what they show
(`sparkline`: the same series draws the same picture, whatever the data version)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape  # Django's own escape is this, behind a lazy-text wrapper
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from aimaq.core.charts import sparkline_svg
from aimaq.territories.models import Territory

from .selectors.profile import ProfileRow
from .templatetags.indicators import figure, signed, verdict_cue

CODE, PERIOD = "__code__", "__period__"


@functools.lru_cache(maxsize=8192)
def sparkline(points: tuple[tuple[str, float], ...], label: str) -> str:
    """`core.charts.sparkline_svg`, kept by what it shows: the same series draws the same
    picture, whatever the data version."""
    return str(sparkline_svg(points, label=label))


def profile_rows(
    rows: Sequence[ProfileRow],
    territory: Territory,
    parent: Territory | None,
    parent_is_country: bool,
) -> SafeString:
    """The <tr> of each row, as the profile's table heads them (the gap to the parent left
    out when the parent is the country)."""
    demo = f' <span class="demo-label">{escape(_("demo data"))}</span>'
    source = escape(_("Where this figure comes from"))
    computed = escape(_("computed"))
    computed_value = (
        f' <span class="computed-mark" title="{escape(_("computed, not reported"))}">'
        f'Σ <span class="visually-hidden">{computed}</span></span>'
    )
    computed_gap = (
        f' <span class="computed-mark" title="{computed}">'
        f'Σ <span class="visually-hidden">{computed}</span></span>'
    )
    of = escape(_("of"))
    kato = territory.kato
    compared = f"?t={kato}" + (f"&amp;t={parent.kato}" if parent is not None else "")
    series_url = reverse("indicators:series", args=[CODE])
    source_url = reverse("indicators:value_source", args=[CODE, kato, PERIOD])
    trend = _("Trend of %(name)s")
    integer = localize if settings.USE_THOUSAND_SEPARATOR else str
    cues = {verdict: str(verdict_cue(verdict)) for verdict in ("better", "worse", "same", "")}
    out = []
    for row in rows:
        indicator = row.indicator
        code = quote(indicator.code)
        plain_name = indicator.name
        name = escape(plain_name)
        label = trend % {"name": plain_name}
        value_url = source_url.replace(CODE, code).replace(PERIOD, quote(row.period))
        if row.rank:
            rank = f'<span class="rank">{integer(row.rank)}</span> {of} {integer(row.rank_total)}'
        else:
            rank = "—"
        cells = [
            f'<tr data-indicator="{escape(indicator.code)}">\n'
            f'    <th scope="row"><a href="{series_url.replace(CODE, code)}{compared}">{name}</a>'
            f"{demo if indicator.is_demo else ''}</th>\n"
            f'    <td class="num"><a href="{value_url}" title="{source}">'
            f"{escape(figure(row.value, indicator))}</a>"
            f"{computed_value if row.computed else ''}</td>\n"
            f"    <td>{escape(row.period)}</td>\n"
            f"    <td>{sparkline(tuple(row.series), label)}</td>\n"
            f'    <td class="num">{rank}</td>\n'
        ]
        if not parent_is_country:
            cells.append(
                f'    <td class="num">'
                f"{_gap(row.gap_parent, row.parent_computed, cues[row.verdict_parent], row, computed_gap)}"
                "</td>\n"
            )
        cells.append(
            f'    <td class="num">'
            f"{_gap(row.gap_national, row.national_computed, cues[row.verdict_national], row, computed_gap)}"
            "</td>\n  </tr>\n"
        )
        out.append("".join(cells))
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def _gap(gap: float | None, computed: bool, cue: str, row: ProfileRow, computed_mark: str) -> str:
    if gap is None:
        return "—"
    mark = computed_mark if computed else ""
    return f"{escape(signed(gap, row.indicator))}{mark} {cue}"

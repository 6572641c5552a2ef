"""The rows of a territory profile's tables, written in Python.

A national profile has 300 rows, each with two links, a sparkline, a rank and two gaps: drawn
by the template language that was 60 ms of a 130 ms page (a lookup, a tag and a filter
call per cell). Here each row is one formatted string: the translated words and the link
prefixes made once per page, every value escaped, the sparklines kept by what they show
(`sparkline`: the same series draws the same picture, whatever the data version)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape  # Django's own escape is this, behind a lazy-text wrapper
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aimaq.core.charts.lines import sparkline_text
from aimaq.territories.models import Territory

from .models import Indicator
from .selectors.catalogue import all_indicators
from .selectors.profile import ProfileRow
from .templatetags.indicators import number_formatter, verdict_cue

CODE, PERIOD = "__code__", "__period__"


@functools.lru_cache(maxsize=8192)
def sparkline(points: tuple[tuple[str, float], ...], label: str) -> str:
    """`core.charts.sparkline_svg`, kept by what it shows: the same series draws the same
    picture, whatever the data version. Kept as a plain str (`sparkline_text`): 8,000
    SafeStrings held here were objects every collection of the oldest generation walked."""
    return sparkline_text(points, label=label)


@dataclass(frozen=True)
class _Words:
    """What a row writes of its indicator, in one language: kept while the catalogue stays
    (each is looked up in the active language: a dozen context-local reads a row)."""

    code: str  # quoted for a URL
    code_html: str
    name_html: str
    label: str  # the sparkline's, for screen readers
    unit: str
    decimals: int
    demo: bool


_WORDS: dict[str, tuple[dict[int, Indicator], dict[int, _Words]]] = {}


def _words_table() -> tuple[dict[int, Indicator], dict[int, _Words]]:
    """(the catalogue, the words of its indicators in the active language so far)."""
    catalogue = all_indicators()
    language = get_language() or ""
    kept = _WORDS.get(language)
    if kept is None or kept[0] is not catalogue:
        kept = (catalogue, {})
        _WORDS[language] = kept
    return catalogue, kept[1]


def _words(
    indicator: Indicator, trend: str, catalogue: dict[int, Indicator], table: dict[int, _Words]
) -> _Words:
    words = table.get(indicator.pk)
    if words is None or catalogue.get(indicator.pk) is not indicator:
        name = indicator.name
        words = _Words(
            code=quote(indicator.code),
            code_html=escape(indicator.code),
            name_html=escape(name),
            label=trend % {"name": name},
            unit=indicator.unit,
            decimals=indicator.decimals,
            demo=indicator.is_demo,
        )
        if catalogue.get(indicator.pk) is indicator:
            table[indicator.pk] = words
    return words


@dataclass(frozen=True)
class _Page:
    """What every row of one territory's tables writes the same, in one language."""

    demo: str
    source: str
    computed_value: str
    computed_gap: str
    of: str
    compared: str  # the series link's query: this territory and its parent
    series_url: str  # with CODE in place of the indicator's code
    source_url: str  # with CODE and PERIOD in place
    trend: str
    cues: dict[str, str]


def _page(territory: Territory, parent: Territory | None) -> _Page:
    return _page_words(
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        territory.kato,
        parent.kato if parent is not None else None,
    )


# Kept for the last few pages: a page's six tables share them (a sixth of the rows' time was
# their translations, links and cues written six times over). The arguments name all that
# the words depend on; the translations and URLs are read in the active ones they name.
@functools.lru_cache(maxsize=16)
def _page_words(
    language: str, script_prefix: str, urlconf: str, kato: str, parent_kato: str | None
) -> _Page:
    computed = escape(_("computed"))
    not_reported = escape(_("computed, not reported"))
    return _Page(
        demo=f' <span class="demo-label">{escape(_("demo data"))}</span>',
        source=escape(_("Where this figure comes from")),
        computed_value=(
            f' <span class="computed-mark" title="{not_reported}">'
            f'Σ <span class="visually-hidden">{computed}</span></span>'
        ),
        computed_gap=(
            f' <span class="computed-mark" title="{computed}">'
            f'Σ <span class="visually-hidden">{computed}</span></span>'
        ),
        of=escape(_("of")),
        compared=f"?t={kato}" + (f"&amp;t={parent_kato}" if parent_kato is not None else ""),
        series_url=reverse("indicators:series", args=[CODE]),
        source_url=reverse("indicators:value_source", args=[CODE, kato, PERIOD]),
        trend=_("Trend of %(name)s"),
        cues={verdict: str(verdict_cue(verdict)) for verdict in ("better", "worse", "same", "")},
    )


def profile_rows(
    rows: Sequence[ProfileRow],
    territory: Territory,
    parent: Territory | None,
    parent_is_country: bool,
) -> SafeString:
    """The <tr> of each row, as the profile's table heads them (the gap to the parent left
    out when the parent is the country)."""
    page = _page(territory, parent)
    demo, source, of, compared = page.demo, page.source, page.of, page.compared
    computed_value, computed_gap, cues = page.computed_value, page.computed_gap, page.cues
    series_url, source_url, trend = page.series_url, page.source_url, page.trend
    integer = localize if settings.USE_THOUSAND_SEPARATOR else str
    number = number_formatter()
    catalogue, table = _words_table()

    def gap(value: float | None, decimals: int, is_computed: bool, cue: str) -> str:
        """`signed` of the gap, its computed mark and its cue."""
        if value is None:
            return "—"
        text = number(abs(value), decimals)
        if round(value, decimals) != 0:
            text = ("+" if value > 0 else "\u2212") + text
        return f"{escape(text)}{computed_gap if is_computed else ''} {cue}"

    periods: dict[str, tuple[str, str]] = {}  # period: (quoted for a URL, escaped)
    out = []
    for row in rows:
        words = _words(row.indicator, trend, catalogue, table)
        code, decimals = words.code, words.decimals
        period = periods.get(row.period)
        if period is None:
            period = periods[row.period] = (quote(row.period), escape(row.period))
        value_url = source_url.replace(CODE, code).replace(PERIOD, period[0])
        if row.rank:
            rank = f'<span class="rank">{integer(row.rank)}</span> {of} {integer(row.rank_total)}'
        else:
            rank = "—"
        value = number(row.value, decimals)
        if row.value is not None and words.unit:  # `figure`
            value = f"{value}\u00a0{words.unit}"
        cells = [
            f'<tr data-indicator="{words.code_html}">\n'
            f'    <th scope="row"><a href="{series_url.replace(CODE, code)}{compared}">'
            f"{words.name_html}</a>{demo if words.demo else ''}</th>\n"
            f'    <td class="num"><a href="{value_url}" title="{source}">'
            f"{escape(value)}</a>"
            f"{computed_value if row.computed else ''}</td>\n"
            f"    <td>{period[1]}</td>\n"
            f"    <td>{sparkline(tuple(row.series), words.label)}</td>\n"
            f'    <td class="num">{rank}</td>\n'
        ]
        if not parent_is_country:
            cells.append(
                f'    <td class="num">'
                f"{gap(row.gap_parent, decimals, row.parent_computed, cues[row.verdict_parent])}"
                "</td>\n"
            )
        cells.append(
            f'    <td class="num">'
            f"{gap(row.gap_national, decimals, row.national_computed, cues[row.verdict_national])}"
            "</td>\n  </tr>\n"
        )
        out.append("".join(cells))
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped

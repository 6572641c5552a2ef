"""What a comparison, a time series or a map was asked for: one typed object per question,
parsed from the query string the same way for the page and for its API twin.

A page and its endpoint both build the object from the request's QueryDict (ninja's query
schemas only document and type-check the same parameters), so they can never read a request
differently. What matches nothing is kept, not dropped: `unknown_territories` and
`unknown_indicators` hold the entries as typed, the page names them under its form and the
API returns them beside the answer (a partial answer is still an answer; an unknown
territory in the path, or an unknown indicator code in the path, is a 404 in both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory

from . import selectors
from .classification import Choropleth
from .classification import choropleth as build_choropleth
from .forms import MapForm, chosen_indicators, chosen_territories
from .models import Indicator
from .selectors.values import projections_of


class QueryLike(Protocol):
    """Django's QueryDict, as far as these objects read it."""

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class ComparisonQuery:
    """`?t=…&t=…` (names or KATO codes) or `?parent=<kato>` (all its units),
    `&i=…&period=…&sort=…&dir=desc`."""

    territories: list[Territory]
    indicators: list[Indicator]
    period: str | None = None
    sort: str = ""
    descending: bool = False
    unknown_territories: list[str] = field(default_factory=list)
    unknown_indicators: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: QueryLike) -> ComparisonQuery:
        territories, unknown = chosen_territories(query.getlist("t"))
        parent_code = (query.get("parent") or "").strip()
        if not territories and parent_code:
            parent = selectors.current_territory(parent_code)
            if parent is None:
                unknown.append(parent_code)
            else:
                territories = selectors.map_units(parent)
        indicators, unknown_indicators = chosen_indicators(query.getlist("i"))
        return cls(
            territories=territories,
            indicators=indicators,
            period=(query.get("period") or "").strip() or None,
            sort=query.get("sort") or "",
            descending=query.get("dir") == "desc",
            unknown_territories=unknown,
            unknown_indicators=unknown_indicators,
        )

    def periods(self) -> selectors.PeriodChoice:
        """The year shown (asked, else the one rule's default) and the years there are."""
        return selectors.period_choice(
            [i.pk for i in self.indicators], [t.pk for t in self.territories], self.period
        )

    def table(self, period: str | None = None) -> selectors.ComparisonTable:
        """The comparison table in `period` (by default the one asked, else the rule's),
        sorted as asked."""
        chosen = period or self.period
        table = selectors.comparison_table(self.territories, self.indicators, chosen)
        return table.sorted_by(self.sort or None, self.descending)


@dataclass(frozen=True)
class SeriesQuery:
    """`/series/<indicator>/?t=…&t=…`: the country when no territory is asked for."""

    indicator: Indicator
    territories: list[Territory]
    unknown_territories: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, indicator: Indicator, query: QueryLike) -> SeriesQuery:
        asked = [value for value in query.getlist("t") if value and value.strip()]
        territories, unknown = chosen_territories(asked)
        if not asked:
            country = selectors.current_territory(COUNTRY_CODE)
            territories = [country] if country else []
        return cls(indicator=indicator, territories=territories, unknown_territories=unknown)

    def series(self) -> list[tuple[Territory, list[tuple[str, float]]]]:
        return selectors.time_series(self.indicator, self.territories)

    def projections(self) -> list[tuple[Territory, list[tuple[str, float]]]]:
        """Each territory's projections of the indicator (status "projection"), kept apart
        from its reported series; territories without any left out."""
        found = projections_of([t.pk for t in self.territories], [self.indicator.pk])
        return [
            (t, found[(self.indicator.pk, t.pk)])
            for t in self.territories
            if (self.indicator.pk, t.pk) in found
        ]


@dataclass(frozen=True)
class MapQuery:
    """`/map/<indicator>/?parent=<kato>&level=&period=&scheme=&k=`. A value that is not valid
    (the page's inputs prevent it, a hand-made address may not) takes its default; an
    unknown parent is a 404."""

    indicator: Indicator
    parent: Territory
    period: str = ""
    scheme: str = "quantiles"
    k: int = 5
    level: str = ""
    unknown_parent: str = ""  # a name that matched no territory (the page says so)

    @classmethod
    def parse(cls, indicator: Indicator, query: QueryLike, *, lenient: bool = False) -> MapQuery:
        """`parent` is a KATO code or a name (the territory search's best match). An
        unknown code is a 404; an unknown name too, or with `lenient` (the page) the
        country, named in `unknown_parent` so the page can say it found nothing."""
        params = MapForm(query).params()
        asked = params["parent"].strip()
        unknown = ""
        if asked.isdigit():
            parent = selectors.current_territory(asked)
        else:
            found, _unknown = chosen_territories([asked.replace(",", " ")])
            parent = found[0] if found else None
        if parent is None:
            if not lenient or asked.isdigit():
                raise Http404(_("No current territory matches %(entry)s.") % {"entry": asked})
            parent, unknown = territory_or_404(COUNTRY_CODE, current=True), asked
        return cls(
            indicator=indicator,
            parent=parent,
            period=params["period"],
            scheme=params["scheme"],
            k=params["k"],
            level=params["level"],
            unknown_parent=unknown,
        )

    @property
    def params(self) -> dict:
        """The map's parameters as the form and the address carry them."""
        return {
            "parent": self.parent.kato,
            "level": self.level,
            "period": self.period,
            "scheme": self.scheme,
            "k": self.k,
        }

    @property
    def query_string(self) -> str:
        return urlencode({key: value for key, value in self.params.items() if value})

    def choropleth(self) -> Choropleth:
        return build_choropleth(
            self.indicator,
            self.parent,
            period=self.period,
            scheme=self.scheme,
            k=self.k,
            level=self.level,
        )

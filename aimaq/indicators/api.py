"""The evidence base in JSON, under /api/indicators/.

The reads are twins of the pages: each parses its query with the page's own query object
(queries.py) and calls the same selector, so the numbers, and the entries that match
nothing, are the same. They are public. Following an import and pushing observations need
a person: a personal API token (`Authorization: Bearer …`) or the signed-in session with
its CSRF token (accounts/api_auth.py).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from aimaq.core.api import error_responses
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory

from . import selectors
from .api_imports import router as imports_router
from .api_schemas import (
    ChoroplethOut,
    CompareOut,
    CompareParams,
    IndicatorOut,
    MapParams,
    PeriodParams,
    PovertyOut,
    ProfileOut,
    SeriesOut,
    SeriesParams,
    TypologyOut,
    TypologyParams,
)
from .charts import legend_text, map_break_marks
from .forms import TypologyForm, chosen_indicators
from .models import Indicator
from .queries import ComparisonQuery, MapQuery, SeriesQuery
from .templatetags.indicators import format_number
from .typology import territory_typology

router = Router(tags=["indicators"])


def _ref(territory: Territory | None) -> dict | None:
    if territory is None:
        return None
    return {"kato": territory.kato, "name": territory.name, "level": territory.level}


def _line(territory: Territory, points: list[tuple[str, float]]) -> dict:
    return {"kato": territory.kato, "name": territory.name, "points": list(points)}


@router.get("/", response=list[IndicatorOut], url_name="indicator_list", summary="List indicators")
def list_indicators(request: HttpRequest) -> list[Indicator]:
    return [i for _theme, group in selectors.indicators_by_theme() for i in group]


@router.get(
    "/profile/{kato}",
    response={200: ProfileOut, **error_responses(404, 422)},
    url_name="indicator_profile",
    summary="Profile of a territory",
)
def profile(request: HttpRequest, kato: str, params: Query[PeriodParams]) -> dict:
    territory = territory_or_404(kato, current=True)
    choice = selectors.profile_period(territory, request.GET.get("period"))
    data = selectors.territory_profile(territory, period=choice.shown)
    rows = [
        {
            "indicator": r.indicator.code,
            "name": r.indicator.name,
            "unit": r.indicator.unit,
            "decimals": r.indicator.decimals,
            "direction": r.indicator.direction,
            "period": r.period,
            "value": r.value,
            "computed": r.computed,
            "rank": r.rank,
            "rank_total": r.rank_total,
            "parent_value": r.parent_value,
            "national_value": r.national_value,
            "gap_parent": r.gap_parent,
            "gap_national": r.gap_national,
            "verdict_parent": r.verdict_parent,
            "verdict_national": r.verdict_national,
            "series": r.series,
        }
        for r in data.rows
    ]
    return {
        "territory": _ref(data.territory),
        "parent": _ref(data.parent),
        "period": choice.shown,
        "default_period": choice.default,
        "periods": choice.available,
        "rows": rows,
    }


@router.get(
    "/compare",
    response={200: CompareOut, **error_responses(422)},
    url_name="indicator_compare",
    summary="Compare territories",
    description="The comparison page's table. Entries of `t` (or `parent`) and `i` that match "
    "nothing are left out of the table and named in `unknown_territories` and "
    "`unknown_indicators`, as the page names them under its form.",
)
def compare(request: HttpRequest, params: Query[CompareParams]) -> dict:
    query = ComparisonQuery.parse(request.GET)
    table = query.table()
    return {
        "period": table.period,
        "indicators": [i.code for i in table.indicators],
        "rows": [
            {
                "kato": t.kato,
                "name": t.name,
                "values": [c.value if c else None for c in cells],
                "periods": [c.period if c else None for c in cells],
            }
            for t, cells in table.rows()
        ],
        "unknown_territories": query.unknown_territories,
        "unknown_indicators": query.unknown_indicators,
    }


@router.get(
    "/choropleth/{code}",
    response={200: ChoroplethOut, **error_responses(404, 422)},
    url_name="indicator_choropleth",
    by_alias=True,
    summary="Map of an indicator (GeoJSON)",
)
def choropleth(request: HttpRequest, code: str, params: Query[MapParams]) -> dict:
    """A GeoJSON FeatureCollection: each unit's value, class and colour, and where a reform
    changed its area since the period its break mark ("[1]") and note; the legend and the
    class bounds as foreign members. Units without a boundary are points at their centre.
    An unknown indicator or parent is a 404, as on the map page."""
    indicator = get_object_or_404(Indicator, code=code)
    data = MapQuery.parse(indicator, request.GET).choropleth()
    boundaries = selectors.web_boundaries([f.territory.pk for f in data.features])
    marks, notes = map_break_marks(data)
    features = []
    for f in data.features:
        geometry = boundaries.get(f.territory.pk)
        if geometry and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
        if geometry is None and f.territory.has_centre:
            geometry = {
                "type": "Point",
                "coordinates": [f.territory.centre_lon, f.territory.centre_lat],
            }
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "kato": f.territory.kato,
                    "name": f.territory.name,
                    "value": f.value,
                    "value_text": format_number(f.value, indicator.decimals),
                    "class": f.klass,
                    "colour": f.colour,
                    "break_mark": marks.get(f.territory.pk, ""),
                    "break_note": notes.get(f.territory.pk, ""),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "indicator": {"code": indicator.code, "name": indicator.name, "unit": indicator.unit},
        "parent": _ref(data.parent),
        "period": data.period,
        "periods": data.periods,
        "scheme": data.scheme,
        "legend": [
            {
                "colour": e.colour,
                "lower": e.lower,
                "upper": e.upper,
                "count": e.count,
                "label": legend_text(e, indicator.decimals),
            }
            for e in data.legend
        ],
    }


@router.get(
    "/series/{code}",
    response={200: SeriesOut, **error_responses(404, 422)},
    url_name="indicator_series",
    summary="Time series of an indicator",
    description="One line per territory. Entries of `t` that match no territory are named "
    "in `unknown_territories`; the country is shown only when `t` is not given.",
)
def series(request: HttpRequest, code: str, params: Query[SeriesParams]) -> dict:
    query = SeriesQuery.parse(get_object_or_404(Indicator, code=code), request.GET)
    return {
        "indicator": query.indicator.code,
        "series": [_line(t, points) for t, points in query.series()],
        "unknown_territories": query.unknown_territories,
    }


@router.get(
    "/poverty/{kato}",
    response={200: PovertyOut, **error_responses(404, 422)},
    url_name="indicator_poverty",
    summary="Poverty analysis of a territory",
)
def poverty(request: HttpRequest, kato: str, params: Query[PeriodParams]) -> dict:
    data = selectors.poverty_analysis(
        territory_or_404(kato, current=True), request.GET.get("period")
    )
    return {
        "territory": _ref(data.territory),
        "indicator": data.headcount.code if data.headcount else None,
        "period": data.period,
        "value": data.value,
        "dimensions": [
            {
                "indicator": d.indicator.code,
                "name": d.indicator.name,
                "period": d.period,
                "value": d.value,
                "parent_value": d.parent_value,
                "national_value": d.national_value,
            }
            for d in data.dimensions
        ],
        "trend": [_line(t, points) for t, points in data.trend],
        "furthest_behind": [
            {"kato": t.kato, "name": t.name, "value": value} for t, value in data.furthest_behind
        ],
    }


@router.get(
    "/typology/{kato}",
    response={200: TypologyOut, **error_responses(404, 422)},
    url_name="indicator_typology",
    summary="Typology of a territory's units",
)
def typology(request: HttpRequest, kato: str, params: Query[TypologyParams]) -> dict:
    territory = territory_or_404(kato, current=True)
    form_params = TypologyForm(request.GET).params()
    indicators, unknown = chosen_indicators(request.GET.getlist("i"))
    units = [u.pk for u in selectors.map_units(territory)]
    choice = selectors.period_choice([i.pk for i in indicators], units, form_params["period"])
    result = territory_typology(territory, indicators, k=form_params["k"], period=choice.shown)
    return {
        "territory": _ref(territory),
        "indicators": [i.code for i in result.indicators],
        "period": result.period,
        "overall": result.overall,
        "groups": [
            {
                "number": g.number,
                "members": [t.kato for t in g.members],
                "means": g.means,
                "z_means": g.z_means,
            }
            for g in result.groups
        ],
        "left_out": [t.kato for t in result.left_out],
        "unknown_indicators": unknown,
    }


# Following imports and pushing observations (they need a person): api_imports.py.
router.add_router("", imports_router)

"""JSON twins of the evidence-base pages, under /api/indicators/. Each endpoint calls the same
selector as its page, so the numbers are the same."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from aimaq.core.permissions import allowed_rows
from aimaq.territories.models import Territory

from . import selectors
from .classification import choropleth as build_choropleth
from .forms import MapForm, TypologyForm, indicators_from, territories_from
from .models import ImportRun, Indicator
from .permissions import FOLLOW_IMPORT
from .typology import territory_typology

router = Router(tags=["indicators"])


def _territory(kato: str) -> Territory:
    territory = selectors.current_territory(kato)
    if territory is None:
        raise Http404("No current territory with this KATO code.")
    return territory


class QueryDict(dict):
    """The parts of Django's QueryDict the forms and selectors read, for ninja's parsed query."""

    def getlist(self, key: str) -> list[str]:
        value = self.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    decimals: int
    direction: str
    theme: str
    periodicity: str
    aggregation: str
    source: str
    sdg_target: str
    is_demo: bool


class TerritoryRef(Schema):
    kato: str
    name: str
    level: str


def _ref(territory: Territory | None) -> dict | None:
    if territory is None:
        return None
    return {"kato": territory.kato, "name": territory.name, "level": territory.level}


@router.get("/", response=list[IndicatorOut], url_name="indicator_list")
def list_indicators(request: HttpRequest):
    return [i for _theme, group in selectors.indicators_by_theme() for i in group]


# --- profile -------------------------------------------------------------------------------


class ProfileRowOut(Schema):
    indicator: str
    name: str
    unit: str
    decimals: int
    direction: str
    period: str
    value: float
    computed: bool
    rank: int | None
    rank_total: int
    parent_value: float | None
    national_value: float | None
    gap_parent: float | None
    gap_national: float | None
    verdict_parent: str
    verdict_national: str
    series: list[tuple[str, float]]


class ProfileOut(Schema):
    territory: TerritoryRef
    parent: TerritoryRef | None
    rows: list[ProfileRowOut]


@router.get("/profile/{kato}", response=ProfileOut, url_name="indicator_profile")
def profile(request: HttpRequest, kato: str):
    data = selectors.territory_profile(_territory(kato))
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
    return {"territory": _ref(data.territory), "parent": _ref(data.parent), "rows": rows}


# --- comparison ----------------------------------------------------------------------------


class CompareQuery(Schema):
    t: list[str] = []
    parent: str = ""
    i: list[str] = []
    period: str = ""
    sort: str = ""
    dir: str = ""


class CompareRowOut(Schema):
    kato: str
    name: str
    values: list[float | None]
    periods: list[str | None]


class CompareOut(Schema):
    period: str
    indicators: list[str]
    rows: list[CompareRowOut]


@router.get("/compare", response=CompareOut, url_name="indicator_compare")
def compare(request: HttpRequest, query: Query[CompareQuery]):
    territories = territories_from(query.t)
    if not territories and query.parent:
        parent = selectors.current_territory(query.parent)
        territories = selectors.map_units(parent) if parent else []
    indicators = indicators_from(query.i)
    table = selectors.comparison_table(territories, indicators, query.period or None)
    table = table.sorted_by(query.sort or None, query.dir == "desc")
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
    }


# --- choropleth (GeoJSON) ------------------------------------------------------------------


class MapQuery(Schema):
    parent: str = ""
    period: str = ""
    scheme: str = ""
    k: int | None = None
    level: str = ""


@router.get("/choropleth/{code}", url_name="indicator_choropleth")
def choropleth(request: HttpRequest, code: str, query: Query[MapQuery]):
    """A GeoJSON FeatureCollection: each unit's value, class and colour; the legend and the
    class bounds as foreign members. Units without a boundary are points at their centre."""
    from .charts import legend_text
    from .templatetags.indicators import format_number

    indicator = get_object_or_404(Indicator, code=code)
    params = MapForm(QueryDict(query.dict())).params()
    data = build_choropleth(
        indicator,
        _territory(params["parent"]),
        period=params["period"],
        scheme=params["scheme"],
        k=params["k"],
        level=params["level"],
    )
    boundaries = selectors.web_boundaries([f.territory.pk for f in data.features])
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
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "indicator": {"code": indicator.code, "name": indicator.name, "unit": indicator.unit},
        "parent": _ref(data.parent),
        "period": data.period,
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


# --- time series ---------------------------------------------------------------------------


class SeriesQuery(Schema):
    t: list[str] = []


class SeriesOut(Schema):
    indicator: str
    series: list[dict]


@router.get("/series/{code}", response=SeriesOut, url_name="indicator_series")
def series(request: HttpRequest, code: str, query: Query[SeriesQuery]):
    indicator = get_object_or_404(Indicator, code=code)
    territories = territories_from(query.t)
    if not territories:
        country = selectors.country_territory()
        territories = [country] if country else []
    data = selectors.time_series(indicator, territories)
    return {
        "indicator": indicator.code,
        "series": [
            {"kato": t.kato, "name": t.name, "points": [[p, v] for p, v in points]}
            for t, points in data
        ],
    }


# --- poverty and typology ------------------------------------------------------------------


@router.get("/poverty/{kato}", url_name="indicator_poverty")
def poverty(request: HttpRequest, kato: str):
    data = selectors.poverty_analysis(_territory(kato))
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
        "trend": [
            {"kato": t.kato, "name": t.name, "points": [[p, v] for p, v in points]}
            for t, points in data.trend
        ],
        "furthest_behind": [
            {"kato": t.kato, "name": t.name, "value": value} for t, value in data.furthest_behind
        ],
    }


class TypologyQuery(Schema):
    i: list[str] = []
    k: int | None = None
    period: str = ""


@router.get("/typology/{kato}", url_name="indicator_typology")
def typology(request: HttpRequest, kato: str, query: Query[TypologyQuery]):
    territory = _territory(kato)
    params = TypologyForm(QueryDict(query.dict())).params()
    indicators = indicators_from(query.i)
    result = territory_typology(territory, indicators, k=params["k"], period=params["period"])
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
    }


# --- import status -------------------------------------------------------------------------


@router.get("/imports/{run_id}", url_name="indicator_import")
def import_status(request: HttpRequest, run_id: int):
    """An import's progress, for its author (or a superuser)."""
    run = get_object_or_404(allowed_rows(request.user, FOLLOW_IMPORT, ImportRun.objects), pk=run_id)
    return {
        "id": run.pk,
        "status": run.status,
        "rows_done": run.rows_done,
        "rows_total": run.rows_total,
        "new": run.new,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "refused": run.refused,
    }

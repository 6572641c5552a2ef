"""Evidence-base pages: thin adapters that parse the request, call a selector, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aimaq.accounts.permissions import territories_where
from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Territory

from . import charts, selectors
from .classification import choropleth as build_choropleth
from .exports import comparison_csv, comparison_xlsx
from .forms import (
    MapForm,
    TypologyForm,
    chosen_territories,
    indicators_from,
)
from .models import Indicator
from .typology import territory_typology


def _territory_or_404(kato: str) -> Territory:
    territory = selectors.current_territory(kato)
    if territory is None:
        raise Http404(_("No current territory with KATO code %(code)s.") % {"code": kato})
    return territory


def _indicator_or_404(code: str) -> Indicator:
    return get_object_or_404(Indicator, code=code)


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    may_import = request.user.is_authenticated and bool(territories_where(request.user, "change"))
    return render(
        request,
        "indicators/list.html",
        {"themes": selectors.indicators_by_theme(), "may_import": may_import},
    )


@require_GET
def profile(request: HttpRequest, kato: str) -> HttpResponse:
    territory = _territory_or_404(kato)
    data = selectors.territory_profile(territory)
    return render(request, "indicators/profile.html", {"profile": data, "territory": territory})


# --- comparison ----------------------------------------------------------------------------


def comparison_from_query(query) -> tuple[selectors.ComparisonTable, str, bool, list[str]]:
    """`?t=…&t=…` or `?parent=<kato>` (all its units), `&i=…&period=…&sort=…&dir=…`; the
    last item: the territories typed that match none."""
    territories, unknown = chosen_territories(query.getlist("t"))
    if not territories and query.get("parent"):
        parent = selectors.current_territory(query.get("parent"))
        territories = selectors.map_units(parent) if parent else []
    indicators = indicators_from(query.getlist("i"))
    table = selectors.comparison_table(territories, indicators, query.get("period") or None)
    sort = query.get("sort", "")
    descending = query.get("dir") == "desc"
    return table.sorted_by(sort or None, descending), sort, descending, unknown


def _sort_links(request: HttpRequest, table, sort: str, descending: bool) -> dict[str, str]:
    """For each column, the query that sorts by it (toggling the direction if already sorted)."""
    links = {}
    for key in ["name", *[i.code for i in table.indicators]]:
        query = request.GET.copy()
        query["sort"] = key
        query["dir"] = "asc" if (sort == key and descending) else "desc"
        if key == "name" and sort != key:
            query["dir"] = "asc"
        links[key] = "?" + query.urlencode()
    return links


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    table, sort, descending, unknown = comparison_from_query(request.GET)
    context = {
        "table": table,
        "unknown_territories": unknown,
        "sort": sort,
        "descending": descending,
        "sort_links": _sort_links(request, table, sort, descending),
        "query_string": request.GET.urlencode(),
        "all_indicators": Indicator.objects.order_by("theme", "code"),
        "chosen_codes": [i.code for i in table.indicators],
        "territory_codes": ", ".join(t.kato for t in table.territories),
    }
    template = "indicators/compare.html"
    if request.htmx and request.htmx.target == "compare-table":
        template = "indicators/partials/compare_table.html"
    return render(request, template, context)


@require_GET
def compare_export(request: HttpRequest, file_format: str) -> HttpResponse:
    table, _sort, _descending, _unknown = comparison_from_query(request.GET)
    name = f"aimaq-comparison-{table.period or 'latest'}"
    if file_format == "csv":
        response = HttpResponse(comparison_csv(table), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            comparison_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404(_("Unknown export format."))
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


# --- choropleth ----------------------------------------------------------------------------


def choropleth_from_query(indicator: Indicator, query):
    params = MapForm(query).params()
    parent = _territory_or_404(params["parent"])
    data = build_choropleth(
        indicator,
        parent,
        period=params["period"],
        scheme=params["scheme"],
        k=params["k"],
        level=params["level"],
    )
    data.periods = selectors.indicator_periods(indicator)
    return data, params


@require_GET
def choropleth(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    data, params = choropleth_from_query(indicator, request.GET)
    query = urlencode({k: v for k, v in params.items() if v})
    return render(
        request,
        "indicators/map.html",
        {
            "indicator": indicator,
            "map": data,
            "form": MapForm(initial=params),
            "params": params,
            "query_string": query,
            "geojson_url": reverse("api:indicator_choropleth", args=[indicator.code]) + "?" + query,
        },
    )


@require_GET
def choropleth_svg(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    data, _params = choropleth_from_query(indicator, request.GET)
    response = HttpResponse(charts.choropleth_svg(data), content_type="image/svg+xml")
    if request.GET.get("download"):
        name = f"{indicator.code}-{data.parent.kato}-{data.period}.svg"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- time series ---------------------------------------------------------------------------


def series_territories(query) -> tuple[list[Territory], list[str]]:
    """The territories asked for (the country when none is), and the entries matching none."""
    territories, unknown = chosen_territories(query.getlist("t"))
    if not territories:
        country = selectors.current_territory(COUNTRY_CODE)
        territories = [country] if country else []
    return territories, unknown


@require_GET
def series(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    territories, unknown = series_territories(request.GET)
    data = selectors.time_series(indicator, territories)
    periods = sorted({p for _t, points in data for p, _v in points})
    table = [(p, [dict(points).get(p) for _t, points in data]) for p in periods]
    return render(
        request,
        "indicators/series.html",
        {
            "indicator": indicator,
            "series": data,
            "table": table,
            "chart": charts.series_chart(indicator, data),
            "territory_codes": ", ".join(t.kato for t in territories),
            "unknown_territories": unknown,
            "query_string": request.GET.urlencode(),
        },
    )


@require_GET
def series_svg(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    data = selectors.time_series(indicator, series_territories(request.GET)[0])
    return HttpResponse(charts.series_chart(indicator, data), content_type="image/svg+xml")


# --- poverty and typology ------------------------------------------------------------------


@require_GET
def poverty(request: HttpRequest, kato: str) -> HttpResponse:
    territory = _territory_or_404(kato)
    data = selectors.poverty_analysis(territory)
    context = {"territory": territory, "poverty": data}
    if data.headcount:
        area = build_choropleth(data.headcount, territory, period=data.period)
        context["map_svg"] = charts.choropleth_svg(area) if area.features else ""
        context["trend_svg"] = charts.series_chart(data.headcount, data.trend)
    return render(request, "indicators/poverty.html", context)


@require_GET
def typology(request: HttpRequest, kato: str) -> HttpResponse:
    territory = _territory_or_404(kato)
    params = TypologyForm(request.GET).params()
    indicators = indicators_from(request.GET.getlist("i"))
    result = None
    if indicators:
        result = territory_typology(territory, indicators, k=params["k"], period=params["period"])
    return render(
        request,
        "indicators/typology.html",
        {
            "territory": territory,
            "typology": result,
            "params": params,
            "chosen_codes": [i.code for i in indicators],
            "all_indicators": Indicator.objects.order_by("theme", "code"),
            "map_svg": charts.typology_svg(result) if result and result.groups else "",
        },
    )

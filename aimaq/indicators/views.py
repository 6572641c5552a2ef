"""Evidence-base pages: thin adapters that parse the request, call a selector, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aimaq.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment
from aimaq.core.http import HtmxRequest
from aimaq.core.permissions import roots_where
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory

from . import charts, selectors
from .aggregation import gc_paused
from .breaks import lead_note, marks_by_period, marks_by_territory, series_lead, series_notes
from .classification import Choropleth
from .classification import choropleth as build_choropleth
from .described import Described, indicator_label
from .exports import comparison_csv, comparison_xlsx, series_csv, series_described, series_xlsx
from .forms import MapForm, TypologyForm, indicators_from, territories_field_value, territory_label
from .models import Indicator
from .permissions import CHANGE
from .queries import ComparisonQuery, MapQuery, SeriesQuery
from .typology import MIN_UNITS, territory_typology


def _indicator_or_404(code: str) -> Indicator:
    found = selectors.indicator_by_code(code)  # the per-process catalogue: no query
    if found is None:
        raise Http404(_("No indicator with this code."))
    return found


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    may_import = bool(roots_where(request.user, CHANGE))
    return render(
        request,
        "indicators/list.html",
        {"themes": selectors.indicators_by_theme(), "may_import": may_import},
    )


@require_GET
def profile(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato, current=True)
    # Some 20,000 short-lived tuples (figures, rows, cells) and no cycles: the collections
    # their allocation would trigger walk the whole heap of the process, 200 ms each. The
    # collector comes back once `_profile_page` has returned and its figures are freed:
    # back while they lived, it would walk them all at its first allocation.
    with gc_paused():
        return _profile_page(request, territory)


def _profile_page(request: HttpRequest, territory: Territory) -> HttpResponse:
    choice = selectors.profile_period(territory, request.GET.get("period"))
    data = selectors.territory_profile(territory, period=choice.shown)
    return render(
        request,
        "indicators/profile.html",
        {"profile": data, "territory": territory, "periods": choice},
    )


# --- comparison ----------------------------------------------------------------------------


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
def compare(request: HtmxRequest) -> HttpResponse:
    query = ComparisonQuery.parse(request.GET)
    choice = query.periods()
    table = query.table(choice.shown)
    context = {
        "table": table,
        "periods": choice,
        "unknown_territories": query.unknown_territories,
        "unknown_indicators": query.unknown_indicators,
        "sort": query.sort,
        "descending": query.descending,
        "sort_links": _sort_links(request, table, query.sort, query.descending),
        "query_string": request.GET.urlencode(),
        "indicator_themes": selectors.indicators_by_theme(),
        "chosen_codes": [i.code for i in table.indicators],
        "territory_codes": territories_field_value(table.territories),
    }
    template = "indicators/compare.html"
    if request.htmx and request.htmx.target == "compare-table":
        template = "indicators/partials/compare_table.html"
    return render(request, template, context)


@require_GET
def compare_export(request: HttpRequest, file_format: str) -> HttpResponse:
    table = ComparisonQuery.parse(request.GET).table()
    name = f"aimaq-comparison-{table.period or 'latest'}.{file_format}"
    if file_format == "csv":
        data = comparison_csv(table, language=request.LANGUAGE_CODE)
        return attachment(data, file_name=name, content_type=CSV_CONTENT_TYPE)
    if file_format == "xlsx":
        return attachment(comparison_xlsx(table), file_name=name, content_type=XLSX_CONTENT_TYPE)
    raise Http404(_("Unknown export format."))


# --- choropleth ----------------------------------------------------------------------------


@require_GET
def choropleth(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    asked = MapQuery.parse(indicator, request.GET, lenient=True)
    data = asked.choropleth()
    form = MapForm(
        initial={**asked.params, "parent": asked.unknown_parent or territory_label(asked.parent)},
        periods=data.periods,
        default=data.choice.default if data.choice else "",
        auto_id="map-%s",
    )
    form.fields["period"].initial = data.period
    notes = charts.map_break_notes(data)
    return render(
        request,
        "indicators/map.html",
        {
            "indicator": indicator,
            "map": data,
            "break_notes": notes,
            "break_lead": lead_note(data.period) if notes else "",
            "rows": charts.map_rows(data, marks_by_territory(notes)),
            "unknown_parent": asked.unknown_parent,
            "form": form,
            "params": asked.params,
            "query_string": asked.query_string,
            "geojson_url": reverse("api:indicator_choropleth", args=[indicator.code])
            + "?"
            + asked.query_string,
        },
    )


def map_described(data: Choropleth) -> Described:
    """What a downloaded map says about itself."""
    if data.level:
        territory = _("%(name)s, all rayons") % {"name": data.parent.name}
    else:
        territory = _("%(name)s, its units") % {"name": data.parent.name}
    notes = charts.map_break_notes(data)
    return Described(
        title=indicator_label(data.indicator),
        indicators=[data.indicator],
        period=data.period,
        territory=territory,
        credits=charts.map_credits(data),
        notes=[lead_note(data.period)] + [f"{n.mark} {n.text}" for n in notes] if notes else [],
    )


def map_file_name(data: Choropleth, extension: str) -> str:
    """ "income-350000000-2022.png"; without a period, "income-350000000.png"."""
    parts = [data.indicator.code, data.parent.kato, data.period]
    return "-".join(part for part in parts if part) + f".{extension}"


@require_GET
def choropleth_svg(request: HttpRequest, code: str) -> HttpResponse:
    """The map as a standalone SVG that says what it is (title, indicator and unit, period,
    territory, source, boundaries, the day drawn, the demo marker)."""
    indicator = _indicator_or_404(code)
    data = MapQuery.parse(indicator, request.GET).choropleth()
    svg = charts.choropleth_svg(data, described=map_described(data))
    if request.GET.get("download"):
        name = map_file_name(data, "svg")
        return attachment(svg, file_name=name, content_type="image/svg+xml")
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def choropleth_png(request: HttpRequest, code: str) -> HttpResponse:
    """The captioned map as a PNG for print: twice its drawn size (1,600 px wide), its
    title, description and source also in the PNG's text chunks."""
    indicator = _indicator_or_404(code)
    data = MapQuery.parse(indicator, request.GET).choropleth()
    described = map_described(data)
    png = charts.svg_png(charts.choropleth_svg(data, described=described), described)
    return attachment(png, file_name=map_file_name(data, "png"), content_type="image/png")


# --- time series ---------------------------------------------------------------------------


@require_GET
def series(request: HttpRequest, code: str) -> HttpResponse:
    query = SeriesQuery.parse(_indicator_or_404(code), request.GET)
    indicator, data = query.indicator, query.series()
    periods = sorted({p for _t, points in data for p, _v in points})
    notes = series_notes(data)
    marks = marks_by_period(notes)
    table = [(p, marks.get(p, ""), [dict(points).get(p) for _t, points in data]) for p in periods]
    projected = query.projections()
    return render(
        request,
        "indicators/series.html",
        {
            "indicator": indicator,
            "series": data,
            "table": table,
            "break_notes": notes,
            "break_lead": series_lead() if notes else "",
            "chart": charts.series_chart(indicator, data, notes=notes, projected=projected),
            "projected": projected,
            "projected_table": _projection_table(projected),
            "territory_codes": territories_field_value(query.territories),
            "unknown_territories": query.unknown_territories,
            "query_string": request.GET.urlencode(),
        },
    )


def _projection_table(projected) -> list[tuple[str, list[float | None]]]:
    """[(period, [value of each territory])] of the projections, oldest first."""
    periods = sorted({p for _t, points in projected for p, _v in points})
    return [(p, [dict(points).get(p) for _t, points in projected]) for p in periods]


@require_GET
def series_svg(request: HttpRequest, code: str) -> HttpResponse:
    """The chart as a standalone SVG that says what it is."""
    query = SeriesQuery.parse(_indicator_or_404(code), request.GET)
    data = query.series()
    svg = charts.series_chart(
        query.indicator, data, described=series_described(query.indicator, data)
    )
    if request.GET.get("download"):
        return attachment(svg, file_name=f"{code}-series.svg", content_type="image/svg+xml")
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def series_png(request: HttpRequest, code: str) -> HttpResponse:
    """The captioned chart as a PNG for print (twice its drawn size), its title,
    description and source (and the notes on breaks) in the PNG's text chunks."""
    query = SeriesQuery.parse(_indicator_or_404(code), request.GET)
    data = query.series()
    described = series_described(query.indicator, data)
    png = charts.svg_png(charts.series_chart(query.indicator, data, described=described), described)
    return attachment(png, file_name=f"{code}-series.png", content_type="image/png")


@require_GET
def series_export(request: HttpRequest, code: str, file_format: str) -> HttpResponse:
    """The series as XLSX or CSV (in the reader's dialect), headed by what it is."""
    query = SeriesQuery.parse(_indicator_or_404(code), request.GET)
    data = query.series()
    name = f"aimaq-series-{code}.{file_format}"
    if file_format == "csv":
        csv = series_csv(query.indicator, data, language=request.LANGUAGE_CODE)
        return attachment(csv, file_name=name, content_type=CSV_CONTENT_TYPE)
    if file_format == "xlsx":
        xlsx = series_xlsx(query.indicator, data)
        return attachment(xlsx, file_name=name, content_type=XLSX_CONTENT_TYPE)
    raise Http404(_("Unknown export format."))


# --- poverty and typology ------------------------------------------------------------------


@require_GET
def poverty(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato, current=True)
    data = selectors.poverty_analysis(territory, request.GET.get("period"))
    context = {"territory": territory, "poverty": data}
    if data.headcount:
        area = build_choropleth(data.headcount, territory, period=data.period)
        context["map_svg"] = charts.choropleth_svg(area) if area.features else ""
        context["trend_svg"] = charts.series_chart(data.headcount, data.trend)
    return render(request, "indicators/poverty.html", context)


@require_GET
def typology(request: HttpRequest, kato: str) -> HttpResponse:
    territory = territory_or_404(kato, current=True)
    params = TypologyForm(request.GET).params()
    indicators = indicators_from(request.GET.getlist("i"))
    units = [u.pk for u in selectors.map_units(territory)]
    choice = selectors.period_choice([i.pk for i in indicators], units, params["period"])
    result = None
    if indicators:
        result = territory_typology(territory, indicators, k=params["k"], period=choice.shown)
    return render(
        request,
        "indicators/typology.html",
        {
            "territory": territory,
            "typology": result,
            "params": params,
            "periods": choice,
            "indicator_themes": selectors.indicators_by_theme(),
            "chosen_codes": [i.code for i in indicators],
            "form": TypologyForm(initial={"k": params["k"]}, auto_id="typology-%s"),
            "min_units": MIN_UNITS,
            "map_svg": charts.typology_svg(result) if result and result.groups else "",
        },
    )

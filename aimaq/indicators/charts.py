"""The evidence base's charts and maps, composed from the shared SVG parts in
`aimaq.core.charts`: an indicator's series, its classed map, a typology."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from aimaq.core.charts import NO_DATA, Line, MapShape, group_colour, line_chart_svg, map_svg

from .selectors import web_boundaries
from .templatetags.indicators import format_number


def _figure(value: float | None, decimals: int) -> str:
    return format_number(value, decimals)


def series_chart(indicator, data) -> SafeString:
    """One indicator over time for several territories: `data` is [(territory, points)]."""
    lines = [Line(territory.name, points) for territory, points in data]
    unit = indicator.unit
    return line_chart_svg(
        lines,
        title=f"{indicator.name}" + (f", {unit}" if unit else ""),
        y_label=unit,
        decimals=indicator.decimals,
        number_format=format_number,
    )


def legend_text(entry, decimals: int) -> str:
    """A map legend entry: "lower – upper (count)", or "no data (count)"."""
    if entry.lower is None:
        return _("no data (%(count)s)") % {"count": entry.count}
    return f"{_figure(entry.lower, decimals)} – {_figure(entry.upper, decimals)} ({entry.count})"


def _shape(territory, colour: str, tooltip: str, boundaries: dict) -> MapShape:
    centre = (territory.centre_lon, territory.centre_lat) if territory.has_centre else None
    return MapShape(territory.name, colour, boundaries.get(territory.pk), centre, tooltip)


def choropleth_svg(data) -> SafeString:
    """The classed map as a standalone SVG with its legend (download, reports)."""
    indicator = data.indicator
    boundaries = web_boundaries([f.territory.pk for f in data.features])
    shapes = [
        _shape(
            f.territory,
            f.colour,
            f"{f.territory.name}: {_figure(f.value, indicator.decimals)} {indicator.unit}",
            boundaries,
        )
        for f in data.features
    ]
    legend = [(entry.colour, legend_text(entry, indicator.decimals)) for entry in data.legend]
    title = f"{indicator.name}, {data.parent.name}, {data.period}"
    return map_svg(shapes, legend, title=title)


def typology_svg(result) -> SafeString:
    """Each territory coloured by its group."""
    members = [(g, t) for g in result.groups for t in g.members]
    boundaries = web_boundaries([t.pk for _g, t in members] + [t.pk for t in result.left_out])
    shapes = [
        _shape(
            t,
            group_colour(g.number),
            _("%(name)s: group %(n)s") % {"name": t.name, "n": g.number},
            boundaries,
        )
        for g, t in members
    ]
    shapes += [_shape(t, NO_DATA, f"{t.name}: {_('no data')}", boundaries) for t in result.left_out]
    legend = [
        (
            group_colour(g.number),
            _("Group %(n)s (%(count)s)") % {"n": g.number, "count": len(g.members)},
        )
        for g in result.groups
    ]
    if result.left_out:
        legend.append((NO_DATA, _("no data (%(count)s)") % {"count": len(result.left_out)}))
    return map_svg(shapes, legend, title=_("Typology of %(name)s") % {"name": result.parent.name})

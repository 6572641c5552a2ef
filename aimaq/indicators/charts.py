"""The evidence base's charts and maps, composed from the shared SVG parts in
`aimaq.core.charts`: an indicator's series, its classed map, a typology. On a page they are
drawn bare (the page around them says what they are); downloaded, they carry their caption
(`described.Described`): title, indicator and unit, period, territory, source, the day
drawn, the demo marker."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from aimaq.core.charts import NO_DATA, Line, MapShape, group_colour, line_chart_svg, map_svg
from aimaq.core.documents.svg import clean_svg, svg_markup

from .breaks import BreakNote, map_notes, marks_by_period, marks_by_territory, series_notes
from .described import Described
from .selectors import web_boundaries
from .templatetags.indicators import format_number

_SAMPLE_KATO = "999999999"  # a valid code, replaced by each unit's in a reversed link

# A downloaded map is drawn 800 px wide; its PNG twice that, for print.
MAP_WIDTH = 800
PNG_SCALE = 2


def _figure(value: float | None, decimals: int) -> str:
    return format_number(value, decimals)


def series_chart(
    indicator,
    data,
    *,
    described: Described | None = None,
    notes: list[BreakNote] | None = None,
    projected=(),
) -> SafeString:
    """One indicator over time for several territories: `data` is [(territory, points)].
    A reform that changed a unit's area inside its line is a dashed line marked [n] (its
    note is on the page, or in `described`'s caption). `projected` ([(territory, points)]
    of projections) are lines of their own, labelled as projections."""
    lines = [Line(territory.name, points) for territory, points in data]
    lines += [
        Line(_("%(name)s (projection)") % {"name": territory.name}, points)
        for territory, points in projected
        if points
    ]
    notes = series_notes(data) if notes is None else notes
    unit = indicator.unit
    return line_chart_svg(
        lines,
        marks=list(marks_by_period(notes).items()),
        title=f"{indicator.name}" + (f", {unit}" if unit else ""),
        y_label=unit,
        decimals=indicator.decimals,
        number_format=format_number,
        caption=described.caption() if described else None,
    )


def legend_text(entry, decimals: int) -> str:
    """A map legend entry: "lower – upper (count)", one value alone when the class holds
    one, or "no data (count)"."""
    if entry.lower is None:
        return _("no data (%(count)s)") % {"count": entry.count}
    lower, upper = _figure(entry.lower, decimals), _figure(entry.upper, decimals)
    shown = lower if lower == upper else f"{lower} – {upper}"
    return f"{shown} ({entry.count})"


def _shape(territory, colour: str, tooltip: str, boundaries: dict) -> MapShape:
    centre = (territory.centre_lon, territory.centre_lat) if territory.has_centre else None
    return MapShape(territory.name, colour, boundaries.get(territory.pk), centre, tooltip)


def _context(parent, boundaries: dict) -> list[MapShape]:
    """The parent's outline behind its units, when it has a boundary."""
    outline = boundaries.get(parent.pk)
    return [MapShape(parent.name, "none", outline, None)] if outline else []


def map_break_notes(data) -> list[BreakNote]:
    """The units of a map (and its parent) whose area a reform changed since its period."""
    return map_notes([f.territory for f in data.features], data.period, data.parent)


def map_break_marks(data) -> tuple[dict[int, str], dict[int, str]]:
    """({territory id: "[1][3]"}, {territory id: "[1] its note [3] its note"}) of a map's
    units, for the GeoJSON's features (the map's tooltips)."""
    notes = map_break_notes(data)
    texts: dict[int, str] = {}
    for note in notes:
        pk = note.territory.pk
        texts[pk] = (texts[pk] + " " if pk in texts else "") + f"{note.mark} {note.text}"
    return marks_by_territory(notes), texts


def map_rows(data, marks: dict[int, str]) -> list[dict]:
    """The map's list, one row per unit, with what the page's table shows: name, link to
    its profile, break marks, the value in the indicator's decimals and unit, colour and
    class (1-based; None without a value). Made here, not in the template: a national map
    lists 200 rayons, and a row drawn with lookups, filters and a `{% url %}` per cell costs
    a quarter of a millisecond."""
    indicator = data.indicator
    unit = indicator.unit
    link = reverse("indicators:profile", args=[_SAMPLE_KATO])
    rows = []
    for feature in data.features:
        territory = feature.territory
        text = format_number(feature.value, indicator.decimals)
        if feature.value is not None and unit:
            text = f"{text}\u00a0{unit}"
        rows.append(
            {
                "kato": territory.kato,
                "name": territory.name,
                "url": link.replace(_SAMPLE_KATO, territory.kato),
                "mark": marks.get(territory.pk, ""),
                "figure": text,
                "colour": feature.colour,
                "klass": None if feature.klass is None else feature.klass + 1,
            }
        )
    return rows


def choropleth_svg(data, *, described: Described | None = None) -> SafeString:
    """The classed map with its legend; with `described`, captioned for a download."""
    indicator = data.indicator
    boundaries = web_boundaries([f.territory.pk for f in data.features] + [data.parent.pk])
    marks = marks_by_territory(map_break_notes(data))
    shapes = [
        _shape(
            f.territory,
            f.colour,
            f"{f.territory.name}{marks.get(f.territory.pk, '')}: "
            f"{_figure(f.value, indicator.decimals)} {indicator.unit}",
            boundaries,
        )
        for f in data.features
    ]
    legend = [(entry.colour, legend_text(entry, indicator.decimals)) for entry in data.legend]
    title = ", ".join(part for part in (indicator.name, data.parent.name, data.period) if part)
    return map_svg(
        shapes,
        legend,
        title=title,
        width=MAP_WIDTH,
        context=_context(data.parent, boundaries),
        caption=described.caption() if described else None,
    )


def map_credits(data) -> list[str]:
    """The sources of the boundaries a map draws."""
    return list(
        dict.fromkeys(
            f.territory.boundary_source for f in data.features if f.territory.boundary_source
        )
    )


def typology_svg(result) -> SafeString:
    """Each territory coloured by its group."""
    members = [(g, t) for g in result.groups for t in g.members]
    boundaries = web_boundaries(
        [t.pk for _g, t in members] + [t.pk for t in result.left_out] + [result.parent.pk]
    )
    shapes = [
        _shape(
            t,
            group_colour(g.number),
            _("%(name)s: group %(n)s") % {"name": t.name, "n": g.number},
            boundaries,
        )
        for g, t in members
    ]
    no_data = _("no data")  # outside the f-string, where xgettext finds it
    shapes += [_shape(t, NO_DATA, f"{t.name}: {no_data}", boundaries) for t in result.left_out]
    legend = [
        (
            group_colour(g.number),
            _("Group %(n)s (%(count)s)") % {"n": g.number, "count": len(g.members)},
        )
        for g in result.groups
    ]
    if result.left_out:
        legend.append((NO_DATA, _("no data (%(count)s)") % {"count": len(result.left_out)}))
    return map_svg(
        shapes,
        legend,
        title=_("Typology of %(name)s") % {"name": result.parent.name},
        context=_context(result.parent, boundaries),
    )


def svg_png(svg: str, described: Described, *, scale: int = PNG_SCALE) -> bytes:
    """The SVG drawn as a PNG `scale` times its size (for print), in the documents' fonts
    (DejaVu has the Kazakh letters), with its title, description and source stored in the
    PNG's text chunks."""
    import cairosvg
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    markup = svg_markup(svg) if clean_svg(svg) is not None else svg
    drawn = cairosvg.svg2png(bytestring=markup.encode(), scale=scale)
    image = Image.open(io.BytesIO(drawn))
    info = PngInfo()
    for key, text in described.png_text().items():
        info.add_itxt(key, text)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, optimize=False)
    return out.getvalue()

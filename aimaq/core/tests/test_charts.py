"""The shared SVG charts: every text escaped by construction, and axes that do not lie."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils.safestring import mark_safe
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aimaq.core.charts import (
    Line,
    MapShape,
    el,
    line_chart_svg,
    map_svg,
    nice_ticks,
    plain_number,
    sparkline_svg,
    tick_step,
)

HOSTILE = "\"'<&><script>xss()</script><svg onload=xss()>\x01"
SVG = "{http://www.w3.org/2000/svg}"
SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def _read(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _no_active_content(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in {"script", "foreignObject", "a"}
        assert not any(name.startswith("on") for name in element.attrib)


def test_names_in_a_line_chart_come_back_as_the_same_text_and_run_nothing():
    svg = line_chart_svg(
        [Line(HOSTILE, [(HOSTILE, 1.0), ("2021", 2.0)])], title=HOSTILE, y_label=HOSTILE
    )
    root = _read(svg)
    _no_active_content(root)
    clean = HOSTILE.replace("\x01", "")  # XML cannot hold it: dropped, not fatal
    assert root.get("aria-label") == clean
    assert root.find(f"{SVG}title").text == clean
    assert clean in [t.text for t in root.iter(f"{SVG}text")]
    assert f"{clean} {clean}: 1.0" in [t.text for t in root.iter(f"{SVG}title")]


def test_names_in_a_map_and_its_legend_come_back_as_the_same_text_and_run_nothing():
    shapes = [
        MapShape(HOSTILE, "#fff", SQUARE, None, tooltip=HOSTILE),
        MapShape(HOSTILE, "#000", None, (0.5, 0.5)),
    ]
    root = _read(map_svg(shapes, [("#fff", HOSTILE)], title=HOSTILE))
    _no_active_content(root)
    clean = HOSTILE.replace("\x01", "")
    assert [t.text for t in root.iter(f"{SVG}title")] == [clean, clean, clean]
    assert root.findall(f"{SVG}text")[-1].text == clean


def test_a_sparkline_label_is_read_by_screen_readers_as_written():
    svg = sparkline_svg([("2020", 1.0), ("2021", 3.0)], label=HOSTILE)
    root = _read(svg)
    assert root.get("aria-label") == HOSTILE.replace("\x01", "")
    assert "<script>" not in svg and 'onload="' not in svg


def test_a_sparkline_draws_its_series_low_to_high_and_marks_the_last_point():
    root = _read(sparkline_svg([("2020", 5.0), ("2021", -3.0), ("2022", 9.0)], label="x"))
    points = [tuple(map(float, p.split(","))) for p in root.find("polyline").get("points").split()]
    assert [x for x, _y in points] == [2.0, 48.0, 94.0]  # evenly across 96 px, 2 px margins
    assert [y for _x, y in points] == [8.7, 22.0, 2.0]  # the lowest at the bottom, highest at top
    last = root.find("circle")
    assert (float(last.get("cx")), float(last.get("cy"))) == points[-1]
    single = _read(sparkline_svg([("2020", 5.0)], label="x"))
    assert single.find("polyline") is None and single.get("aria-label") == "x"


def test_a_label_the_template_already_escaped_is_not_escaped_twice():
    made_by_template = mark_safe("Trend of Nura &amp; Osakarovka &quot;south&quot;")
    svg = sparkline_svg([("2020", 1.0), ("2021", 3.0)], label=made_by_template)
    assert _read(svg).get("aria-label") == 'Trend of Nura & Osakarovka "south"'


def test_the_builder_writes_no_event_handler_link_or_script():
    for attribute in ("onload", "onclick", "href", "xlink_href", "src"):
        with pytest.raises(ValueError):
            el("rect", **{attribute: "x"})
    for tag in ("script", "foreignObject", "a", 'rect onload="x"'):
        with pytest.raises(ValueError):
            el(tag)


# --- ticks ---------------------------------------------------------------------------------


def test_ticks_cover_a_value_just_above_a_round_step():
    """The chart that drew 6.1 above its top tick, 6.0 (issue 17)."""
    ticks = nice_ticks(5.25, 6.1, decimals=1)
    assert ticks[0] <= 5.25 and ticks[-1] >= 6.1
    assert [plain_number(t, 1) for t in ticks] == [f"{t:.1f}" for t in ticks]
    assert all(Decimal(plain_number(t, 1)) == Decimal(repr(t)) for t in ticks)


def test_ticks_of_one_value_still_make_an_axis():
    assert len(nice_ticks(7.0, 7.0, decimals=0)) >= 2


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(values=st.lists(finite, min_size=1, max_size=40), decimals=st.integers(0, 3))
def test_tick_labels_equal_tick_values_and_the_ticks_cover_the_data(values, decimals):
    low, high = min(values), max(values)
    ticks = nice_ticks(low, high, decimals=decimals)
    assert ticks[0] <= low and ticks[-1] >= high
    assert 2 <= len(ticks) <= 8
    for tick in ticks:
        assert float(plain_number(tick, decimals)) == tick  # the label states the tick exactly
    step = tick_step(low, high, decimals=decimals)
    assert step.normalize().as_tuple().digits in {(1,), (2,), (5,)}  # a round step


def _axis(svg: str) -> tuple[list[tuple[float, float]], list[float]]:
    """(label value, gridline y) per tick, and the y of every drawn point."""
    root = _read(svg)
    grid = [
        float(line.attrib["y1"]) for line in root.iter(f"{SVG}line") if line.get("class") == "grid"
    ]
    labels = [
        float(text.text or "") for text in root.iter(f"{SVG}text") if text.get("class") == "tick"
    ]
    points = [float(circle.attrib["cy"]) for circle in root.iter(f"{SVG}circle")]
    return list(zip(labels, grid, strict=True)), points


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    series=st.lists(
        st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=8),
        min_size=1,
        max_size=3,
    ),
    decimals=st.integers(0, 2),
)
@example(series=[[0.0, 5e-324]], decimals=0)  # a span too small to divide by the tick count
def test_every_point_is_drawn_where_the_labelled_axis_says_its_value_is(series, decimals):
    lines = [
        Line(f"line {n}", [(str(2000 + i), value) for i, value in enumerate(values)])
        for n, values in enumerate(series)
    ]
    ticks, points = _axis(line_chart_svg(lines, title="t", decimals=decimals))
    (v0, y0), (v1, y1) = ticks[0], ticks[-1]
    top, bottom = min(y0, y1), max(y0, y1)
    assert all(top - 0.05 <= y <= bottom + 0.05 for y in points)  # inside the labelled axis

    def y_at(value: float) -> float:
        return y0 + (value - v0) / (v1 - v0) * (y1 - y0)

    for value, y in ticks:  # each gridline sits where its label says
        assert abs(y_at(value) - y) <= 0.06
    drawn = [value for values in series for value in values]
    for value, y in zip(drawn, points, strict=True):
        assert abs(y_at(value) - y) <= 0.06


def test_coordinates_are_short_and_text_is_not_reformatted():
    svg = line_chart_svg([Line("a", [("2020", 1 / 3), ("2021", 2 / 3)])], title="t", decimals=2)
    assert not re.search(r'="-?\d+\.\d{2,}"', svg)

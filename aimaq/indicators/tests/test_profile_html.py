"""The profile's rows are written in Python for speed: their sparklines are the chart
builder's own pictures, names and all escaped."""

import random

from aimaq.core.charts import sparkline_svg
from aimaq.indicators.profile_html import sparkline


def test_a_profile_sparkline_is_the_chart_builders_picture():
    rng = random.Random(17)
    for length in (0, 1, 2, 3, 15, 20):
        points = tuple((str(2000 + i), rng.uniform(-1e6, 1e6)) for i in range(length))
        for label in ('Trend of <b>A & B</b> "q"', "Тренд «Жұмыссыздық»"):
            assert sparkline(points, label) == str(sparkline_svg(points, label=label))
    flat = tuple((str(2000 + i), 5.0) for i in range(4))
    assert sparkline(flat, "x") == str(sparkline_svg(flat, label="x"))

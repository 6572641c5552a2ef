import pytest
from django.urls import reverse

from aimaq.core.charts import Line, line_chart_svg, nice_ticks
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_series_page_draws_one_line_per_territory_with_legend_and_axes(client, world):
    url = reverse("indicators:series", args=["income"]) + "?t=355200000&t=350000000&t=000000000"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count("<polyline") == 3
    assert html.count('class="legend"') == 3
    assert ">2020<" in html and ">2022<" in html  # period axis labels
    assert "Nura" in html and "Karaganda" in html and "Kazakhstan" in html
    assert "170,000" in html  # the table of figures


@pytest.mark.parametrize(
    ("language", "label"), [("kk", "Үрдіс графигі"), ("ru", "График динамики")]
)
def test_the_chart_scrolls_in_a_frame_a_keyboard_reaches_and_a_reader_hears_named(
    client, world, language, label
):
    """On a phone the chart keeps its drawn width (indicators.css) and its frame scrolls."""
    url = reverse("indicators:series", args=["income"]) + "?t=355200000"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    frame = f'<div class="ind-table-wrap chart-scroll" role="region" tabindex="0" aria-label="{label}"><svg'
    assert frame in html


def test_series_without_territories_shows_the_country(client, world):
    html = client.get(reverse("indicators:series", args=["income"])).content.decode()
    assert html.count("<polyline") == 1


def test_series_svg_is_a_standalone_image(client, world):
    response = client.get(reverse("indicators:series_svg", args=["income"]) + "?t=355200000")
    assert response["Content-Type"] == "image/svg+xml"
    assert (
        response.content.startswith(b"<svg")
        and b'xmlns="http://www.w3.org/2000/svg"' in response.content
    )


def test_nice_ticks_cover_the_range():
    ticks = nice_ticks(3.3, 9.1)
    assert ticks[0] <= 3.3 and ticks[-1] >= 9.1
    assert len(ticks) <= 8


def test_line_chart_escapes_labels():
    svg = line_chart_svg([Line("<b>x</b>", [("2020", 1.0), ("2021", 2.0)])], title="t")
    assert "<b>" not in svg and "&lt;b&gt;" in svg

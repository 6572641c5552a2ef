import pytest
from django.urls import reverse

from aimaq.core.charts import class_colours
from aimaq.indicators.classification import choropleth
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_map_page_has_leaflet_offline_legend_and_table(client, world):
    url = reverse("indicators:map", args=["unemployment"]) + "?parent=350000000&k=3"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "leaflet/leaflet.js" in html and "core/map.js" in html
    assert "tileLayer" not in html and "https://" not in html  # nothing external
    assert 'data-geojson-url="/api/indicators/choropleth/unemployment?' in html
    assert 'class="ind-legend"' in html
    assert "Nura" in html and "5.5\u00a0%" in html
    assert "Download SVG" in html


def test_colours_run_from_bad_to_good_by_direction(world):
    unemployment = choropleth(world["unemployment"], world["karaganda"], k=3)
    colour = {f.territory.kato: f.colour for f in unemployment.features}
    good, bad = class_colours(3, "lower")[0], class_colours(3, "lower")[-1]
    assert colour["353200000"] == good  # Abai, lowest unemployment
    assert colour["355200000"] == bad  # Nura, highest
    income = choropleth(world["income"], world["karaganda"], k=3)
    colour = {f.territory.kato: f.colour for f in income.features}
    assert colour["353200000"] == class_colours(3, "higher")[-1]  # highest income, good end


def test_all_rayons_of_the_country(world):
    data = choropleth(world["income"], world["country"], level="rayon")
    assert {f.territory.kato for f in data.features} == {
        "353200000",
        "354800000",
        "355200000",
        "634000000",
    }
    assert sum(e.count for e in data.legend) == 4  # Glubokoe has no value: a "no data" entry
    assert data.legend[-1].lower is None


def test_map_svg_download_renders_shapes_and_legend(client, world):
    url = reverse("indicators:map_svg", args=["income"]) + "?parent=350000000&download=1"
    response = client.get(url)
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml"
    assert "attachment" in response["Content-Disposition"]
    assert svg.startswith("<svg") and "<path" in svg and "<circle" in svg
    assert svg.count('<rect x="12"') == 3  # a legend entry per class


def test_map_of_unknown_indicator_is_404(client, world):
    assert client.get(reverse("indicators:map", args=["nothing"])).status_code == 404


def test_a_map_without_figures_says_so_without_dangling_words_or_downloads(client, world):
    from aimaq.indicators.tests.test_views_fixtures import make_indicator

    make_indicator("grant_jobs", name_en="Jobs created by grants", unit_en="")
    html = client.get(
        reverse("indicators:map", args=["grant_jobs"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "No figures yet for any period." in html
    assert "<caption>Jobs created by grants: no figures yet</caption>" in html
    assert "map.png" not in html and "map.svg" not in html


def test_a_downloaded_map_without_a_period_has_no_dangling_separator(client, world):
    from aimaq.indicators.tests.test_views_fixtures import make_indicator

    make_indicator("grant_jobs", name_en="Jobs created by grants", unit_en="")
    png = client.get(reverse("indicators:map_png", args=["grant_jobs"]))
    assert 'filename="grant_jobs-000000000.png"' in png["Content-Disposition"]
    url = reverse("indicators:map_svg", args=["grant_jobs"]) + "?download=1"
    svg = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert 'filename="grant_jobs-000000000.svg"' in svg["Content-Disposition"]
    assert "<title>Jobs created by grants, Kazakhstan</title>" in svg.content.decode()

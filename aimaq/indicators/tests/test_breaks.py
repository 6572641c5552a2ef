"""Breaks where a reform changed a unit's area, as a reader sees them: a series of Karaganda
Region across 2022 (Ulytau cut out of it) carries a dashed mark and a note naming the
reform on the page, in the SVG and PNG downloads and in the table exports; a map of a year
before a reform marks the units whose boundary changed since, in its list and its
downloads; a series or map the reforms did not touch says nothing."""

import io

import pytest
from django.db import transaction
from django.urls import reverse
from PIL import Image

from aimaq.indicators.models import Observation
from aimaq.territories.demo import load_demo_territories
from aimaq.territories.models import Territory
from aimaq.testing.indicators import IndicatorFactory

pytestmark = pytest.mark.django_db
REFORM = "Abai, Zhetisu and Ulytau Regions formed"


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker):
    """The demo territories with the reforms applied and a population series for Karaganda
    (2019–2024) and Akmola, and 2020 figures for every oblast of 2020; once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_territories()
        population = IndicatorFactory(code="population", name_en="Population", unit_en="people")
        karaganda = Territory.objects.get(kato="350000000")
        akmola = Territory.objects.get(kato="110000000")
        for year in range(2019, 2025):
            value = 1_380_000 if year < 2022 else 1_130_000
            for unit, figure in ((karaganda, value), (akmola, 730_000 + year)):
                Observation.objects.create(
                    indicator=population, territory=unit, period=str(year), value=figure
                )
        turkestan = Territory.objects.get(kato="610000000")
        for year in (2018, 2019, 2020):
            Observation.objects.create(
                indicator=population, territory=turkestan, period=str(year), value=2_000_000
            )
        for unit in Territory.objects.current().filter(level="oblast", valid_from__year__lt=2020):
            if unit.pk not in (karaganda.pk, akmola.pk, turkestan.pk):
                Observation.objects.create(
                    indicator=population, territory=unit, period="2020", value=900_000
                )
        yield
        transaction.set_rollback(True)


def get(client, name, *args, query=""):
    return client.get(reverse(name, args=args) + query, HTTP_ACCEPT_LANGUAGE="en")


def test_karagandas_series_is_marked_at_2022_with_a_note_naming_ulytau_and_the_reform(
    client, figures
):
    html = get(client, "indicators:series", "population", query="?t=350000000").content.decode()
    assert 'class="break"' in html  # the dashed line on the chart
    assert 'class="series-breaks"' in html
    assert "620000000" in html and REFORM in html
    assert '2022 <span class="break-mark">[1]</span>' in html  # the table's row


def test_turkestans_series_from_2018_says_it_continues_south_kazakhstan_without_shymkent(
    client, figures
):
    html = get(client, "indicators:series", "population", query="?t=610000000").content.decode()
    notes = html[html.index('class="series-breaks"') :]
    assert "510000000" in notes and "whose area was larger" in notes
    assert '2018 <span class="break-mark">[1]</span>' in html


def test_a_series_no_reform_touched_has_no_break(client, figures):
    html = get(client, "indicators:series", "population", query="?t=110000000").content.decode()
    assert 'class="break"' not in html and "series-breaks" not in html


def test_the_series_downloads_carry_the_mark_and_the_note(client, figures):
    svg = get(
        client, "indicators:series_svg", "population", query="?t=350000000&download=1"
    ).content.decode()
    assert 'class="break"' in svg and "620000000" in svg and "[1]" in svg
    png = get(client, "indicators:series_png", "population", query="?t=350000000")
    assert png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.width >= 1000 and "620000000" in image.info["Description"]
    csv = get(client, "indicators:series_export", "population", "csv", query="?t=350000000")
    assert "620000000" in csv.content.decode("utf-8-sig")


def test_a_map_of_2020_marks_the_units_whose_boundary_changed_since(client, figures):
    query = "?parent=000000000&period=2020"
    html = get(client, "indicators:map", "population", query=query).content.decode()
    assert 'class="series-breaks"' in html
    notes = html[html.index('class="series-breaks"') :]
    assert "620000000" in notes and "100000000" in notes and "330000000" in notes
    row = html[html.index(">Karaganda") :][:200]
    assert "break-mark" in row
    svg = get(client, "indicators:map_svg", "population", query=query).content.decode()
    assert "620000000" in svg and "Karaganda Region[" in svg


def test_a_map_of_a_year_after_the_reforms_has_no_break_note(client, figures):
    html = get(
        client, "indicators:map", "population", query="?parent=000000000&period=2024"
    ).content.decode()
    assert "series-breaks" not in html


def test_the_map_geojson_carries_each_units_break_mark_and_note_for_its_tooltip(client, figures):
    query = "?parent=000000000&period=2020"
    answer = get(client, "api:indicator_choropleth", "population", query=query).json()
    by_kato = {f["properties"]["kato"]: f["properties"] for f in answer["features"]}
    karaganda, akmola = by_kato["350000000"], by_kato["110000000"]
    assert karaganda["break_mark"].startswith("[")
    assert karaganda["break_note"].startswith(karaganda["break_mark"][:3])
    assert "620000000" in karaganda["break_note"] and REFORM in karaganda["break_note"]
    assert akmola["break_mark"] == akmola["break_note"] == ""
    # The page's list gives the same unit the same mark.
    html = get(client, "indicators:map", "population", query=query).content.decode()
    row = html[html.index(">Karaganda") :][:200]
    assert f'<span class="break-mark">{karaganda["break_mark"]}</span>' in row
    later = get(client, "api:indicator_choropleth", "population", query="?period=2024").json()
    assert all(f["properties"]["break_mark"] == "" for f in later["features"])

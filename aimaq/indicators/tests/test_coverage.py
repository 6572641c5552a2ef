"""The indicator's metadata page and its coverage report: reported, computed from below,
missing, per unit and period."""

import pytest

from aimaq.indicators.selectors import indicator_coverage
from aimaq.indicators.tests.test_views_fixtures import (
    observe,
    world_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def test_coverage_marks_reported_computed_and_missing_per_unit_and_period(world):
    observe(world["unemployment"], world["zharaspai"], {"2023": 7.0})  # an okrug of Nura
    coverage = indicator_coverage(world["unemployment"], world["karaganda"])
    assert coverage.periods == ["2020", "2021", "2022", "2023"]
    cells = {row.territory.kato: row.cells for row in coverage.rows}
    assert cells[world["karaganda"].kato] == ["reported"] * 3 + ["computed"]
    assert cells[world["nura"].kato] == ["reported"] * 3 + ["computed"]
    assert cells[world["abai"].kato] == ["reported"] * 3 + ["missing"]
    assert coverage.totals("missing")[-1] == len(coverage.rows) - 2


def test_the_metadata_page_shows_the_texts_and_the_coverage_in_the_readers_language(client, world):
    indicator = world["unemployment"]
    indicator.definition_en, indicator.definition_ru = (
        "Share of the labour force",
        "Доля рабочей силы",
    )
    indicator.source_ru, indicator.schedule_ru = "Бюро национальной статистики", "ежеквартально"
    indicator.save()
    url = f"/indicators/about/unemployment/?parent={world['karaganda'].kato}"
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Share of the labour force" in en and "8.5" in en and "Coverage" in en
    assert "Abai" in en and 'class="cov cov-reported"' in en
    ru = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Доля рабочей силы" in ru and "Бюро национальной статистики" in ru
    assert "ежеквартально" in ru
    assert client.get("/indicators/about/no-such/").status_code == 404


def test_a_table_cell_links_to_where_its_figure_comes_from(client, world):
    from aimaq.indicators.models import Observation

    Observation.objects.filter(
        indicator=world["unemployment"], territory=world["nura"], period="2022"
    ).update(source="Akimat of Nura rayon, report 12")
    profile = client.get(f"/indicators/profile/{world['nura'].kato}/?period=2022").content.decode()
    link = f"/indicators/value/unemployment/{world['nura'].kato}/2022/"
    assert f'href="{link}"' in profile
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Akimat of Nura rayon, report 12" in page and "5.5" in page and "final" in page.lower()
    missing = client.get(f"/indicators/value/unemployment/{world['zharaspai'].kato}/2022/")
    assert "not reported by this unit" in missing.content.decode()

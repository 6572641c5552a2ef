"""The read cache (pivot totals, coverage, values computed from below): a second read of
unchanged figures does not read them again, and a change that moves the data version (an
import, an approval, an edit) is seen at once. Tests run in a transaction, where the cache
is off; this module commits, as requests do."""

import pytest
from django.core.cache import cache, caches

from aimaq.indicators.selectors import indicator_coverage
from aimaq.indicators.selectors.computed import aggregated_series
from aimaq.indicators.tests.test_views_fixtures import make_world, observe
from aimaq.indicators.versions import mark_changed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    cache.clear()
    caches["documents"].clear()
    yield make_world()
    cache.clear()
    caches["documents"].clear()


def test_a_coverage_report_is_read_once_until_the_figures_change(
    world, django_assert_max_num_queries
):
    unemployment, karaganda = world["unemployment"], world["karaganda"]
    first = indicator_coverage(unemployment, karaganda)
    assert "2023" not in first.periods
    with django_assert_max_num_queries(5):  # the data version and the hidden imports only
        again = indicator_coverage(unemployment, karaganda)
    assert again.periods == first.periods
    observe(unemployment, world["zharaspai"], {"2023": 7.0})
    mark_changed([unemployment.pk])  # what an import does
    changed = indicator_coverage(unemployment, karaganda)
    assert changed.periods[-1] == "2023"


def test_values_computed_from_below_serve_every_unit_of_the_subtree(
    world, django_assert_max_num_queries
):
    unemployment, nura = world["unemployment"], world["nura"]
    aggregated_series([unemployment], world["karaganda"], None)
    with django_assert_max_num_queries(5):  # Nura's came with Karaganda's aggregation
        from_cache = aggregated_series([unemployment], nura, None)
    cache.clear()
    assert from_cache == aggregated_series([unemployment], nura, None)
    assert from_cache[unemployment.pk][-1][0] == "2022"
    capped = aggregated_series([unemployment], nura, "2021-12")[unemployment.pk]
    assert capped[-1][0] == "2021"


def test_a_visitors_page_is_kept_until_the_data_version_moves(
    client, world, django_assert_max_num_queries
):
    url = f"/indicators/profile/{world['nura'].kato}/?period=2022"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 200 and "5.5" in first.content.decode()
    with django_assert_max_num_queries(1):  # the data version, nothing else
        again = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert "Cookie" not in again.get("Vary", "")
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Профиль" in russian
    unemployment = world["unemployment"]
    unemployment.observations.filter(territory=world["nura"], period="2022").update(value=9.5)
    mark_changed([unemployment.pk])
    assert "9.5" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_after_an_import_of_one_indicator_a_pivot_adds_up_only_that_one_again(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aimaq.indicators.selectors.pivot import PivotSpec, pivot_table

    unemployment, income = world["unemployment"], world["income"]
    rayons = [world["nura"], world["osakarovka"], world["abai"]]
    spec = PivotSpec([unemployment, income], rayons, ["2022", "2023"])
    first = pivot_table(spec)
    average = next(r for r in first.summary if r.kind == "average")
    assert average.cells[1] is None  # unemployment in 2023: nothing yet
    observe(unemployment, world["nura"], {"2023": 7.0})
    mark_changed([unemployment.pk])  # what an import of unemployment does
    with CaptureQueriesContext(connection) as queries:
        after = pivot_table(spec)
    average = next(r for r in after.summary if r.kind == "average")
    assert average.cells[1] == 7.0  # the import is seen at once
    sums = [q["sql"] for q in queries.captured_queries if "SUM(value)" in q["sql"]]
    assert len(sums) == 1 and f"IN ({unemployment.pk})" in sums[0]  # income's kept


def cells_of(response) -> list[str]:
    from aimaq.core.documents.readback import docx_text

    return [c for table in docx_text(response.content).tables for row in table for c in row]


def test_a_visitors_profile_file_is_rendered_once_until_the_figures_change(
    client, world, django_assert_max_num_queries
):
    from aimaq.core.documents.readback import docx_text

    url = f"/indicators/profile/{world['nura'].kato}/document.docx"
    first = client.get(url, {"lang": "en", "period": "2022"})
    assert first.status_code == 200
    assert f'filename="aimaq-profile-{world["nura"].kato}-en.docx"' in first["Content-Disposition"]
    with django_assert_max_num_queries(3):  # the territory and the data version
        again = client.get(url, {"lang": "en", "period": "2022"})
    assert again.content == first.content  # the same file, not rendered again
    russian = client.get(url, {"lang": "ru", "period": "2022"})
    assert any("Профиль" in text for _style, text in docx_text(russian.content).paragraphs)
    unemployment = world["unemployment"]
    unemployment.observations.filter(territory=world["nura"], period="2022").update(value=9.5)
    mark_changed([unemployment.pk])  # what an import does
    changed = client.get(url, {"lang": "en", "period": "2022"})
    assert "5.5" in " ".join(cells_of(first)) and "9.5" in " ".join(cells_of(changed))

import pytest
from django.urls import reverse

from aimaq.indicators.selectors import territory_profile
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def row_for(profile, code):
    return next(r for r in profile.rows if r.indicator.code == code)


def test_indicator_list_shows_unit_sdg_and_demo_label(client, world):
    response = client.get(reverse("indicators:list"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unemployment rate" in html
    assert "8.5" in html
    assert "demo data" in html


def test_profile_ranks_among_siblings_by_direction(world):
    profile = territory_profile(world["nura"])
    unemployment = row_for(profile, "unemployment")
    income = row_for(profile, "income")
    # Nura has the highest unemployment (5.5 vs 4.2, 3.3): last of three; lowest income: last.
    assert (unemployment.period, unemployment.value) == ("2022", 5.5)
    assert (unemployment.rank, unemployment.rank_total) == (3, 3)
    assert (income.rank, income.rank_total) == (3, 3)
    assert row_for(territory_profile(world["abai"]), "income").rank == 1


def test_profile_gaps_to_parent_and_country_with_verdicts(world):
    unemployment = row_for(territory_profile(world["nura"]), "unemployment")
    assert unemployment.parent_value == 4.4
    assert unemployment.national_value == 4.8
    assert unemployment.gap_parent == pytest.approx(1.1)
    assert unemployment.verdict_parent == "worse"  # higher unemployment is worse
    abai_income = row_for(territory_profile(world["abai"]), "income")
    assert abai_income.verdict_national == "better"


def test_profile_series_oldest_first(world):
    income = row_for(territory_profile(world["nura"]), "income")
    assert income.series == [("2020", 150000), ("2021", 160000), ("2022", 170000)]


def test_profile_on_a_day_hides_later_periods(world):
    from datetime import date

    unemployment = row_for(territory_profile(world["nura"], on=date(2021, 6, 1)), "unemployment")
    assert (unemployment.period, unemployment.value) == ("2021", 5.8)
    assert unemployment.rank == 3


def test_profile_page_shows_values_ranks_gaps_and_text_cues(client, world):
    response = client.get(
        reverse("indicators:profile", args=["355200000"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unemployment rate" in html
    assert "5.5\u00a0%" in html
    assert "170,000\u00a0tenge" in html
    assert '<span class="rank">3</span> of 3' in html
    assert "cue-worse" in html and "▼ worse" in html
    assert '<svg class="sparkline"' in html
    assert 'scope="col"' in html and "<caption>" in html


def test_profile_page_in_russian_uses_decimal_comma(client, world):
    response = client.get(
        reverse("indicators:profile", args=["355200000"]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert "5,5\u00a0%" in response.content.decode()


def test_profile_of_unknown_territory_is_404(client, world):
    assert client.get(reverse("indicators:profile", args=["999999999"])).status_code == 404


def test_profile_of_country_has_no_rank(world):
    unemployment = row_for(territory_profile(world["country"]), "unemployment")
    assert unemployment.rank is None and unemployment.national_value is None


def test_profile_runs_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        territory_profile(world["nura"], compute_missing=False)


def test_profile_marks_values_computed_from_the_units_below(client, world):
    from aimaq.indicators.models import Aggregation, Direction
    from aimaq.indicators.tests.test_views_fixtures import make_indicator, observe

    jobs = make_indicator(
        "jobs_created",
        name_en="Jobs created",
        unit_en="jobs",
        decimals=0,
        direction=Direction.HIGHER_IS_BETTER,
        aggregation=Aggregation.SUM,
    )
    for rayon, value in (("nura", 10), ("osakarovka", 20), ("abai", 30)):
        observe(jobs, world[rayon], {"2022": value})
    row = row_for(territory_profile(world["karaganda"]), "jobs_created")
    assert (row.value, row.computed) == (60, True)
    assert not row_for(territory_profile(world["karaganda"]), "income").computed
    html = client.get(
        reverse("indicators:profile", args=["350000000"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "computed-mark" in html[html.index("Jobs created") :]

import re

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


def add_poor_share(world, *, parent_parts: bool = True):
    """A derived indicator nobody reports: poor / people × 100, the parts reported for the
    rayons, the country and (unless `parent_parts` is False) Karaganda."""
    from aimaq.indicators.models import Aggregation, Theme
    from aimaq.indicators.tests.test_views_fixtures import make_indicator, observe

    poor = make_indicator("poor", aggregation=Aggregation.SUM, decimals=0)
    people = make_indicator("people", aggregation=Aggregation.SUM, decimals=0)
    share = make_indicator(
        "poor_share",
        name_en="Poor share",
        theme=Theme.POVERTY,
        aggregation=Aggregation.NONE,
        numerator=poor,
        denominator=people,
        factor=100,
    )
    parts = {  # territory: (poor, people)
        "nura": (300, 2_000),  # 15 %
        "osakarovka": (100, 2_000),  # 5 %
        "abai": (200, 1_000),  # 20 %
        "karaganda": (600, 5_000),  # 12 %
        "country": (1_000, 20_000),  # 5 %
    }
    for name, (poor_count, people_count) in parts.items():
        if name == "karaganda" and not parent_parts:
            continue
        observe(poor, world[name], {"2022": poor_count})
        observe(people, world[name], {"2022": people_count})
    return share


def test_profile_derived_indicator_has_gaps_rank_and_computed_marks(world):
    add_poor_share(world)
    row = row_for(territory_profile(world["nura"]), "poor_share")
    assert (row.period, row.value, row.computed) == ("2022", pytest.approx(15.0), True)
    assert row.parent_value == pytest.approx(12.0) and row.parent_computed
    assert row.national_value == pytest.approx(5.0) and row.national_computed
    assert row.gap_parent == pytest.approx(3.0) and row.verdict_parent == "worse"
    assert (row.rank, row.rank_total) == (2, 3)  # Osakarovka 5 % best, Abai 20 % worst


def test_profile_page_shows_a_derived_indicators_gap_to_parent(client, world):
    add_poor_share(world)
    html = client.get(
        reverse("indicators:profile", args=["355200000"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    start = html.index('data-indicator="poor_share"')
    row = html[start : html.index("</tr>", start)]
    cells = row.split("<td")[1:]
    gap_parent, gap_country = cells[-2], cells[-1]
    assert "—" not in gap_parent and "+3.0" in gap_parent and "computed-mark" in gap_parent
    assert "—" not in gap_country and "+10.0" in gap_country


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 1024])
def test_profile_column_headers_do_not_break_mid_word(page, live_server, settings, tmp_path, width):
    """The site lets long words break anywhere; table headers must not ("Perio/d")."""
    from aimaq.indicators.demo import load_demo_indicators
    from aimaq.territories.demo import load_demo_territories

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_territories()
    load_demo_indicators()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/indicators/profile/355200000/")
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.profile-table thead th')].filter(th => {
            const words = th.textContent.trim().split(/\\s+/);
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return lines.size > words.length;  // more lines than words: a word was split
        }).map(th => th.textContent.trim())"""
    )
    assert broken == []


def test_totals_have_no_gap_to_the_parent_or_the_country(client, world):
    from aimaq.indicators.models import Aggregation, Direction
    from aimaq.indicators.tests.test_views_fixtures import make_indicator, observe

    people = make_indicator(
        "people", aggregation=Aggregation.SUM, direction=Direction.HIGHER_IS_BETTER, unit_en=""
    )
    for unit, count in (("nura", 30_000), ("karaganda", 1_100_000), ("country", 20_000_000)):
        observe(people, world[unit], {"2022": count})
    row = next(r for r in territory_profile(world["nura"]).rows if r.indicator.code == "people")
    assert row.parent_value == 1_100_000 and row.value == 30_000
    assert (row.gap_parent, row.gap_national, row.verdict_parent) == (None, None, "")
    html = client.get(
        reverse("indicators:profile", args=["355200000"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "-1,070,000" not in html and "−1,070,000" not in html


def test_territories_are_chosen_by_name_or_code_and_unknown_ones_are_named(client, world):
    response = client.get(
        reverse("indicators:compare"),
        {"t": "Нуринский район, 350000000; Nowhere-on-earth", "i": "unemployment"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert [t.kato for t in response.context["table"].territories] == ["355200000", "350000000"]
    assert re.search(r'value="[^"]*\(355200000\), [^"]*\(350000000\)"', html)
    assert "No territory found for" in html and "«Nowhere-on-earth»" in html
    series = client.get(
        reverse("indicators:series", args=["unemployment"]), {"t": "Karaganda"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert [t.kato for t, _points in series.context["series"]] == ["350000000"]
    assert "No territory found" not in series.content.decode()


def test_a_number_of_classes_out_of_range_keeps_the_rest_of_the_map(client, world):
    response = client.get(
        reverse("indicators:map", args=["unemployment"]), {"parent": "350000000", "k": "12"}
    )
    assert response.context["params"]["parent"] == "350000000"
    assert response.context["params"]["k"] == 5


def test_the_comparison_year_is_not_set_by_one_early_report(client, world):
    from aimaq.indicators.models import Indicator, Observation

    Observation.objects.create(
        indicator=Indicator.objects.get(code="unemployment"),
        territory=world["nura"],
        period="2023",
        value=4.0,
    )
    response = client.get(
        reverse("indicators:compare"),
        {"t": "355200000, 354800000, 353200000", "i": ["unemployment", "income"]},
    )
    assert response.context["table"].period == "2022"
    chosen = client.get(
        reverse("indicators:compare"),
        {"t": "355200000", "i": "unemployment", "period": "2023"},
    )
    assert chosen.context["table"].period == "2023"


def test_a_derived_indicator_is_computed_from_its_parts_on_every_page(client, world):
    from aimaq.indicators.models import Aggregation, Direction
    from aimaq.indicators.selectors import comparison_table, indicator_periods, time_series
    from aimaq.indicators.tests.test_views_fixtures import make_indicator, observe

    poor = make_indicator("poor", aggregation=Aggregation.SUM, unit_en="")
    people = make_indicator("people", aggregation=Aggregation.SUM, unit_en="")
    rate = make_indicator(
        "poor_share", numerator=poor, denominator=people, factor=100,
        direction=Direction.LOWER_IS_BETTER, name_en="Poor share",
    )  # fmt: skip
    for unit, (p, n) in {"nura": (3_000, 30_000), "osakarovka": (4_000, 50_000)}.items():
        observe(poor, world[unit], {"2021": p, "2022": p * 2})
        observe(people, world[unit], {"2021": n, "2022": n})
    assert indicator_periods(rate) == ["2022", "2021"]
    ((_unit, points),) = time_series(rate, [world["nura"]])
    assert points == [("2021", pytest.approx(10.0)), ("2022", pytest.approx(20.0))]
    table = comparison_table([world["nura"], world["osakarovka"]], [rate])
    assert table.period == "2022"
    assert table.cells[(world["osakarovka"].pk, rate.pk)].value == pytest.approx(16.0)
    html = client.get(
        reverse("indicators:map", args=["poor_share"]), {"parent": "350000000"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()  # fmt: skip
    assert "20.0" in html and "16.0" in html
    assert "the value is computed: Poor ÷ People × 100." in html

"""A member types a score as people write numbers in their language: "5,5" on a Kazakh or
Russian page, "5.5" anywhere; anything else is refused saying what a score looks like."""

from decimal import Decimal

import pytest

from aimaq.grants.models import Score
from aimaq.grants.tests.world import make_application, make_committee, make_competition


@pytest.fixture
def scoring(client, tree):
    competition = make_competition(tree)
    seats = make_committee(competition)
    application = make_application(competition, tree["nura"], number=1)
    client.force_login(seats["m1"].user)
    novelty = competition.criteria.get(code="novelty")
    return f"/grants/applications/{application.pk}/score/", f"score_{novelty.pk}"


@pytest.mark.parametrize(
    ("language", "typed"), [("kk", "5,5"), ("ru", "5,5"), ("kk", "5.5"), ("en", "5.5")]
)
def test_a_score_with_a_decimal_comma_or_point_is_saved(client, scoring, language, typed):
    url, field = scoring
    response = client.post(url, {field: typed}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert Score.objects.get().value == Decimal("5.5")


def test_the_kazakh_page_shows_the_saved_score_with_a_comma(client, scoring):
    url, field = scoring
    client.post(url, {field: "5,5"}, HTTP_ACCEPT_LANGUAGE="kk")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert f'name="{field}" value="5,5"' in page


def test_a_score_that_is_no_number_is_refused_saying_what_is_expected(client, scoring):
    url, field = scoring
    response = client.post(url, {field: "five"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert "Число от 0 до 10, например 7,5." in response.content.decode()
    assert not Score.objects.exists()

import numpy as np
import pytest
from django.urls import reverse

from aimaq.indicators.tests.test_views_fixtures import (
    observe,
    world_fixture,  # noqa: F401
)
from aimaq.indicators.typology import cluster, standardise, territory_typology

pytestmark = pytest.mark.django_db


def test_standardised_columns_have_mean_0_and_sd_1():
    z = standardise(np.array([[1.0, 10.0], [2.0, 10.0], [3.0, 10.0]]))
    assert np.allclose(z.mean(axis=0), 0)
    assert np.allclose(z[:, 0].std(), 1) and np.allclose(z[:, 1], 0)  # constant column


def test_clustering_is_deterministic_and_numbered_stably():
    rng = np.random.default_rng(1)
    data = np.vstack([rng.normal(-3, 0.3, (10, 2)), rng.normal(3, 0.3, (10, 2))])
    labels = cluster(data, 2)
    assert labels == cluster(data, 2)
    assert set(labels[:10]) == {0} and set(labels[10:]) == {1}  # low group first


def test_typology_groups_the_children(world):
    result = territory_typology(world["karaganda"], [world["unemployment"], world["income"]], k=2)
    assert result.period == "2022"
    members = [sorted(t.kato for t in g.members) for g in result.groups]
    assert sorted(sum(members, [])) == ["353200000", "354800000", "355200000"]
    again = territory_typology(world["karaganda"], [world["unemployment"], world["income"]], k=2)
    assert [sorted(t.kato for t in g.members) for g in again.groups] == members
    assert result.overall[0] == pytest.approx((5.5 + 4.2 + 3.3) / 3)


def test_units_without_a_value_are_left_out(world):
    observe(world["poverty_child"], world["osakarovka"], {"2022": 9.0})
    observe(world["poverty_child"], world["abai"], {"2022": 3.0})
    result = territory_typology(
        world["country"], [world["poverty_child"]], k=2, period="2022", level="rayon"
    )
    assert [t.kato for t in result.left_out] == [world["glubokoe"].kato]
    grouped = sorted(t.kato for g in result.groups for t in g.members)
    assert grouped == ["353200000", "354800000", "355200000"]


def test_too_few_units_with_a_value_are_not_grouped(world):
    # Only Nura of Karaganda's three rayons has child poverty: nothing to group.
    result = territory_typology(world["karaganda"], [world["poverty_child"]], k=2, period="2022")
    assert result.groups == [] and len(result.left_out) == 3


def test_typology_page_shows_groups_map_and_profile(client, world):
    url = reverse("indicators:typology", args=["350000000"]) + "?i=unemployment&i=income&k=2"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<svg class="map"' in html
    assert "Group 1" in html and "Group 2" in html and "All units" in html
    assert 'scope="col"' in html


def test_typology_page_asks_for_indicators(client, world):
    html = client.get(reverse("indicators:typology", args=["350000000"])).content.decode()
    assert "<select" in html

"""Shared data for the evidence-base page tests: a small territory tree with figures."""

from typing import Any

import pytest

from aimaq.indicators.models import Aggregation, Direction, Indicator, Observation, Theme
from aimaq.territories.models import Level
from aimaq.testing.territories import TerritoryFactory, small_tree


def make_indicator(code: str, **fields) -> Indicator:
    defaults = {
        "name_en": code.replace("_", " ").capitalize(),
        "name_ru": code,
        "unit_en": "%",
        "decimals": 1,
        "direction": Direction.LOWER_IS_BETTER,
        "theme": Theme.ECONOMY,
        "aggregation": Aggregation.POPULATION_WEIGHTED,
    }
    return Indicator.objects.create(code=code, **{**defaults, **fields})


def observe(indicator: Indicator, territory, values: dict[str, float]) -> None:
    Observation.objects.bulk_create(
        Observation(indicator=indicator, territory=territory, period=p, value=v)
        for p, v in values.items()
    )


def make_world() -> dict:
    """Country › Karaganda › Nura, Osakarovka, Abai rayons (+ East Kazakhstan › Glubokoe), with
    unemployment (lower is better), income (higher is better) and poverty figures."""
    tree: dict[str, Any] = small_tree()
    tree["osakarovka"] = TerritoryFactory.create(
        kato="354800000",
        parent=tree["karaganda"],
        level=Level.RAYON,
        name_en="Osakarovka",
        name_ru="Осакаровский район",
        centre_lat=50.56,
        centre_lon=72.57,
    )
    tree["abai"] = TerritoryFactory.create(
        kato="353200000",
        parent=tree["karaganda"],
        level=Level.RAYON,
        name_en="Abai",
        name_ru="Абайский район",
        centre_lat=49.63,
        centre_lon=72.86,
    )
    square = {
        "type": "Polygon",
        "coordinates": [[[69.0, 50.0], [71.0, 50.0], [71.0, 51.0], [69.0, 51.0], [69.0, 50.0]]],
    }
    tree["nura"].boundary_web = square
    tree["nura"].save()
    unemployment = make_indicator("unemployment", name_en="Unemployment rate", sdg_target="8.5")
    income = make_indicator(
        "income",
        name_en="Average monthly income",
        unit_en="tenge",
        decimals=0,
        direction=Direction.HIGHER_IS_BETTER,
        is_demo=True,
    )
    poverty = make_indicator(
        "poverty_rate", name_en="Poverty headcount", theme=Theme.POVERTY, sdg_target="1.2"
    )
    poverty_child = make_indicator("poverty_child", name_en="Child poverty", theme=Theme.POVERTY)
    figures = {
        # territory: (unemployment, income, poverty) for 2020, 2021, 2022
        "country": ([5.0, 4.9, 4.8], [200000, 210000, 220000], [5.0, 5.2, 5.1]),
        "karaganda": ([4.6, 4.5, 4.4], [230000, 240000, 250000], [4.0, 3.9, 3.8]),
        "east": ([5.2, 5.1, 5.0], [190000, 195000, 205000], [6.0, 6.1, 6.3]),
        "nura": ([6.0, 5.8, 5.5], [150000, 160000, 170000], [8.0, 8.5, 9.1]),
        "osakarovka": ([4.0, 4.1, 4.2], [180000, 185000, 190000], [5.5, 5.4, 5.3]),
        "abai": ([3.5, 3.4, 3.3], [260000, 270000, 280000], [2.5, 2.4, 2.2]),
    }
    for name, (unemp, inc, pov) in figures.items():
        periods = ["2020", "2021", "2022"]
        observe(unemployment, tree[name], dict(zip(periods, unemp, strict=True)))
        observe(income, tree[name], dict(zip(periods, inc, strict=True)))
        observe(poverty, tree[name], dict(zip(periods, pov, strict=True)))
    observe(poverty_child, tree["nura"], {"2022": 12.0})
    observe(poverty_child, tree["karaganda"], {"2022": 7.0})
    tree.update(
        unemployment=unemployment, income=income, poverty=poverty, poverty_child=poverty_child
    )
    return tree


@pytest.fixture(name="world")
def world_fixture(db) -> dict:
    return make_world()

"""The evidence base's part of the hostile-names check (see aimaq/testing/hostile.py):
an indicator, its unit, source, disaggregation and an import whose file name and cells carry
the payload, over the hostile territories; every page, chart, map, export and API answer
that shows them."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from aimaq.core.permissions import TerritoryScope
from aimaq.indicators.importing.types import ImportOptions, ImportSource
from aimaq.indicators.models import (
    Aggregation,
    Category,
    Dimension,
    Direction,
    Indicator,
    Observation,
    Theme,
)
from aimaq.indicators.services import create_import_run
from aimaq.testing.hostile import Target, hostile

CODE = "poverty_rate"  # the poverty page's headcount, so that page shows it too
LANGUAGES = ("kk", "ru", "en")
FIGURES = {
    "oblast": [5.0, 4.8, 4.5],
    "rayon": [9.0, 8.5, 8.25],
    "rayon_2": [-1.0, 2.0, 3.5],  # a negative number must stay a number in the exports
}


def _field(name: str, tag: str) -> dict[str, str]:
    return {f"{name}_{lang}": hostile(f"{tag}.{lang}") for lang in LANGUAGES}


def _error_file() -> bytes:
    """A CSV whose territory, period and value cells are hostile: the import refuses it and
    shows each cell back in its error report."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "kato", "period", "value"])
    writer.writerow([CODE, "355200000", "2022", hostile("cell.value")])
    writer.writerow([CODE, hostile("cell.territory"), "2022", "1.5"])
    writer.writerow([CODE, "355200000", hostile("cell.period"), "1.5"])
    return out.getvalue().encode()


def build(world: dict[str, Any]) -> None:
    dimension = Dimension.objects.create(code="sex", **_field("name", "dimension"))
    category = Category.objects.create(dimension=dimension, code="f", **_field("name", "category"))
    indicator = Indicator.objects.create(
        code=CODE,
        **_field("name", "indicator"),
        **_field("unit", "unit"),
        **_field("source", "indicator.source"),
        decimals=2,
        direction=Direction.LOWER_IS_BETTER,
        theme=Theme.POVERTY,
        aggregation=Aggregation.POPULATION_WEIGHTED,
    )
    indicator.dimensions.add(dimension)
    for key, values in FIGURES.items():
        Observation.objects.bulk_create(
            Observation(
                indicator=indicator,
                territory=world[key],
                period=period,
                value=value,
                source=hostile("observation.source"),
            )
            for period, value in zip(("2020", "2021", "2022"), values, strict=True)
        )
    run = create_import_run(
        ImportSource(
            file_name=hostile("file") + ".csv",
            data=_error_file(),
            options=ImportOptions(source=hostile("import.source"), scope=TerritoryScope.all()),
        ),
        by=world["admin"],
    )
    world.update(indicator=indicator, dimension=dimension, category=category, import_run=run)
    world["objects"] += [indicator, dimension, category, run]


def targets(world: dict[str, Any]) -> list[Target]:
    oblast, rayon, rayon_2 = (world[k].kato for k in ("oblast", "rayon", "rayon_2"))
    units = urlencode([("t", oblast), ("t", rayon), ("t", rayon_2)])
    compare = f"{units}&i={CODE}"
    run = world["import_run"].pk
    return [
        Target("/indicators/", "html"),
        Target(f"/indicators/profile/{rayon}/", "html"),
        Target(f"/indicators/profile/{oblast}/", "html"),
        Target(f"/indicators/compare/?{compare}", "html"),
        Target(f"/indicators/compare/export.csv?{compare}", "csv"),
        Target(f"/indicators/compare/export.xlsx?{compare}", "xlsx"),
        Target(f"/indicators/map/{CODE}/?parent={oblast}", "html"),
        Target(f"/indicators/map/{CODE}/map.svg?parent={oblast}", "svg"),
        Target(f"/indicators/map/{CODE}/map.svg?parent={oblast}&download=1", "svg"),
        Target(f"/indicators/series/{CODE}/?{units}", "html"),
        Target(f"/indicators/series/{CODE}/chart.svg?{units}", "svg"),
        Target(f"/indicators/poverty/{oblast}/", "html"),
        Target(f"/indicators/typology/{oblast}/?i={CODE}", "html"),
        Target(f"/indicators/about/{CODE}/?parent={oblast}", "html"),
        Target(f"/indicators/value/{CODE}/{rayon}/2022/", "html"),
        Target(f"/indicators/pivot/?i={CODE}&parent={oblast}&p=2022&d=sex", "html"),
        Target(f"/indicators/pivot/export.xlsx?i={CODE}&parent={oblast}&p=2022", "xlsx"),
        Target(f"/indicators/dashboards/{oblast}/", "html"),
        Target("/indicators/import/", "html", signed_in=True),
        Target(f"/indicators/import/{run}/", "html", signed_in=True),
        Target(f"/indicators/import/{run}/errors.csv", "csv", signed_in=True),
        Target("/api/indicators/", "json"),
        Target(f"/api/indicators/profile/{rayon}", "json"),
        Target(f"/api/indicators/compare?{compare}", "json"),
        Target(f"/api/indicators/choropleth/{CODE}?parent={oblast}", "json"),
        Target(f"/api/indicators/series/{CODE}?{units}", "json"),
        Target(f"/api/indicators/poverty/{oblast}", "json"),
        Target(f"/api/indicators/typology/{oblast}?i={CODE}", "json"),
    ]

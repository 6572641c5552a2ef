"""The territories' part of the hostile-names check (see aimaq/testing/hostile.py): units
and a group whose every name, description and boundary credit carries the payload."""

from __future__ import annotations

from typing import Any

from aimaq.territories.models import Level, TerritoryGroup
from aimaq.testing.hostile import Target, hostile
from aimaq.testing.territories import TerritoryFactory, country

OBLAST, RAYON, RAYON_2 = "350000000", "355200000", "354800000"
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [75.0, 49.0], [75.0, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}
WEST_HALF = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [73.4, 49.0], [73.4, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}


def _names(tag: str) -> dict[str, str]:
    return {f"name_{lang}": hostile(f"{tag}.{lang}") for lang in ("kk", "ru", "en")}


def build(world: dict[str, Any]) -> None:
    """An oblast and a rayon with boundaries and a rayon shown by its centre, all named with
    the payload in every language, and a group of them."""
    oblast = TerritoryFactory.create(
        kato=OBLAST,
        parent=country(),
        boundary_web=SQUARE,
        boundary_source=hostile("boundary_source"),
        population=1_000_000,
        centre_lat=50.0,
        centre_lon=73.0,
        **_names("oblast"),
    )
    rayon = TerritoryFactory.create(
        kato=RAYON,
        parent=oblast,
        level=Level.RAYON,
        centre_lat=50.1,
        centre_lon=73.5,
        population=24_000,
        **_names("rayon"),
    )
    rayon_2 = TerritoryFactory.create(
        kato=RAYON_2,
        parent=oblast,
        level=Level.RAYON,
        boundary_web=WEST_HALF,
        boundary_source=hostile("boundary_source"),
        **_names("rayon_2"),
    )
    group = TerritoryGroup.objects.create(
        slug="hostile",
        **_names("group"),
        **{
            f"description_{lang}": hostile(f"group.description.{lang}")
            for lang in ("kk", "ru", "en")
        },
    )
    group.territories.add(oblast, rayon)
    world.update(oblast=oblast, rayon=rayon, rayon_2=rayon_2, group=group)
    world["objects"] += [oblast, rayon, group]


def targets(world: dict[str, Any]) -> list[Target]:
    return [
        Target("/territories/", "html"),
        Target(f"/territories/{OBLAST}/", "html"),
        Target(f"/territories/{RAYON}/", "html"),
        Target("/territories/?q=3552", "html"),
        Target("/territories/search/?q=3552", "html"),
        Target(f"/territories/{OBLAST}/edit/", "html", signed_in=True),
        Target(f"/territories/{OBLAST}/map.geojson", "json"),
        Target("/api/territories/?q=3552", "json"),
        Target(f"/api/territories/?parent={OBLAST}", "json"),
        Target(f"/api/territories/{RAYON}", "json"),
        Target(f"/api/territories/{OBLAST}/children", "json"),
        Target(f"/api/territories/{OBLAST}/boundary.geojson", "json"),
        Target("/api/territories/000000000/children.geojson", "json"),
    ]

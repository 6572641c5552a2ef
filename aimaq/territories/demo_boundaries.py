"""The boundaries the demo ships: a simplified copy of the 2024 rayon boundaries of geokz
(CC BY 4.0), from which the oblasts' boundaries are made by union, so oblast and rayon
borders coincide exactly.

The file in `demo_data/` was made from the public shapefile with

    .venv/bin/python -m aimaq.territories.demo_boundaries \
        ../shared/data/boundaries-2024/kaz_admbnda_adm2_2024.shp

(a coverage simplification that keeps shared borders shared, then 3 decimals, about 100 m):
some 250 KB instead of 10 MB. The demo loader creates the second-level units it names that
are missing (names from the file's short names with the level's word, populations a
plausible split of the oblast's: demo figures, not official ones) and gives every current
oblast, city and rayon without a boundary its boundary from here. Real boundaries load
with `manage.py import_boundaries`; units that have one keep it.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from .boundaries import polygonal
from .bulk import CHANGED, CREATED, insert_territories, record_history, update_territories
from .kato import COUNTRY_CODE
from .models import Level, Territory
from .reforms import apply_reforms

DEMO_BOUNDARIES = Path(__file__).parent / "demo_data" / "kz-rayons-2024-simplified.geojson"
SOURCE = (
    "geokz, A. Rodionov, data of the Bureau of National Statistics of Kazakhstan (CC BY 4.0), "
    "simplified"
)
REASON = "demo boundaries"  # the history's change reason
TOLERANCE = 0.02  # degrees, of the coverage simplification
DECIMALS = 3
CITIES_WITH_DISTRICTS = ("71", "75", "79")  # Astana, Almaty, Shymkent
# Codes of the 2024 file that differ from the KATO list the platform uses.
CODE_FIXES = {"622010000": "622000000"}  # Satpayev
# Names the file gives wrongly (swapped languages, doubled suffixes).
NAME_FIXES = {
    "331000000": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "791510000": ("Еңбекші", "Енбекшинский", "Enbekshi"),
    "791710000": ("Қаратау", "Каратауский", "Karatau"),
}


@dataclass(frozen=True)
class BoundaryUnit:
    """One second-level unit of the file: its code, level, parent, names and geometry."""

    kato: str
    level: str
    parent: str
    name_kk: str
    name_ru: str
    name_en: str
    geometry: dict


# --- building the shipped file from the public shapefile -----------------------------------


def build(shapefile: Path) -> dict:
    """The shipped FeatureCollection: each feature's KATO code and short names (KK, RU, EN),
    its geometry simplified as one coverage (neighbours keep one shared border)."""
    from pyogrio import raw

    meta, _fids, geometries, values = raw.read(str(shapefile))
    columns = dict(zip([str(f) for f in meta["fields"]], values, strict=True))
    shapes = [polygonal(shapely.from_wkb(wkb))[0] for wkb in geometries]
    simplified = shapely.coverage_simplify(shapes, TOLERANCE)
    features = []
    for index, geometry in enumerate(simplified):
        snapped = shapely.set_precision(geometry, 10.0**-DECIMALS)
        rounded = shapely.transform(snapped, lambda xy: np.round(xy, DECIMALS))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "KATO": str(columns["KATO"][index]),
                    "KK": str(columns["ADM2_KK"][index]).strip(),
                    "RU": str(columns["ADM2_RU"][index]).strip(),
                    "EN": str(columns["ADM2_EN"][index]).strip(),
                },
                "geometry": mapping(rounded),
            }
        )
    return {
        "type": "FeatureCollection",
        "source": SOURCE,
        "license": "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/",
        "features": features,
    }


# --- reading it ----------------------------------------------------------------------------


def _level_and_parent(kato: str, codes: set[str]) -> tuple[str, str] | None:
    """The unit's level and parent code, or None for a part of another unit of the file (a
    district of a city of oblast significance: it is merged into the city)."""
    if kato[:2] in CITIES_WITH_DISTRICTS:
        return Level.CITY_DISTRICT, kato[:2] + "0000000"
    if kato[4:] != "00000" and kato[:4] + "00000" in codes:
        return None
    level = Level.CITY_OBLAST if int(kato[2:4]) < 30 else Level.RAYON
    return level, kato[:2] + "0000000"


def _names(kato: str, level: str, kk: str, ru: str, en: str) -> tuple[str, str, str]:
    """Full names from the file's short ones: «Нуринский» → «Нуринский район»."""
    kk, ru, en = NAME_FIXES.get(kato, (kk, ru, en))
    ru = re.sub(r"(ск|цк)ийский$", r"\1ий", ru)
    if level == Level.CITY_OBLAST:
        return f"{kk} қаласы", f"город {ru}", en
    district = f"{ru} район" if ru.endswith(("ий", "ый", "ой")) else f"район {ru}"
    return f"{kk} ауданы", district, f"{en} District"


def boundary_units(path: Path = DEMO_BOUNDARIES) -> list[BoundaryUnit]:
    """The second-level units of the shipped file, a city's districts merged into it."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    features = collection["features"]
    codes = {CODE_FIXES.get(f["properties"]["KATO"], f["properties"]["KATO"]) for f in features}
    parts: dict[str, list] = defaultdict(list)
    named: dict[str, tuple[str, str, str, str]] = {}
    for feature in features:
        props = feature["properties"]
        kato = CODE_FIXES.get(props["KATO"], props["KATO"])
        placed = _level_and_parent(kato, codes)
        owner = kato if placed is not None else kato[:4] + "00000"
        parts[owner].append(shape(feature["geometry"]))
        if placed is not None:
            named[kato] = (placed[0], props["KK"], props["RU"], props["EN"])
    units = []
    for kato in sorted(named):
        level, kk, ru, en = named[kato]
        geometry = (
            shapely.coverage_union_all(parts[kato]) if len(parts[kato]) > 1 else parts[kato][0]
        )
        units.append(
            BoundaryUnit(
                kato,
                level,
                _level_and_parent(kato, codes)[1],  # type: ignore[index]
                *_names(kato, level, kk, ru, en),
                geometry=mapping(geometry),
            )
        )
    return units


def first_level_boundaries(units: list[BoundaryUnit]) -> dict[str, dict]:
    """{oblast or city KATO: boundary}: the union of its second-level units."""
    by_oblast: dict[str, list] = defaultdict(list)
    for unit in units:
        by_oblast[unit.parent].append(shape(unit.geometry))
    return {
        kato: mapping(shapely.make_valid(shapely.coverage_union_all(shapes)))
        for kato, shapes in by_oblast.items()
        if kato != COUNTRY_CODE
    }


def split_population(
    total: int, units: list[BoundaryUnit], fixed: dict[str, int]
) -> dict[str, int]:
    """A plausible (demo) population for each unit, adding up to `total` with the `fixed`
    ones kept: cities weigh four times a rayon, the rest is seeded noise."""
    rng = random.Random(f"demo-population-{total}")
    free = [u for u in units if u.kato not in fixed]
    weights = {
        u.kato: rng.uniform(0.6, 1.4) * (4 if u.level == Level.CITY_OBLAST else 1) for u in free
    }
    remaining = max(total - sum(fixed.get(u.kato, 0) for u in units), 1_000 * len(free))
    scale = remaining / (sum(weights.values()) or 1)
    return {kato: max(1_000, int(round(weight * scale, -2))) for kato, weight in weights.items()}


# --- the demo loader -----------------------------------------------------------------------


def load_demo_boundaries() -> str:
    """Creates the second-level units of the shipped file that are missing and gives every
    current first- and second-level unit without a boundary its shipped one. Units and
    boundaries already there are kept (they may be real ones, loaded since)."""
    units = boundary_units()
    # Codes, names and populations are read: the stored boundaries stay in the database.
    current = Territory.objects.current().defer("boundary", "boundary_web")
    existing = {t.kato: t for t in current.filter(kato__in=[u.kato for u in units])}
    parents = {t.kato: t for t in current.filter(kato__in={u.parent for u in units})}
    populations: dict[str, int] = {}
    by_parent: dict[str, list[BoundaryUnit]] = defaultdict(list)
    for unit in units:
        by_parent[unit.parent].append(unit)
    for parent_kato, children in by_parent.items():
        parent = parents.get(parent_kato)
        if parent is not None and parent.population:
            fixed = {k: t.population or 0 for k, t in existing.items() if k[:2] == parent_kato[:2]}
            populations |= split_population(parent.population, children, fixed)
    created = []
    for unit in units:
        parent = parents.get(unit.parent)
        if unit.kato in existing or parent is None:
            continue
        point = shape(unit.geometry).representative_point()
        territory = Territory(
            kato=unit.kato,
            level=unit.level,
            parent=parent,
            name_kk=unit.name_kk,
            name_ru=unit.name_ru,
            name_en=unit.name_en,
            population=populations.get(unit.kato),
            population_year=2024 if unit.kato in populations else None,
            centre_lat=round(point.y, 2),
            centre_lon=round(point.x, 2),
        )
        # The parent is in hand and the codes are new ones (`existing` is skipped): the
        # unit's own rules without a query per unit; the database keeps one current per code.
        territory.full_clean(exclude=["parent"], validate_constraints=False)
        created.append(territory)
    insert_territories(created)
    record_history(created, CREATED, reason=REASON)
    apply_reforms()  # the units just created under Abai, Zhetisu, Ulytau begin with them
    shapes = {u.kato: u.geometry for u in units}
    first_level = {u.parent for u in units} - {COUNTRY_CODE}
    missing = list(current.filter(kato__in=[*shapes, *first_level], boundary__isnull=True))
    if any(territory.kato in first_level for territory in missing):  # the unions cost
        shapes |= first_level_boundaries(units)
    for territory in missing:
        territory.boundary = territory.boundary_web = shapes[territory.kato]
        territory.boundary_source = SOURCE
    update_territories(missing, ["boundary", "boundary_web", "boundary_source"])
    record_history(missing, CHANGED, reason=REASON)
    return f"{len(created)} second-level units created, {len(missing)} boundaries set"


if __name__ == "__main__":  # pragma: no cover - run by hand to rebuild the shipped file
    collection = build(Path(sys.argv[1]))
    DEMO_BOUNDARIES.parent.mkdir(exist_ok=True)
    DEMO_BOUNDARIES.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(f"{len(collection['features'])} features, {DEMO_BOUNDARIES.stat().st_size:,} bytes")

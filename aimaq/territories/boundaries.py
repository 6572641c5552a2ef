"""Importing territory boundaries from GeoJSON, shapefiles or zipped shapefiles.

Features are matched to the current territories of the given levels by KATO code or by
name (any of the three languages); each match stores the full geometry, a simplified one for
the web, the credited source and, when missing, a centre point; on request the empty Kazakh
and English names are filled from the file (`boundary_names.py`).
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process
from shapely.geometry import MultiPolygon, Polygon, mapping

from aimaq.core.i18n import CONTENT_LANGUAGES

from .boundary_names import fill_empty_names, name_collisions, names_to_fill
from .bulk import CHANGED, record_history, update_territories
from .kato import coerce_kato, is_valid_kato
from .models import Territory
from .names import normalise_name, strict_key

FULL_DECIMALS = 6  # ~0.1 m
WEB_DECIMALS = 4  # ~10 m, finer than the default simplification of 0.01° (~1 km)
WGS84 = {None, "EPSG:4326", "OGC:CRS84"}
NAME_FIELD = re.compile(r"^(ADM(\d)_(RU|KK|EN)|NAME(_(RU|KK|EN))?)$", re.IGNORECASE)
POLYGONAL = (Polygon, MultiPolygon)


@dataclass
class Feature:
    number: int  # 1-based, in file order
    code: str
    names: list[str]
    geometry: object | None
    fill_names: dict[str, str] = field(default_factory=dict)  # language → name to fill
    unreadable: str = ""  # why the geometry could not be read (an unclosed ring …)


@dataclass
class Unmatched:
    feature: Feature
    reason: str
    candidates: list[str]

    def __str__(self) -> str:
        label = " / ".join(self.feature.names) or "—"
        closest = "; ".join(self.candidates) or "—"
        return _("feature %(n)s (KATO “%(code)s”, %(label)s): %(reason)s Closest: %(closest)s") % {
            "n": self.feature.number,
            "code": self.feature.code,
            "label": label,
            "reason": self.reason,
            "closest": closest,
        }


@dataclass
class BoundaryReport:
    """What an import matched, refused and stored; `refused` means nothing was written."""

    source_file: str
    levels: list[str]
    features: int = 0
    file_errors: list[str] = field(default_factory=list)
    matched: list[tuple[int, str, str]] = field(default_factory=list)  # feature, KATO, name
    unmatched: list[Unmatched] = field(default_factory=list)
    refused_geometries: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    left_without_boundary: list[tuple[str, str]] = field(default_factory=list)
    full_bytes: int = 0
    web_bytes: int = 0
    largest_web_bytes: int = 0
    centres_filled: int = 0
    names_filled: dict[str, int] | None = None  # language → count; None: not asked
    names_not_filled: list[str] = field(default_factory=list)  # shared with another level
    skip_unmatched: bool = False
    written: bool = False

    @property
    def refused(self) -> bool:
        if self.file_errors:
            return True
        problems = self.unmatched or self.refused_geometries
        return bool(problems) and not self.skip_unmatched


class BoundaryFileError(Exception):
    pass


# --- reading -------------------------------------------------------------------------


def read_features(
    path: Path,
    *,
    code_field: str | None,
    name_fields: list[str] | None,
    fill_names: dict[str, str] | None = None,
) -> list[Feature]:
    """Every feature of the file's first layer, with its code, its names, its geometry and,
    when `fill_names` is given ({} to detect the fields), its names to fill by language.
    Raises BoundaryFileError for unreadable files, missing fields or a non-WGS84 CRS."""
    # Imported here: pyogrio brings pandas (half a second) to every process that merely
    # imports this module (the demo loader, the pages), not only to those reading a file.
    from pyogrio import raw as ogr
    from pyogrio.errors import DataLayerError, DataSourceError

    source, encoding = _ogr_source(path)
    try:
        meta, _fids, geometries, values = ogr.read(source, encoding=encoding)
    except (DataSourceError, DataLayerError, OSError) as exc:
        raise BoundaryFileError(
            _("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    fields = [str(name) for name in meta["fields"]]
    if meta.get("crs") not in WGS84:
        raise BoundaryFileError(
            _("The file is in %(crs)s; expected WGS84 longitude/latitude (EPSG:4326).")
            % {"crs": meta.get("crs")}
        )
    columns = dict(zip(fields, values, strict=True))
    if code_field and code_field not in columns:
        raise BoundaryFileError(_missing_field(code_field, fields))
    name_fields = name_fields or default_name_fields(fields)
    for name in name_fields:
        if name not in columns:
            raise BoundaryFileError(_missing_field(name, fields))
    try:
        to_fill = names_to_fill(fill_names, columns, len(geometries))
    except ValueError as exc:
        raise BoundaryFileError(str(exc)) from exc
    features = []
    for index, wkb in enumerate(geometries):
        code = coerce_kato(columns[code_field][index]) if code_field else ""
        names = [str(columns[f][index]).strip() for f in name_fields if columns[f][index]]
        geometry, unreadable = None, ""
        if wkb is not None:
            try:
                geometry = shapely.from_wkb(wkb)
            except shapely.errors.GEOSException as exc:
                unreadable = _("cannot be read as a geometry (%(reason)s)") % {
                    "reason": str(exc).split(":", 1)[-1].strip()
                }
        features.append(Feature(index + 1, code, names, geometry, to_fill[index], unreadable))
    return features


def _missing_field(name: str, fields: list[str]) -> str:
    return _("The file has no field “%(field)s”; its fields are: %(fields)s.") % {
        "field": name,
        "fields": ", ".join(fields),
    }


def default_name_fields(fields: list[str]) -> list[str]:
    """The name fields of the most detailed level: ADM2_RU/KK/EN over ADM1_*, or NAME*."""
    named = [f for f in fields if NAME_FIELD.match(f)]
    deepest = max((m[2] or "0" for f in named if (m := NAME_FIELD.match(f))), default="0")
    return [f for f in named if (m := NAME_FIELD.match(f)) and (m[2] or "0") == deepest]


def _ogr_source(path: Path) -> tuple[str, str | None]:
    """What to hand GDAL, and the encoding to read with when the file does not say."""
    if not path.is_file():
        raise BoundaryFileError(_("No such file: %(path)s") % {"path": path})
    if path.suffix.lower() == ".shp" and not any(
        path.with_suffix(suffix).exists() for suffix in (".dbf", ".DBF")
    ):
        raise BoundaryFileError(_no_dbf(path.name))
    if path.suffix.lower() != ".zip":
        has_cpg = path.with_suffix(".cpg").exists() or path.with_suffix(".CPG").exists()
        return str(path), ("UTF-8" if path.suffix.lower() == ".shp" and not has_cpg else None)
    try:
        members = zipfile.ZipFile(path).namelist()
    except zipfile.BadZipFile as exc:
        raise BoundaryFileError(
            _("%(file)s is not a readable zip archive.") % {"file": path.name}
        ) from exc
    for suffix in (".shp", ".geojson", ".json", ".gpkg"):
        inner = [m for m in members if m.lower().endswith(suffix)]
        if inner:
            stem = inner[0][: -len(suffix)]
            if suffix == ".shp" and not any(m.lower() == f"{stem}.dbf".lower() for m in members):
                raise BoundaryFileError(_no_dbf(inner[0]))
            has_cpg = any(m.lower() == f"{stem}.cpg".lower() for m in members)
            encoding = "UTF-8" if suffix == ".shp" and not has_cpg else None
            return f"/vsizip/{path}/{inner[0]}", encoding
    raise BoundaryFileError(_("%(file)s holds no shapefile or GeoJSON.") % {"file": path.name})


def _no_dbf(shapefile: str) -> str:
    return _(
        "The shapefile %(file)s comes without its .dbf file, which holds the KATO codes and "
        "names: put the .dbf (and .shx, .prj) beside it, or zip them together."
    ) % {"file": shapefile}


# --- geometry ------------------------------------------------------------------------


def polygonal(geometry) -> tuple[object | None, str]:
    """The geometry as a valid (Multi)Polygon, and a note: "" when untouched, the repair made,
    or (with None) why it cannot be a boundary: empty, coordinates off the globe (longitude
    −180…180, latitude −90…90, finite), or a shape GEOS cannot repair."""
    if geometry is None or geometry.is_empty:
        return None, _("empty geometry")
    west, south, east, north = geometry.bounds
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180 <= west <= east <= 180 and -90 <= south <= north <= 90
    ):
        return None, _(
            "coordinates off the globe (longitude %(west)s…%(east)s, latitude "
            "%(south)s…%(north)s; expected −180…180 and −90…90)"
        ) % {"west": f"{west:g}", "east": f"{east:g}", "south": f"{south:g}", "north": f"{north:g}"}
    note = ""
    try:
        if not geometry.is_valid:
            note = _("repaired (%(reason)s)") % {"reason": shapely.is_valid_reason(geometry)}
            geometry = shapely.make_valid(geometry)
    except shapely.errors.GEOSException as exc:
        return None, _("cannot be repaired (%(reason)s)") % {"reason": exc}
    parts = [part for part in shapely.get_parts(geometry) if isinstance(part, POLYGONAL)]
    polygons = [p for part in parts for p in shapely.get_parts(part) if not p.is_empty]
    if not polygons:
        return None, _("not a polygon (%(type)s)") % {"type": geometry.geom_type}
    result = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    return result, note


def as_geojson(geometry, decimals: int) -> dict:
    """A GeoJSON geometry dict snapped to a grid of 10^-decimals degrees (kept valid)."""
    snapped = shapely.set_precision(geometry, 10.0**-decimals)
    snapped = shapely.transform(snapped, lambda xy: np.round(xy, decimals))
    if isinstance(snapped, POLYGONAL) and not snapped.is_empty:
        # What mapping() gives, as JSON's lists, straight from the coordinate arrays.
        return {"type": snapped.geom_type, "coordinates": _coordinates(snapped)}
    return json.loads(json.dumps(mapping(snapped)))


def _coordinates(geometry) -> list:
    if isinstance(geometry, MultiPolygon):
        return [_coordinates(polygon) for polygon in geometry.geoms]
    rings = [geometry.exterior, *geometry.interiors]
    return [np.asarray(ring.coords).tolist() for ring in rings]


def web_geometry(geometry, tolerance: float) -> dict:
    simplified = shapely.simplify(geometry, tolerance, preserve_topology=True)
    for decimals in (WEB_DECIMALS, WEB_DECIMALS + 1, FULL_DECIMALS):
        snapped = shapely.set_precision(simplified, 10.0**-decimals)
        if not snapped.is_empty:  # a sliver can vanish on a coarse grid
            return as_geojson(snapped, decimals)
    return as_geojson(geometry, FULL_DECIMALS)


# --- matching ------------------------------------------------------------------------


class TerritoryIndex:
    """The current territories of some levels, findable by code and by normalised name."""

    def __init__(self, levels: list[str]) -> None:
        self.levels = levels
        # The level of every current code (to say why a code of another level does not match).
        self.current_levels = dict(Territory.objects.current().values_list("kato", "level"))
        # Matching reads codes and names only: the stored boundaries stay in the database.
        units = Territory.objects.current().filter(level__in=levels)
        self.territories = list(units.defer("boundary", "boundary_web").order_by("kato"))
        self.with_boundary = set(units.filter(boundary__isnull=False).values_list("pk", flat=True))
        self.by_code = {t.kato: t for t in self.territories}
        self.by_name: dict[str, set[int]] = {}
        self.by_strict: dict[frozenset[str], set[int]] = {}
        self.choices: dict[tuple[int, str], str] = {}
        for territory in self.territories:
            for language in CONTENT_LANGUAGES:
                text = getattr(territory, f"name_{language}")
                name = normalise_name(text)
                if name:
                    self.by_name.setdefault(name, set()).add(territory.pk)
                    self.by_strict.setdefault(strict_key(text), set()).add(territory.pk)
                    self.choices[(territory.pk, language)] = name
        self.by_pk = {t.pk: t for t in self.territories}

    def closest(self, feature: Feature, limit: int = 3) -> list[str]:
        queries = [normalise_name(n) for n in feature.names if normalise_name(n)]
        scores: dict[int, float] = {}
        for query in queries:
            for _choice, score, key in process.extract(
                query, self.choices, scorer=fuzz.WRatio, limit=limit * 6
            ):
                scores[key[0]] = max(score, scores.get(key[0], 0))
        if not queries and feature.code:
            for territory in self.territories:
                scores[territory.pk] = fuzz.ratio(feature.code, territory.kato)
        best = sorted(scores.items(), key=lambda item: -item[1])[:limit]
        return [f"{self.by_pk[pk].name} ({self.by_pk[pk].kato})" for pk, _score in best]


def match_features(
    features: list[Feature], index: TerritoryIndex, by: str
) -> tuple[dict[int, Territory], list[Unmatched]]:
    """Feature number → territory for the features that match exactly one territory of the
    levels, and the reasons (with the closest candidates) for the others."""
    matched: dict[int, Territory] = {}
    taken: dict[int, int] = {}
    unmatched = []
    for feature in features:
        territory, reason = _by_code(feature, index) if by == "code" else _by_name(feature, index)
        if territory is not None and territory.pk in taken:
            reason = _("feature %(n)s already matched this territory.") % {"n": taken[territory.pk]}
            territory = None
        if territory is None:
            unmatched.append(Unmatched(feature, reason, index.closest(feature)))
            continue
        matched[feature.number] = territory
        taken[territory.pk] = feature.number
    return matched, unmatched


def _by_code(feature: Feature, index: TerritoryIndex) -> tuple[Territory | None, str]:
    if not is_valid_kato(feature.code):
        return None, _("not a 9-digit KATO code.")
    if feature.code in index.by_code:
        return index.by_code[feature.code], ""
    level = index.current_levels.get(feature.code)
    if level is not None:
        return None, _("KATO %(code)s is a unit of level “%(level)s” here, not %(levels)s.") % {
            "code": feature.code,
            "level": level,
            "levels": ", ".join(index.levels),
        }
    return None, _("no current territory has this KATO code.")


def _by_name(feature: Feature, index: TerritoryIndex) -> tuple[Territory | None, str]:
    """A name that points at one territory decides, if the feature's other names do not
    point at another; when every name is shared, the unit words ("city") decide."""
    loose = [index.by_name.get(normalise_name(name), set()) for name in feature.names]
    strict = [index.by_strict.get(strict_key(name), set()) for name in feature.names]
    for hits in (loose, strict):
        unique = {next(iter(found)) for found in hits if len(found) == 1}
        if len(unique) == 1:
            return index.by_pk[unique.pop()], ""
        if len(unique) > 1:
            break
    found = set().union(*loose) if loose else set()
    if found:
        codes = ", ".join(sorted(index.by_pk[pk].kato for pk in found))
        return None, _("the name fits several territories (%(codes)s).") % {"codes": codes}
    return None, _("no territory of these levels has this name.")


# --- the service ---------------------------------------------------------------------


def import_boundaries(
    path: Path,
    *,
    levels: list[str],
    match: str = "code",
    code_field: str = "KATO",
    name_fields: list[str] | None = None,
    skip_unmatched: bool = False,
    source: str = "",
    simplify_tolerance: float = 0.01,
    fill_names: dict[str, str] | None = None,
    dry_run: bool = False,
) -> BoundaryReport:
    """Store the boundaries of a file's features on the current territories they match.

    Promises: every feature is matched and its geometry checked before anything is written;
    an invalid geometry is repaired (and reported), an empty or non-polygonal one refused. If
    any feature is unmatched or refused nothing is written, unless `skip_unmatched`, which
    writes the others. Writes land in one transaction: `boundary` (full, 6 decimals),
    `boundary_web` (simplified, 4 decimals), `boundary_source` when given, and the centre
    from a representative point where the territory has none. `fill_names` (language →
    field, or {} to detect ADMn_KK/ADMn_EN) fills empty `name_kk`/`name_en`, never others.
    """
    report = BoundaryReport(path.name, levels, skip_unmatched=skip_unmatched)
    try:
        features = read_features(
            path,
            code_field=code_field if match == "code" else None,
            name_fields=name_fields,
            fill_names=fill_names,
        )
    except BoundaryFileError as exc:
        report.file_errors.append(str(exc))
        return report
    report.features = len(features)
    if fill_names is not None:
        report.names_filled = dict.fromkeys(sorted({k for f in features for k in f.fill_names}), 0)
    index = TerritoryIndex(levels)
    matched, report.unmatched = match_features(features, index, match)
    updates = _prepared(features, matched, report, simplify_tolerance, source)
    matched_pks = {territory.pk for territory in matched.values()}
    report.left_without_boundary = [
        (t.kato, t.name)
        for t in index.territories
        if t.pk not in matched_pks and t.pk not in index.with_boundary
    ]
    if report.refused or dry_run:
        return report
    fields = ["boundary", "boundary_web", "centre_lat", "centre_lon"]
    if source:
        fields.append("boundary_source")
    fields += [f"name_{language}" for language in report.names_filled or {}]
    with transaction.atomic():
        update_territories(updates, fields)
        record_history(updates, CHANGED, reason=f"import_boundaries {path.name}"[:100])
    report.written = True
    return report


def _prepared(
    features: list[Feature],
    matched: dict[int, Territory],
    report: BoundaryReport,
    tolerance: float,
    source: str,
) -> list[Territory]:
    """The matched territories with their new boundary set (not saved yet); records the
    refused and repaired geometries and the sizes in the report."""
    updates = []
    collisions = name_collisions(
        [(matched[f.number], f.fill_names) for f in features if f.number in matched]
    )
    for feature in features:
        territory = matched.get(feature.number)
        label = _("feature %(n)s (%(code)s %(name)s)") % {
            "n": feature.number,
            "code": feature.code,
            "name": (feature.names or [""])[0],
        }
        geometry, note = polygonal(feature.geometry)
        note = feature.unreadable or note
        if geometry is None:
            report.refused_geometries.append(f"{label}: {note}")
            continue
        if note:
            report.repaired.append(f"{label}: {note}")
        if territory is None:
            continue
        _set_boundary(territory, geometry, tolerance, source, report)
        names = dict(feature.fill_names)
        for language in list(names):
            if (why := collisions.get((territory.pk, language))) is not None:
                report.names_not_filled.append(f"{label}: {why}")
                del names[language]
        filled = fill_empty_names(territory, names)
        if report.names_filled is not None:  # fill_names are read only when asked for
            for language in filled:
                report.names_filled[language] += 1
        report.matched.append((feature.number, territory.kato, territory.name))
        updates.append(territory)
    return updates


def _set_boundary(
    territory: Territory, geometry, tolerance: float, source: str, report: BoundaryReport
) -> None:
    territory.boundary = as_geojson(geometry, FULL_DECIMALS)
    territory.boundary_web = web_geometry(geometry, tolerance)
    if source:
        territory.boundary_source = source
    if not territory.has_centre:
        point = geometry.representative_point()
        territory.centre_lat, territory.centre_lon = round(point.y, 5), round(point.x, 5)
        report.centres_filled += 1
    full, web = len(json.dumps(territory.boundary)), len(json.dumps(territory.boundary_web))
    report.full_bytes += full
    report.web_bytes += web
    report.largest_web_bytes = max(report.largest_web_bytes, web)

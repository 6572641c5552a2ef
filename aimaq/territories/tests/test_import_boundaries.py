"""manage.py import_boundaries and the boundary service: GeoJSON and zipped shapefiles,
matching by code and by name, repairs, refusals, and the real 2024 adm1/adm2 files."""

import json
import re
import zipfile
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation
from pyogrio import raw as ogr
from shapely.geometry import Polygon, box, shape

from aimaq.territories.boundaries import import_boundaries
from aimaq.territories.boundary_names import clean_name, parse_fill_names
from aimaq.territories.demo import load_demo_territories
from aimaq.territories.kato_lists import load_territories
from aimaq.territories.models import Level, Territory
from aimaq.territories.names import normalise_name, strict_key
from aimaq.testing.data import SHARED_DATA, shared_data
from aimaq.testing.territories import TerritoryFactory, small_tree

pytestmark = pytest.mark.django_db

DATA = SHARED_DATA
ADM1 = DATA / "boundaries-2024" / "kaz_admbnda_adm1_2024.shp"
ADM2 = DATA / "boundaries-2024" / "kaz_admbnda_adm2_2024.shp"
KATO_FILE = DATA / "kato-2022" / "KATO_17.10.2022_ru.csv"
SOURCE = "geokz, A. Rodionov, data of the Bureau of National Statistics of Kazakhstan (CC BY 4.0)"
# A bow tie: valid as a ring of points, invalid as a polygon.
BOW_TIE = Polygon([(72.0, 50.0), (73.0, 51.0), (73.0, 50.0), (72.0, 51.0), (72.0, 50.0)])


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


def needs(path: Path) -> None:
    shared_data(str(path.relative_to(SHARED_DATA)))


def geojson(path: Path, features: list[tuple[dict, object]]) -> Path:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)}
            for props, geom in features
        ],
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def oblasts() -> dict[str, Territory]:
    tree = small_tree()
    tree["karaganda"].name_kk = "Қарағанды облысы"
    tree["karaganda"].save()
    tree["east"].name_kk = "Шығыс Қазақстан облысы"
    tree["east"].save()
    return tree


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_boundaries", str(path), *args, stdout=out)
    return out.getvalue()


def test_geojson_matched_by_code_stores_full_and_web_boundary_source_and_centre(tmp_path):
    tree = oblasts()
    path = geojson(
        tmp_path / "oblasts.geojson",
        [
            ({"KATO": "350000000"}, box(69.1234567, 46.1, 75.2, 51.3)),
            ({"KATO": 630000000}, box(78.0, 47.0, 87.3, 51.0)),  # a number, not a string
        ],
    )

    output = run(path, "--level", "oblast", "--source", SOURCE)

    karaganda = Territory.objects.get(pk=tree["karaganda"].pk)
    assert "matched 2, unmatched 0" in output and "Stored 2 boundaries" in output
    assert karaganda.boundary["type"] == "Polygon"
    assert [69.123457, 46.1] in karaganda.boundary["coordinates"][0]
    assert karaganda.boundary_web["type"] == "Polygon"
    assert karaganda.boundary_source == SOURCE
    assert shape(karaganda.boundary).contains(
        shapely.Point(karaganda.centre_lon, karaganda.centre_lat)
    )


def test_existing_centre_is_kept(tmp_path):
    tree = oblasts()
    Territory.objects.filter(pk=tree["karaganda"].pk).update(centre_lat=49.8, centre_lon=73.1)
    path = geojson(tmp_path / "k.geojson", [({"KATO": "350000000"}, box(69, 46, 75, 51))])

    import_boundaries(path, levels=[Level.OBLAST], skip_unmatched=True)

    karaganda = Territory.objects.get(pk=tree["karaganda"].pk)
    assert (karaganda.centre_lat, karaganda.centre_lon) == (49.8, 73.1)


def test_zipped_shapefile_without_cpg_reads_cyrillic_names_and_matches_by_name(tmp_path):
    oblasts()
    folder = tmp_path / "shp"
    folder.mkdir()
    ogr.write(
        str(folder / "oblasts.shp"),
        geometry=[box(69, 46, 75, 51).wkb, box(78, 47, 87, 51).wkb],
        field_data=[
            np.array(["Қарағанды", "Шығыс Қазақстан"], dtype=object),
        ],
        fields=["ADM1_KK"],
        geometry_type="Polygon",
        crs="EPSG:4326",
        encoding="UTF-8",
    )
    (folder / "oblasts.cpg").unlink(missing_ok=True)
    archive = tmp_path / "oblasts.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in folder.iterdir():
            bundle.write(part, part.name)

    report = import_boundaries(archive, levels=[Level.OBLAST], match="name")

    assert report.written, [str(u) for u in report.unmatched]
    assert {code for _n, code, _name in report.matched} == {"350000000", "630000000"}


def test_invalid_geometry_is_repaired_and_reported(tmp_path):
    tree = oblasts()
    path = geojson(tmp_path / "bowtie.geojson", [({"KATO": "350000000"}, BOW_TIE)])

    report = import_boundaries(path, levels=[Level.OBLAST])

    assert report.written and len(report.repaired) == 1
    assert "Self-intersection" in report.repaired[0]
    stored = shape(Territory.objects.get(pk=tree["karaganda"].pk).boundary)
    assert stored.is_valid and stored.geom_type == "MultiPolygon"


def test_line_geometry_is_refused_and_nothing_written(tmp_path):
    oblasts()
    line = shapely.LineString([(70, 47), (74, 50)])
    path = geojson(
        tmp_path / "line.geojson",
        [({"KATO": "350000000"}, line), ({"KATO": "630000000"}, box(78, 47, 87, 51))],
    )

    report = import_boundaries(path, levels=[Level.OBLAST])

    assert report.refused and "not a polygon" in report.refused_geometries[0]
    assert not Territory.objects.filter(boundary__isnull=False).exists()


def test_unmatched_feature_refuses_whole_file_naming_closest_candidates(tmp_path):
    oblasts()
    path = geojson(
        tmp_path / "mixed.geojson",
        [
            ({"KATO": "350000000", "ADM1_RU": "Карагандинская"}, box(69, 46, 75, 51)),
            ({"KATO": "390000000", "ADM1_RU": "Карагандинская обл"}, box(60, 49, 66, 54)),
        ],
    )
    out = StringIO()

    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_boundaries", str(path), "--level", "oblast", stdout=out)

    assert "feature 2 (KATO “390000000”" in out.getvalue()
    assert "no current territory has this KATO code" in out.getvalue()
    assert "Closest: Karaganda (350000000)" in out.getvalue()
    assert not Territory.objects.filter(boundary__isnull=False).exists()


def test_skip_unmatched_writes_the_matched_features(tmp_path):
    tree = oblasts()
    path = geojson(
        tmp_path / "mixed.geojson",
        [
            ({"KATO": "350000000"}, box(69, 46, 75, 51)),
            ({"KATO": "390000000"}, box(60, 49, 66, 54)),
        ],
    )

    output = run(path, "--level", "oblast", "--skip-unmatched")

    assert "Stored 1 boundaries" in output
    assert "630000000" in output  # East Kazakhstan is left without a boundary
    assert Territory.objects.get(pk=tree["karaganda"].pk).boundary is not None


def test_code_of_another_level_is_reported_not_matched(tmp_path):
    oblasts()
    path = geojson(tmp_path / "r.geojson", [({"KATO": "355200000"}, box(72, 49, 74, 51))])

    report = import_boundaries(path, levels=[Level.OBLAST])

    assert "level “rayon”" in report.unmatched[0].reason


def test_missing_code_field_is_refused_listing_the_fields(tmp_path):
    oblasts()
    path = geojson(tmp_path / "f.geojson", [({"code": "350000000"}, box(69, 46, 75, 51))])

    report = import_boundaries(path, levels=[Level.OBLAST])

    assert report.refused and "no field “KATO”" in report.file_errors[0]


def test_names_compare_across_latin_lookalikes_kazakh_letters_and_unit_words():
    assert normalise_name("Солтүстiк Қазақстан") == normalise_name("Солтүстік Қазақстан облысы")
    assert normalise_name("Северо–Казахстанская") == normalise_name("Северо-Казахстанская область")
    assert normalise_name("Алматы қаласы") == normalise_name("Алматы")
    assert strict_key("Алматы (қала)") == strict_key("город Алматы") != strict_key("Алматы")


def test_ambiguous_name_is_unmatched_listing_both_codes(tmp_path):
    kz = small_tree()["country"]
    for code in ("103200000", "153200000"):
        parent = TerritoryFactory(kato=f"{code[:2]}0000000", parent=kz)
        TerritoryFactory(kato=code, parent=parent, level=Level.RAYON, name_ru="Абайский район")
    path = geojson(tmp_path / "a.geojson", [({"ADM2_RU": "Абайский"}, box(72, 49, 74, 51))])

    report = import_boundaries(path, levels=[Level.RAYON], match="name")

    assert "103200000, 153200000" in report.unmatched[0].reason


# --- filling empty Kazakh and English names ----------------------------------------------


def russian_only_oblasts() -> dict[str, Territory]:
    """The small tree as a KATO list leaves it: Russian names only, but East Kazakhstan has
    an English name typed by an editor."""
    tree = small_tree()
    Territory.objects.filter(level=Level.OBLAST).update(name_kk="", name_en="")
    Territory.objects.filter(kato="630000000").update(name_en="East Kazakhstan Region")
    return tree


def trilingual(tmp_path: Path) -> Path:
    return geojson(
        tmp_path / "adm1.geojson",
        [
            (
                {
                    "KATO": "350000000",
                    "ADM1_EN": "Karagandy",
                    "ADM1_KK": " Қарағанды ",
                    "ADM1_RU": "Карагандинская",
                },
                box(69, 46, 75, 51),
            ),
            (
                {
                    "KATO": "630000000",
                    "ADM1_EN": "East Kazakhstan",
                    "ADM1_KK": "Шығыс Қазақстан",
                    "ADM1_RU": "Восточно-Казахстанская",
                },
                box(78, 47, 87, 51),
            ),
        ],
    )


def test_fill_names_fills_empty_kazakh_and_english_names_with_history(tmp_path):
    russian_only_oblasts()

    output = run(trilingual(tmp_path), "--level", "oblast", "--fill-names")

    karaganda = Territory.objects.current().get(kato="350000000")
    assert (karaganda.name_kk, karaganda.name_en) == ("Қарағанды", "Karagandy")
    assert karaganda.name_ru == "Карагандинская область"
    assert "names filled: kk 2, en 1" in output
    latest = karaganda.history.latest()
    assert latest.name_kk == "Қарағанды"
    assert latest.history_change_reason == "import_boundaries adm1.geojson"


def test_fill_names_never_replaces_a_stored_name(tmp_path):
    tree = oblasts()  # both have English names, Karaganda a Kazakh one

    report = import_boundaries(trilingual(tmp_path), levels=[Level.OBLAST], fill_names={})

    karaganda = Territory.objects.get(pk=tree["karaganda"].pk)
    east = Territory.objects.get(pk=tree["east"].pk)
    assert (karaganda.name_kk, karaganda.name_en) == ("Қарағанды облысы", "Karaganda")
    assert (east.name_kk, east.name_en) == ("Шығыс Қазақстан облысы", "East Kazakhstan")
    assert report.names_filled == {"en": 0, "kk": 0}


def test_fill_names_fixes_latin_letters_inside_kazakh_words(tmp_path):
    russian_only_oblasts()
    path = geojson(
        tmp_path / "north.geojson",
        [({"KATO": "350000000", "NAME_KK": "Солтүстiк Қазақстан"}, box(69, 46, 75, 51))],
    )

    run(path, "--level", "oblast", "--fill-names", "kk=NAME_KK")

    stored = Territory.objects.current().get(kato="350000000")
    assert stored.name_kk == "Солтүстік Қазақстан"  # і U+0456, not the Latin i
    assert "i" not in stored.name_kk and stored.name_en == ""
    assert clean_name("Astana (city)", "kk") == "Astana (city)"  # Latin words stay Latin
    assert clean_name("Semei", "en") == "Semei"


def test_fill_names_writes_nothing_when_the_file_is_refused(tmp_path):
    russian_only_oblasts()
    path = geojson(
        tmp_path / "bad.geojson",
        [
            ({"KATO": "350000000", "ADM1_KK": "Қарағанды"}, box(69, 46, 75, 51)),
            ({"KATO": "390000000", "ADM1_KK": "Қостанай"}, box(60, 49, 66, 54)),
        ],
    )

    with pytest.raises(CommandError, match="Nothing was written"):
        run(path, "--level", "oblast", "--fill-names")

    assert Territory.objects.current().get(kato="350000000").name_kk == ""


def test_fill_names_refuses_a_bad_mapping_or_a_file_without_name_fields(tmp_path):
    russian_only_oblasts()
    path = geojson(tmp_path / "k.geojson", [({"KATO": "350000000"}, box(69, 46, 75, 51))])

    with pytest.raises(CommandError, match="kk=FIELD,en=FIELD"):
        run(path, "--level", "oblast", "--fill-names", "ru=ADM1_RU")
    report = import_boundaries(path, levels=[Level.OBLAST], fill_names={})
    assert report.refused and "no Kazakh or English name field" in report.file_errors[0]
    report = import_boundaries(path, levels=[Level.OBLAST], fill_names={"kk": "ADM1_KK"})
    assert report.refused and "no field “ADM1_KK”" in report.file_errors[0]
    assert parse_fill_names("kk=ADM2_KK, en=ADM2_EN") == {"kk": "ADM2_KK", "en": "ADM2_EN"}


# --- the real files --------------------------------------------------------------------


@pytest.mark.slow
def test_real_adm1_matches_all_20_first_level_units_by_code():
    needs(ADM1)
    load_demo_territories()

    report = import_boundaries(ADM1, levels=[Level.OBLAST, Level.CITY_REPUBLICAN], source=SOURCE)

    assert report.written and len(report.matched) == 20 and not report.unmatched
    assert not report.left_without_boundary
    assert report.largest_web_bytes < 20_000  # small enough to send to a phone
    north = Territory.objects.current().get(kato="590000000")
    assert north.boundary_web["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.slow
def test_real_adm1_matches_all_20_by_name_despite_latin_i():
    needs(ADM1)
    load_demo_territories()

    report = import_boundaries(
        ADM1, levels=[Level.OBLAST, Level.CITY_REPUBLICAN], match="name", dry_run=True
    )

    assert len(report.matched) == 20, [str(u) for u in report.unmatched]


@pytest.mark.slow
def test_real_adm1_fills_kazakh_and_english_names_after_a_russian_only_kato_load():
    needs(ADM1)
    needs(KATO_FILE)
    load_territories(KATO_FILE)
    levels = [Level.OBLAST, Level.CITY_REPUBLICAN]

    output = run(ADM1, "--level", ",".join(levels), "--fill-names")

    assert "names filled: kk 20, en 20" in output
    units = Territory.objects.current().filter(level__in=levels)
    assert units.count() == 20
    assert all(t.name_kk and t.name_en for t in units)
    assert units.get(kato="590000000").name_kk == "Солтүстік Қазақстан"
    assert units.get(kato="350000000").name_ru == "Карагандинская область"
    assert not any(re.search(r"[a-z]", t.name_kk) for t in units)

    again = run(ADM1, "--level", ",".join(levels), "--fill-names")
    assert "names filled: kk 0, en 0" in again


@pytest.mark.slow
def test_real_adm2_reports_codes_that_differ_from_kato_2022():
    needs(ADM2)
    needs(KATO_FILE)
    load_territories(KATO_FILE)
    levels = [Level.RAYON, Level.CITY_OBLAST, Level.CITY_DISTRICT]

    refused = import_boundaries(ADM2, levels=levels)
    assert refused.refused and not Territory.objects.filter(boundary__isnull=False).exists()
    assert {u.feature.code for u in refused.unmatched} == {
        "101010000",  # Zhanasemey rayon (2022): KATO 2022 has г.Семей here
        "104500000",  # Makanchi rayon, new
        "191800000",  # Alatau city, new
        "622010000",  # Satpayev: KATO 2022 codes the city administration 622000000
        "711510000",  # Nura district of Astana, new
        "791910000",  # Turan district of Shymkent, new
    }
    assert ("615500000", "район Сауран") in refused.left_without_boundary

    written = import_boundaries(ADM2, levels=levels, skip_unmatched=True)
    assert written.written and len(written.matched) == 218
    assert Territory.objects.filter(boundary__isnull=False).count() == 218


def test_reimport_reads_no_stored_boundary_and_lists_units_still_without_one(tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    oblasts()
    Territory.objects.filter(kato="630000000").update(boundary={"type": "Point"})
    path = geojson(tmp_path / "k.geojson", [({"KATO": "350000000"}, box(69, 46, 75, 51))])

    with CaptureQueriesContext(connection) as queries:
        report = import_boundaries(path, levels=[Level.OBLAST], skip_unmatched=True)

    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    columns = " ".join(re.findall(r"SELECT (.*?) FROM ", " ".join(selects), flags=re.DOTALL))
    assert not re.search(r'"boundary(_web)?"', columns)
    assert report.written and report.left_without_boundary == []


def raw_geojson(path: Path, polygons: list[tuple[str, list]]) -> Path:
    """Features written as given, however broken (no shapely on the way)."""
    features = [
        {"type": "Feature", "properties": {"KATO": code},
         "geometry": {"type": "Polygon", "coordinates": rings}}
        for code, rings in polygons
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.mark.parametrize(
    ("rings", "said"),
    [
        ([[[70, 47], [74, 47], [74, 50], [70, 50]]], "cannot be read as a geometry"),
        ([[[70, 47], [1e308, 47], [1e308, 50], [70, 47]]], "coordinates off the globe"),
        ([[[70, 47], [500, 47], [500, 50], [70, 47]]], "longitude 70…500"),
    ],
    ids=["unclosed ring", "1e308", "longitude 500"],
)
def test_a_broken_or_off_the_globe_geometry_is_refused_with_a_message_not_a_traceback(
    tmp_path, rings, said
):
    oblasts()
    path = raw_geojson(tmp_path / "broken.geojson", [("350000000", rings)])

    report = import_boundaries(path, levels=[Level.OBLAST])

    assert report.refused and said in report.refused_geometries[0]
    assert not Territory.objects.filter(boundary__isnull=False).exists()


def test_a_shapefile_without_its_dbf_is_refused_saying_so(tmp_path):
    oblasts()
    ogr.write(
        str(tmp_path / "oblasts.shp"),
        geometry=[box(69, 46, 75, 51).wkb],
        field_data=[np.array(["350000000"], dtype=object)],
        fields=["KATO"],
        geometry_type="Polygon",
        crs="EPSG:4326",
    )
    (tmp_path / "oblasts.dbf").unlink()

    report = import_boundaries(tmp_path / "oblasts.shp", levels=[Level.OBLAST])

    assert report.refused and "without its .dbf file" in report.file_errors[0]


def test_the_report_of_refused_and_repaired_geometries_is_in_the_operators_language(tmp_path):
    oblasts()
    path = raw_geojson(
        tmp_path / "mixed.geojson",
        [("350000000", shapely.geometry.mapping(BOW_TIE)["coordinates"]),
         ("630000000", [[[78, 47], [500, 47], [500, 51], [78, 47]]])],
    )  # fmt: skip
    out = StringIO()
    with translation.override("ru"), pytest.raises(CommandError) as refused:
        call_command("import_boundaries", str(path), "--level", "oblast", stdout=out)
    output = out.getvalue() + str(refused.value)
    assert "Отклонённая геометрия" in output and "Исправленная геометрия" in output
    assert "Refused geometry" not in output and "Repaired geometry" not in output


def test_fill_names_refuses_a_name_another_level_bears_naming_both_units(tmp_path):
    """«Almaty» from an adm1 file must not become Almaty Region's English name while
    Almaty the city bears it: a bare «Almaty» in an import would then find the oblast."""
    russian_only_oblasts()
    kz = Territory.objects.current().get(kato="000000000")
    TerritoryFactory(kato="750000000", parent=kz, level=Level.CITY_REPUBLICAN, name_en="Almaty")
    path = geojson(
        tmp_path / "adm.geojson",
        [
            ({"KATO": "350000000", "NAME_EN": "  ALMATY "}, box(69, 46, 75, 51)),
            ({"KATO": "630000000", "NAME_EN": "Shygys"}, box(78, 47, 87, 51)),
        ],
    )

    output = run(path, "--level", "oblast", "--fill-names", "en=NAME_EN")

    karaganda = Territory.objects.current().get(kato="350000000")
    assert karaganda.name_en == ""  # refused, the rest of the file written
    assert karaganda.boundary is not None
    assert "Name not filled" in output
    line = next(x for x in output.splitlines() if "Name not filled" in x)
    assert "350000000" in line and "750000000" in line and "city of republican" in line
    assert "oblast" in line and "ALMATY" in line

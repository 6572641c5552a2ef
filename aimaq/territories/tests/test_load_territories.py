"""manage.py load_territories and the loading service: good files in each accepted form,
bad files refused whole with row and column, idempotent re-runs, and the real KATO list."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from aimaq.territories.kato import COUNTRY_CODE, is_consistent_child
from aimaq.territories.kato_lists import load_territories
from aimaq.territories.models import Level, Territory
from aimaq.testing.data import shared_data
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db


GOOD_ROWS = [
    ["code", "parent_code", "name_ru", "name_kk", "name_en", "level", "population"],
    [
        "350000000",
        "",
        "Карагандинская область",
        "Қарағанды облысы",
        "Karaganda Region",
        "",
        "1132000",
    ],
    ["355200000", "350000000", "Нуринский район", "Нұра ауданы", "Nura District", "", "24000"],
    ["355243000", "355200000", "Жараспайский с.о.", "", "", "", ""],
    ["355243100", "355243000", "с.Жараспай", "", "", "", "800"],
    ["355230000", "355200000", "п.а.Нура", "", "", "township", ""],
]


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


def write(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8") -> Path:
    text = "\n".join(delimiter.join(cells) for cells in rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for cells in rows:
        workbook.active.append(cells)
    workbook.save(path)
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("load_territories", str(path), *args, stdout=out)
    return out.getvalue()


def refused_output(path: Path, *args: str) -> str:
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("load_territories", str(path), *args, stdout=out)
    return out.getvalue()


# --- good files ------------------------------------------------------------------------


def test_comma_utf8_csv_loads_tree_with_levels_names_and_population(tmp_path):
    output = run(write(tmp_path / "units.csv", GOOD_ROWS))

    assert "Created: 6" in output  # five rows and the country root
    nura = Territory.objects.current().get(kato="355200000")
    assert (nura.level, nura.name_kk, nura.population) == (Level.RAYON, "Нұра ауданы", 24000)
    assert nura.parent.kato == "350000000"
    assert nura.parent.parent.kato == COUNTRY_CODE
    okrug = Territory.objects.get(kato="355243000")
    assert (okrug.level, okrug.name_ru) == (Level.RURAL_OKRUG, "Жараспайский сельский округ")
    assert Territory.objects.get(kato="355243100").level == Level.SETTLEMENT
    assert Territory.objects.get(kato="355230000").level == Level.TOWNSHIP


def test_semicolon_cp1251_csv_is_detected_and_loaded(tmp_path):
    rows = [[c for c in row[:3]] for row in GOOD_ROWS]  # Russian only: cp1251 has no ә, қ…
    path = write(tmp_path / "units.csv", rows, delimiter=";", encoding="cp1251")

    report = load_territories(path)

    assert not report.errors and report.created == 6
    assert Territory.objects.get(kato="350000000").name_ru == "Карагандинская область"


def test_xlsx_first_sheet_with_numeric_codes_loads(tmp_path):
    rows = [GOOD_ROWS[0]] + [
        [int(row[0]), int(row[1]) if row[1] else None, *row[2:6], int(row[6]) if row[6] else None]
        for row in GOOD_ROWS[1:]
    ]
    report = load_territories(write_xlsx(tmp_path / "units.xlsx", rows))

    assert not report.errors, report.errors
    assert Territory.objects.current().count() == 6
    assert Territory.objects.get(kato="350000000").population == 1132000


def test_statistics_office_layout_with_parent_by_id_loads(tmp_path):
    rows = [
        ["id", "parent_id", "code", "name"],
        ["1", "0", "350000000", "Карагандинская область"],
        ["2", "1", "355200000", "Нуринский район"],
        ["3", "2", "355230000", "п.а.Нура"],
    ]
    path = tmp_path / "kato.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(";".join(r) for r in rows).encode())

    report = load_territories(path)

    assert not report.errors
    assert Territory.objects.get(kato="355230000").parent.kato == "355200000"


def test_rerun_of_same_file_changes_nothing(tmp_path):
    path = write(tmp_path / "units.csv", GOOD_ROWS)
    load_territories(path)
    history_before = Territory.history.count()

    report = load_territories(path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert Territory.history.count() == history_before


def test_russian_only_file_keeps_stored_kazakh_and_english_names(tmp_path):
    tree = small_tree()
    tree["nura"].name_kk = "Нұра ауданы"
    tree["nura"].save()
    rows = [
        ["code", "parent_code", "name_ru"],
        ["355200000", "350000000", "Нуринский район (новое)"],
    ]

    report = load_territories(write(tmp_path / "ru.csv", rows))

    nura = Territory.objects.get(pk=tree["nura"].pk)
    assert report.updated == 1
    assert (nura.name_ru, nura.name_kk, nura.name_en) == (
        "Нуринский район (новое)",
        "Нұра ауданы",
        "Nura",
    )


def test_parent_already_in_database_is_accepted(tmp_path):
    small_tree()
    rows = [["code", "parent_code", "name_ru"], ["355249000", "355200000", "Акмешитский с.о."]]

    report = load_territories(write(tmp_path / "more.csv", rows))

    assert not report.errors and report.created == 1


def test_dry_run_counts_but_writes_nothing(tmp_path):
    output = run(write(tmp_path / "units.csv", GOOD_ROWS), "--dry-run")

    assert "Created: 6" in output and "Dry run" in output
    assert not Territory.objects.exists()


def test_valid_from_dates_new_units(tmp_path):
    run(write(tmp_path / "units.csv", GOOD_ROWS), "--valid-from", "2022-06-08")

    assert str(Territory.objects.get(kato="355200000").valid_from) == "2022-06-08"


# --- bad files -------------------------------------------------------------------------


def test_bytes_in_no_known_encoding_are_refused_naming_the_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"code,parent_code,name_ru\n350000000,,\x98\x81\x83\n")

    output = refused_output(path)

    assert "Row 2, column “name_ru”" in output and "UTF-8 or Windows-1251" in output
    assert not Territory.objects.exists()


def test_utf16_file_is_refused(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("code,parent_code,name_ru\n350000000,,Карагандинская\n".encode("utf-16"))

    report = load_territories(path)

    assert report.refused and "UTF-8" in str(report.errors[0])
    assert not Territory.objects.exists()


def test_missing_column_is_refused_naming_it(tmp_path):
    path = write(
        tmp_path / "units.csv", [["code", "name_ru"], ["350000000", "Карагандинская область"]]
    )

    output = refused_output(path)

    assert "Row 1, column “parent_code”" in output and "this column is missing" in output
    assert not Territory.objects.exists()


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\n  \n")

    assert "a header row and at least one row of values" in refused_output(path)


def test_duplicate_code_refuses_whole_file(tmp_path):
    small_tree()
    before = Territory.objects.count()
    rows = [*GOOD_ROWS, ["355243000", "355200000", "Другой с.о.", "", "", "", ""]]

    output = refused_output(write(tmp_path / "dup.csv", rows))

    assert (
        "Row 7, column “code”: found “355243000”, expected a code not given before "
        "(row 4 already has it)" in output
    )
    assert Territory.objects.count() == before


def test_unknown_parent_refuses_whole_file(tmp_path):
    rows = [*GOOD_ROWS, ["632400000", "630000000", "Какой-то район", "", "", "", ""]]

    output = refused_output(write(tmp_path / "orphan.csv", rows))

    assert "Row 7, column “parent_code”: found “630000000”, expected a parent that is" in output
    assert not Territory.objects.exists()


def test_code_outside_its_parents_code_is_refused(tmp_path):
    rows = [*GOOD_ROWS, ["391000000", "355200000", "Чужой район", "", "", "", ""]]

    output = refused_output(write(tmp_path / "misplaced.csv", rows))

    assert "Row 7, column “code”: found “391000000”" in output
    assert "a code under its parent's code 355200000" in output


def test_bad_population_and_level_are_refused_with_column(tmp_path):
    rows = [
        *GOOD_ROWS[:2],
        ["355200000", "350000000", "Нуринский район", "", "", "county", "много"],
    ]

    report = load_territories(write(tmp_path / "values.csv", rows))

    assert {(e.row, e.column) for e in report.errors} == {(3, "level"), (3, "population")}
    assert not Territory.objects.exists()


def test_skip_invalid_loads_the_rest_without_refused_rows_and_their_descendants(tmp_path):
    rows = [row[:] for row in GOOD_ROWS]
    rows[3][0] = "35524300X"  # the okrug: its village must go too

    output = run(write(tmp_path / "partly.csv", rows), "--skip-invalid")

    assert "Skipped (refused or below a refused row): 2 rows" in output
    assert set(Territory.objects.values_list("kato", flat=True)) == {
        COUNTRY_CODE,
        "350000000",
        "355200000",
        "355230000",
    }


def test_population_with_a_superscript_digit_is_refused_as_a_cell_error(tmp_path):
    rows = [*GOOD_ROWS[:2], ["355200000", "350000000", "Нуринский район", "", "", "", "5²"]]

    report = load_territories(write(tmp_path / "superscript.csv", rows))

    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "population", "5²")]
    assert not Territory.objects.exists()


def test_population_and_year_out_of_range_are_refused_with_column(tmp_path):
    rows = [
        ["code", "parent_code", "name_ru", "population", "population_year"],
        ["350000000", "", "Карагандинская область", "2147483648", "99999"],
        ["355200000", "350000000", "Нуринский район", "24000", "1800"],
        ["355300000", "350000000", "Абайский район", "2147483647", "2024"],
    ]

    report = load_territories(write(tmp_path / "ranges.csv", rows))

    assert {(e.row, e.column) for e in report.errors} == {
        (2, "population"),
        (2, "population_year"),
        (3, "population_year"),
    }
    assert "between 1897 and" in report.errors[1].expected
    assert not Territory.objects.exists()


def test_country_level_on_an_oblast_code_is_refused(tmp_path):
    rows = [row[:] for row in GOOD_ROWS[:2]]
    rows[1][5] = "country"

    report = load_territories(write(tmp_path / "second_country.csv", rows))

    assert [(e.row, e.column) for e in report.errors] == [(2, "level")]
    assert not Territory.objects.exists()


@pytest.mark.parametrize(
    ("row", "level"), [(2, "rayon"), (3, "oblast"), (4, "settlement"), (5, "rural_okrug")]
)
def test_level_that_does_not_fit_the_code_depth_is_refused(tmp_path, row, level):
    rows = [cells[:] for cells in GOOD_ROWS]
    rows[row - 1][5] = level

    report = load_territories(write(tmp_path / "levels.csv", rows))

    assert [(e.row, e.column) for e in report.errors] == [(row, "level")]
    assert not Territory.objects.exists()


# --- the real list ---------------------------------------------------------------------


@pytest.mark.slow
def test_real_kato_2022_list_loads_completely_and_reloads_unchanged():
    kato_file = shared_data("kato-2022", "KATO_17.10.2022_ru.csv")
    report = load_territories(kato_file)

    assert not report.errors
    assert report.rows_read == 16264 and report.created == 16265
    current = Territory.objects.current()
    assert current.count() == 16265
    assert current.filter(parent__kato=COUNTRY_CODE).count() == 20
    assert current.get(kato="355243000").name_ru == "Жараспайский сельский округ"
    assert current.get(kato="101000000").level == Level.CITY_OBLAST
    assert current.filter(level=Level.CITY_REPUBLICAN).count() == 3
    pairs = current.exclude(kato=COUNTRY_CODE).values_list("kato", "parent__kato")
    assert all(is_consistent_child(code, parent) for code, parent in pairs)
    assert report.quirks["nested_settlement"] > 0  # accepted, reported

    again = load_territories(kato_file)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16264)


def test_reload_reads_no_stored_boundary(tmp_path):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = write(tmp_path / "units.csv", GOOD_ROWS)
    load_territories(path)
    Territory.objects.update(boundary={"type": "Point"}, boundary_web={"type": "Point"})

    with CaptureQueriesContext(connection) as queries:
        report = load_territories(path)

    columns = " ".join(
        " ".join(re.findall(r"SELECT (.*?) FROM ", q["sql"], flags=re.DOTALL)) for q in queries
    )
    assert not re.search(r'"boundary(_web)?"', columns)
    assert report.unchanged == 5

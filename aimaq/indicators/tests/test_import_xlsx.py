"""XLSX imports: long and wide layouts, the first or a named sheet."""

import io

import pytest
from openpyxl import Workbook

from aimaq.indicators.models import ImportStatus, Observation
from aimaq.indicators.services import validate_file
from aimaq.indicators.tests.test_import_csv import do_import
from aimaq.testing.indicators import ANYWHERE, IndicatorFactory
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tree():
    territories = small_tree()
    IndicatorFactory(code="unemployment")
    return territories


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WIDE = [
    ["indicator", "kato", 2020, 2021, 2022],
    ["unemployment", "350000000", 5.0, 4.9, 4.4],
    ["unemployment", 355200000, 6, None, "-"],
]
LONG = [["indicator", "kato", "year", "value"], ["unemployment", "350000000", 2022, 4.4]]


def test_wide_sheet_with_numeric_years_and_codes(tree):
    run = do_import(workbook({"Data": WIDE}), name="data.xlsx")
    assert run.status == ImportStatus.DONE, run.errors
    assert (run.new, run.skipped) == (4, 2)
    assert Observation.objects.get(territory=tree["nura"]).period == "2020"


def test_named_sheet_is_read_and_first_sheet_by_default(tree):
    data = workbook({"Notes": [["read me"], ["nothing here"]], "Long": LONG})
    assert do_import(data, name="data.xlsx", sheet="Long").status == ImportStatus.DONE
    first = validate_file(data, file_name="data.xlsx", options=ANYWHERE)
    assert first.is_refused  # the first sheet has no usable columns
    assert first.errors[0].row == 1 and first.errors[0].column == "header"


def test_wrong_sheet_is_refused_naming_the_sheets(tree):
    run = do_import(workbook({"Long": LONG}), name="data.xlsx", sheet="Sheet9")
    assert run.status == ImportStatus.REFUSED
    error = run.errors[0]
    assert (error["row"], error["column"], error["value"]) == (0, "sheet", "Sheet9")
    assert "Long" in error["expected"]
    assert Observation.objects.count() == 0


def test_text_in_a_number_cell_names_the_excel_row_and_year_column(tree):
    rows = [*WIDE, ["unemployment", "355243000", 1, "n/k", 2]]
    run = do_import(workbook({"Data": rows}), name="data.xlsx")
    assert run.status == ImportStatus.REFUSED
    assert [(e["row"], e["column"], e["value"]) for e in run.errors] == [(4, "2021", "n/k")]
    assert Observation.objects.count() == 0


def test_not_a_workbook_is_refused(tree):
    run = do_import(b"PK\x03\x04 not really", name="data.xlsx")
    assert run.status == ImportStatus.REFUSED and run.errors[0]["row"] == 0

"""The export helpers: text a spreadsheet would run is neutralised, everything else kept."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from aimaq.core.exports import append_row, attachment, csv_bytes, safe_cell, xlsx_bytes


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-1, -0.5, 0, 3.25, Decimal("-2.50"), date(2024, 1, 1)])
def test_numbers_and_dates_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_ordinary_text_and_empty_cells_are_kept():
    assert safe_cell("Нура = Nura") == "Нура = Nura"
    assert safe_cell(None) == ""


def test_csv_has_a_bom_and_writes_every_cell_through_the_rule():
    data = csv_bytes([["name", "value"], ["=cmd", -1.5]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["name", "value"], ["'=cmd", "-1.5"]]


def test_xlsx_rows_keep_text_as_text_and_drop_what_xml_cannot_hold():
    workbook = Workbook()
    append_row(workbook.active, ["=1+1", "bell\x07", None, -2])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(workbook))).active
    assert [c.value for c in sheet[1]] == ["=1+1", "bell", None, -2]
    assert sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    assert sheet["D1"].data_type == "n"


def test_a_download_name_cannot_break_its_header():
    response = attachment(b"x", file_name='a"; evil=1\r\n.csv', content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="a-evil-1-.csv"'


def test_a_sheet_title_from_a_request_is_one_excel_accepts():
    from aimaq.core.exports import sheet_title

    assert sheet_title("2021/22 [Q1]: *?") == "2021-22 -Q1- -"
    assert sheet_title("", default="values") == "values"
    assert len(sheet_title("x" * 40)) == 31


def test_an_xlsx_export_is_titled_in_its_document_properties():
    workbook = Workbook()
    append_row(workbook.active, ["Сравнение территорий «Нура» & <Осакаровка>"])
    append_row(workbook.active, ["Период", "2023"])

    properties = load_workbook(io.BytesIO(xlsx_bytes(workbook))).properties

    assert properties.title == "Сравнение территорий «Нура» & <Осакаровка>"
    assert properties.creator == "Aimaq"

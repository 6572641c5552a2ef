"""Spreadsheet exports that cannot carry a formula (OWASP "CSV injection").

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by Excel and LibreOffice. Text from people (a territory name, an import's cell value) may
start that way, so every export writes through these helpers:
- CSV: such text gets a leading apostrophe, which spreadsheets show as text;
- XLSX: text is stored as text (never as a formula cell), with Excel's "quote prefix" style,
  so it is shown exactly as typed and stays text when the cell is edited.
Numbers, dates and empty cells pass unchanged: numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]+")


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would read this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: text a spreadsheet would read as a formula gets a leading
    apostrophe; None becomes ""; numbers and everything else pass unchanged."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows (the header first) as CSV text, every cell through `safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel reads Kazakh and Russian text right."""
    return ("\ufeff" + csv_text(rows)).encode("utf-8")


def append_row(sheet: Worksheet, row: Sequence[Any]) -> None:
    """Append a row to an openpyxl sheet with every text stored as text, never a formula
    (characters XML cannot hold are dropped rather than failing the whole file)."""
    sheet.append([_xlsx_value(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if is_formula_like(cell.value):
                cell.quotePrefix = True


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def sheet_title(text: str, *, default: str = "Sheet") -> str:
    """A worksheet title Excel accepts: without []:*?/\\, at most 31 characters."""
    title = _SHEET_TITLE.sub("-", ILLEGAL_CHARACTERS_RE.sub("", text)).strip("'")[:31]
    return title or default


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(content: bytes | str, *, file_name: str, content_type: str) -> HttpResponse:
    """A download response; the file name is reduced to letters, digits, dot, dash and
    underscore, so no request value can break the header."""
    name = _FILE_NAME.sub("-", file_name).strip("-.") or "download"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(rows: Iterable[Sequence[Any]], *, file_name: str) -> HttpResponse:
    """A CSV download (UTF-8 with BOM) of rows written through `safe_cell`."""
    return attachment(csv_bytes(rows), file_name=file_name, content_type=CSV_CONTENT_TYPE)


def xlsx_response(workbook: Workbook, *, file_name: str) -> HttpResponse:
    """An XLSX download of a workbook whose rows were written with `append_row`."""
    return attachment(xlsx_bytes(workbook), file_name=file_name, content_type=XLSX_CONTENT_TYPE)

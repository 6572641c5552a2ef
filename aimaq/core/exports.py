"""Spreadsheet exports that cannot carry a formula (OWASP "CSV injection").

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by Excel and LibreOffice. Text from people (a territory name, an import's cell value) may
start that way, so every export writes through these helpers:
- CSV: such text gets a leading apostrophe, which spreadsheets show as text;
- XLSX: text is stored as text (never as a formula cell), with Excel's "quote prefix" style,
  so it is shown exactly as typed and stays text when the cell is edited.
Numbers, dates and empty cells pass unchanged: numbers stay numbers.

CSV follows the reader's language (`csv_dialect`): ";" between cells and the decimal comma
for Kazakh and Russian, as their Excel reads it; "," and the point for English. Every table
export starts with an `ExportHeader`: title, indicator and unit, period, territory, source,
the day it was drawn and, for demo figures, a demo marker."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.translation import get_language

if TYPE_CHECKING:  # openpyxl is imported where a sheet is written: every process starts faster
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]+")
# The control characters XML 1.0 cannot hold (what openpyxl refuses to write).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


@dataclass(frozen=True)
class CsvDialect:
    """How a spreadsheet in the reader's language reads CSV: Kazakh and Russian Excel
    split on ";" and read "5,3" as a number; English Excel splits on "," and reads "5.3"."""

    delimiter: str = ","
    decimal: str = "."


# Languages whose spreadsheets use the decimal comma (and so the semicolon between cells).
DECIMAL_COMMA_LANGUAGES = frozenset({"kk", "ru"})


def csv_dialect(language: str | None) -> CsvDialect:
    """The CSV dialect for a reader of `language` (the active one when None)."""
    language = (language or get_language() or "").split("-")[0]
    return CsvDialect(";", ",") if language in DECIMAL_COMMA_LANGUAGES else CsvDialect()


def number_text(value: float | int | Decimal, decimal: str = ".") -> str:
    """A number as its shortest plain text (no exponent, no trailing ".0"), with `decimal`
    as the decimal mark: 5.3 → "5,3", 1234567.0 → "1234567"."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(float(value))), "f") if isinstance(value, float) else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def csv_text(rows: Iterable[Sequence[Any]], dialect: CsvDialect | None = None) -> str:
    """Rows (the header first) as CSV text, every cell through `safe_cell`; numbers written
    with the dialect's decimal mark."""
    dialect = dialect or CsvDialect()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.delimiter)
    for row in rows:
        writer.writerow([_csv_value(value, dialect) for value in row])
    return out.getvalue()


def _csv_value(value: Any, dialect: CsvDialect) -> Any:
    if isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, float | Decimal) or (isinstance(value, int) and dialect.decimal != "."):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return number_text(value, dialect.decimal)
    return safe_cell(value)


def csv_bytes(rows: Iterable[Sequence[Any]], dialect: CsvDialect | None = None) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel reads Kazakh and Russian text right."""
    return ("\ufeff" + csv_text(rows, dialect)).encode("utf-8")


# --- what an export says about itself ------------------------------------------------------


@dataclass(frozen=True)
class ExportHeader:
    """The lines that head a table export so it can go into a report as it is: a title and
    (label, text) facts — indicator with unit, period, territory, source, the day it was
    drawn, a demo marker."""

    title: str
    facts: Sequence[tuple[str, str]] = ()

    def rows(self) -> list[list[str]]:
        """The header as rows of a CSV (title, then "label", "text"), ending in a blank row."""
        return [[self.title], *[[label, text] for label, text in self.facts], []]

    def write(self, sheet: Worksheet) -> int:
        """Writes the header at the top of an openpyxl sheet (title bold and large) and
        returns the number of rows it took, the blank row after it included."""
        from openpyxl.styles import Font

        append_row(sheet, [self.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=14)
        for label, text in self.facts:
            append_row(sheet, [label, text])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([])
        return len(self.facts) + 2


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
        return _XML_ILLEGAL.sub("", value)
    return value


def sheet_title(text: str, *, default: str = "Sheet") -> str:
    """A worksheet title Excel accepts: without []:*?/\\, at most 31 characters."""
    title = _SHEET_TITLE.sub("-", _XML_ILLEGAL.sub("", text)).strip("'")[:31]
    return title or default


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file. Its document title (what a file manager,
    a search or "Properties" show) is the export's title, the first sheet's first cell, and
    it says it was made by Aimaq rather than by openpyxl."""
    first = workbook.worksheets[0]["A1"].value if workbook.worksheets else None
    if not workbook.properties.title and isinstance(first, str):
        workbook.properties.title = first[:255]
    workbook.properties.creator = "Aimaq"
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


def csv_response(
    rows: Iterable[Sequence[Any]], *, file_name: str, dialect: CsvDialect | None = None
) -> HttpResponse:
    """A CSV download (UTF-8 with BOM) of rows written through `safe_cell`."""
    return attachment(csv_bytes(rows, dialect), file_name=file_name, content_type=CSV_CONTENT_TYPE)


def xlsx_response(workbook: Workbook, *, file_name: str) -> HttpResponse:
    """An XLSX download of a workbook whose rows were written with `append_row`."""
    return attachment(xlsx_bytes(workbook), file_name=file_name, content_type=XLSX_CONTENT_TYPE)

"""The comparison table as a spreadsheet (XLSX) or as CSV that Excel opens with Cyrillic
intact; both written through `aimaq.core.exports`, so no cell can carry a formula."""

from __future__ import annotations

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from aimaq.core.exports import append_row, csv_bytes, sheet_title, xlsx_bytes

from .selectors import ComparisonTable


def _header(table: ComparisonTable) -> list[str]:
    header = ["KATO", gettext("Territory")]
    for indicator in table.indicators:
        unit = f" ({indicator.unit})" if indicator.unit else ""
        header.append(f"{indicator.name}{unit} [{indicator.code}]")
    return header


def _rows(table: ComparisonTable) -> list[list]:
    rows = []
    for territory, cells in table.rows():
        row: list = [territory.kato, territory.name]
        for indicator, cell in zip(table.indicators, cells, strict=True):
            row.append(
                None
                if cell is None or cell.value is None
                else round(cell.value, indicator.decimals)
            )
        rows.append(row)
    return rows


def comparison_csv(table: ComparisonTable) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads Kazakh and Russian names right."""
    return csv_bytes([_header(table), *_rows(table)])


def comparison_xlsx(table: ComparisonTable) -> bytes:
    """One sheet named after the period: bold header, figures as numbers in the indicator's
    decimals, names as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(table.period or "", default="values")
    append_row(sheet, _header(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(table):
        append_row(sheet, row)
    for column, indicator in enumerate(table.indicators, start=3):
        number_format = "#,##0" + ("." + "0" * indicator.decimals if indicator.decimals else "")
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 32
    for column in range(3, len(table.indicators) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = "C2"
    return xlsx_bytes(workbook)

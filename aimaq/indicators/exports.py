"""The comparison table as a spreadsheet (XLSX) or as CSV that Excel opens with Cyrillic intact."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header(table))
    for row in _rows(table):
        writer.writerow(["" if value is None else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def comparison_xlsx(table: ComparisonTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (table.period or "values")[:31]
    sheet.append(_header(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(table):
        sheet.append(row)
    for column, indicator in enumerate(table.indicators, start=3):
        number_format = "#,##0" + ("." + "0" * indicator.decimals if indicator.decimals else "")
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 32
    for column in range(3, len(table.indicators) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

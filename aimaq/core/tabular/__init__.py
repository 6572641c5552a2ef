"""Tabular files for every import: one reader (CSV in UTF-8 or Windows-1251 with any
delimiter, XLSX streamed), one `RowError`, one report shape, the limits every import is held
to, and the flow "check the whole file → preview → confirm → write whole in the background"
(`flow`).

    with open_table(TabularSource("list.csv", path=path)) as table:
        for row, cells in table.rows():   # row numbers as a spreadsheet shows them
            ...
"""

from .cells import cell_text, number_sql, parse_number, parse_whole_number
from .errors import MAX_ERRORS, FileRefused, RowError, TabularReport, errors_csv
from .limits import Limits
from .reading import check_upload_size, open_table
from .source import TabularSource
from .table import Table, unique_names

__all__ = [
    "MAX_ERRORS",
    "FileRefused",
    "Limits",
    "RowError",
    "Table",
    "TabularReport",
    "TabularSource",
    "cell_text",
    "check_upload_size",
    "errors_csv",
    "number_sql",
    "open_table",
    "parse_number",
    "parse_whole_number",
    "unique_names",
]

"""Files → raw rows: a KATO list as CSV or XLSX, read by core's tabular reader (any delimiter,
UTF-8 or Windows-1251, the import limits), with its header normalised and each row numbered
as a spreadsheet shows it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from aimaq.core.tabular import FileRefused, RowError, TabularSource, open_table

NAME_COLUMNS = ("name_kk", "name_ru", "name_en")
HEADER_ALIASES = {"name": "name_ru", "kato": "code", "код": "code"}

__all__ = ["NAME_COLUMNS", "FileRefused", "RowError", "Table", "read_table"]


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    by_id: bool  # the statistics office's id;parent_id layout


def read_table(path: Path) -> Table:
    """The header (normalised) and the rows of a CSV or XLSX file, each with its row number
    as a spreadsheet shows it (the header is row 1). Raises FileRefused."""
    with open_table(TabularSource(path.name, path=path)) as table:
        header = [_header_name(cell) for cell in table.header]
        rows = [
            (number, dict(zip(header, cells + [""] * len(header), strict=False)))
            for number, cells in table.rows()
        ]
    if not rows:
        raise FileRefused(RowError(2, _("all columns"), "", _("at least one row under the header")))
    result = Table(header=header, rows=rows, by_id="id" in header and "parent_id" in header)
    _check_columns(result)
    return result


def _header_name(cell: str) -> str:
    name = cell.strip().lower()
    return HEADER_ALIASES.get(name, name)


def _check_columns(table: Table) -> None:
    required = ["id", "parent_id", "code"] if table.by_id else ["code", "parent_code"]
    missing = [column for column in required if column not in table.header]
    if not any(column in table.header for column in NAME_COLUMNS):
        missing.append("name_ru")
    if missing:
        expected = ", ".join(required + ["name_ru|name_kk|name_en"])
        raise FileRefused(
            RowError(
                1,
                missing[0],
                "",
                _("a header with the columns %(columns)s (this column is missing)")
                % {"columns": expected},
            )
        )

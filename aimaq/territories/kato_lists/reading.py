"""Files → raw rows: a KATO list as CSV (UTF-8 or Windows-1251; comma, semicolon or tab) or
XLSX (first sheet), with its header normalised and each row numbered as a spreadsheet shows it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

NAME_COLUMNS = ("name_kk", "name_ru", "name_en")
HEADER_ALIASES = {"name": "name_ru", "kato": "code", "код": "code"}

# Windows-1251 characters a Russian or Kazakh list may well contain; other characters of
# its 0x80–0xBF block (Ђ, Ѓ, ‰, Љ…) mean the bytes were not Windows-1251 text after all.
_CP1251_PLAUSIBLE = set("«»–—№ёЁ“”„’‘…•ІіЇїЄєҐґ°±·\u00a0")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RowError:
    """One refused value: where it is, what it was, and what was expected."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column “%(column)s”, value “%(value)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class TableError(Exception):
    """The file as a whole cannot be read (empty, not text, missing column)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    by_id: bool  # the statistics office's id;parent_id layout


def read_table(path: Path) -> Table:
    """The header (normalised) and the rows of a CSV or XLSX file, each with its row number
    as a spreadsheet shows it (the header is row 1). Raises TableError."""
    data = path.read_bytes()
    if not data.strip():
        raise _empty_file()
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        raw_rows = _xlsx_rows(data)
    else:
        raw_rows = _csv_rows(decode_text(data))
    raw_rows = [(number, cells) for number, cells in raw_rows if any(c.strip() for c in cells)]
    if not raw_rows:
        raise _empty_file()
    (_number, header_cells), body = raw_rows[0], raw_rows[1:]
    header = [_header_name(cell) for cell in header_cells]
    if not body:
        raise TableError(RowError(2, "", "", _("The file has a header but no rows.")))
    rows = [
        (number, dict(zip(header, cells + [""] * len(header), strict=False)))
        for number, cells in body
    ]
    table = Table(header=header, rows=rows, by_id="id" in header and "parent_id" in header)
    _check_columns(table)
    return table


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1251 text; TableError when it is neither."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" not in data:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        else:
            if _plausible_cp1251(text):
                return text
    row = data[:first_bad].count(b"\n") + 1
    raise TableError(
        RowError(
            row,
            "",
            data[first_bad : first_bad + 8].hex(" "),
            _("The file is neither UTF-8 nor Windows-1251 text; save it as “CSV UTF-8”."),
        )
    )


def _empty_file() -> TableError:
    return TableError(RowError(1, "", "", _("The file is empty.")))


def _plausible_cp1251(text: str) -> bool:
    if _CONTROL.search(text):
        return False
    odd = [c for c in text if "\u0080" <= c <= "\u04ff" and not _is_letter_or_plausible(c)]
    return not odd


def _is_letter_or_plausible(char: str) -> bool:
    return "\u0410" <= char <= "\u044f" or char in _CP1251_PLAUSIBLE


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, [cell.strip() for cell in cells]))
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(
            RowError(1, "", "", _("Not a readable XLSX workbook (%(error)s).") % {"error": exc})
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_name(cell: str) -> str:
    name = cell.strip().lstrip("\ufeff").strip().lower()
    return HEADER_ALIASES.get(name, name)


def _check_columns(table: Table) -> None:
    required = ["id", "parent_id", "code"] if table.by_id else ["code", "parent_code"]
    missing = [column for column in required if column not in table.header]
    if not any(column in table.header for column in NAME_COLUMNS):
        missing.append("name_ru")
    if missing:
        expected = ", ".join(required + ["name_ru|name_kk|name_en"])
        raise TableError(
            RowError(
                1, missing[0], "", _("missing column; expected %(cols)s.") % {"cols": expected}
            )
        )

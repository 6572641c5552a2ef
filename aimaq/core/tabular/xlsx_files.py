"""XLSX: the workbook's zip checked for its unpacked size and compression ratio before it is
opened, then the sheet streamed row by row by openpyxl in read-only mode."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from django.utils.translation import gettext as _

from .cells import cell_text
from .errors import FileRefused, RowError
from .limits import Limits, megabytes
from .source import TabularSource
from .table import Table, no_rows, unique_names

# The most rows a spreadsheet program writes in one sheet: more is a crafted file.
EXCEL_ROWS = 1_048_576


class XlsxTable(Table):
    """The first sheet of a workbook, or the one named `sheet`."""

    file_format = "xlsx"

    def __init__(self, source: TabularSource, *, sheet: str = "", limits: Limits) -> None:
        super().__init__(replace(limits, rows=min(limits.rows, EXCEL_ROWS - 1)))
        from openpyxl import load_workbook

        self._stream: BinaryIO | None = source.open()
        stream = self._stream
        try:
            check_zip(stream, source.file_name, self.limits)
            stream.seek(0)
            self._workbook = load_workbook(stream, read_only=True, data_only=True)
        except FileRefused:
            self.close()
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
            self.close()
            raise FileRefused(
                RowError(0, _("file"), source.file_name, _("an Excel .xlsx workbook"))
            ) from exc
        self.sheet_names = list(self._workbook.sheetnames)
        if sheet and sheet not in self.sheet_names:
            self.close()
            raise FileRefused(
                RowError(
                    0,
                    _("sheet"),
                    sheet,
                    _("one of the workbook's sheets: %(names)s")
                    % {"names": ", ".join(self.sheet_names)},
                )
            )
        worksheet = self._workbook[sheet] if sheet else self._workbook.worksheets[0]
        self._records = self._read_records(worksheet)
        for number, cells in self._records:
            if any(cells):
                width = len(cells)
                while width and not cells[width - 1]:
                    width -= 1
                self.header_row = number
                self.header = unique_names(cells[:width])
                break
        else:
            self.close()
            raise FileRefused(no_rows())

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Rows as wide as the header: padded with empty cells, empty cells past it dropped
        (cells with values past it stay, for the reader to refuse)."""
        width = len(self.header)
        for number, cells in self._checked(self._records):
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            elif len(cells) > width:
                end = len(cells)
                while end > width and not cells[end - 1]:
                    end -= 1
                cells = cells[:end]
            yield number, cells

    def close(self) -> None:
        workbook = getattr(self, "_workbook", None)
        if workbook is not None:
            workbook.close()
            self._workbook = None
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _read_records(self, worksheet) -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]


def check_zip(stream: BinaryIO, file_name: str, limits: Limits) -> None:
    """Refuses a zip (an XLSX is one) whose members would unpack beyond the size limit, or
    whose compression ratio only a crafted file reaches, before anything is unpacked. The
    sizes are the archive's own: Python's zip reader stops at them, so a lying archive
    fails its check instead of unpacking more."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as exc:
        raise FileRefused(RowError(0, _("file"), file_name, _("an Excel .xlsx workbook"))) from exc
    with archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members) or 1
    if unpacked > limits.unpacked_bytes:
        raise FileRefused(
            RowError(
                0,
                _("file"),
                _("%(size)s unpacked") % {"size": megabytes(unpacked)},
                _("a workbook of at most %(size)s once unpacked; split it into several files")
                % {"size": megabytes(limits.unpacked_bytes)},
            )
        )
    ratio = unpacked / packed
    if unpacked > 1024 * 1024 and ratio > limits.unpacked_ratio:
        raise FileRefused(
            RowError(
                0,
                _("file"),
                _("compressed %(ratio)s times") % {"ratio": int(ratio)},
                _(
                    "a workbook compressed at most %(limit)s times, as spreadsheet programs write them"
                )
                % {"limit": int(limits.unpacked_ratio)},
            )
        )

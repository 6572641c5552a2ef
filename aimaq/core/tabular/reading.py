"""Opening a tabular file: CSV or XLSX by its name (or an XLSX by its first bytes), held to
the import limits, as a `Table` of text cells."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .csv_files import CsvTable
from .errors import FileRefused, RowError
from .limits import Limits, megabytes
from .source import TabularSource
from .table import Table
from .xlsx_files import XlsxTable

CSV_EXTENSIONS = ("csv", "txt", "tsv", "")
XLSX_EXTENSIONS = ("xlsx", "xlsm")


def open_table(
    source: TabularSource,
    *,
    sheet: str = "",
    encoding: str = "",
    limits: Limits | None = None,
    check_size: bool = False,
) -> Table:
    """The file as a Table (close it, or use `with`). FileRefused says where and why a file
    cannot be read: not CSV or XLSX, not text, an unknown sheet, or beyond a limit.
    `check_size` also holds the file to the upload size limit."""
    limits = limits or Limits.from_settings()
    if check_size:
        check_upload_size(source.size, limits)
    extension = source.extension
    if extension in XLSX_EXTENSIONS or source.head(4) == b"PK\x03\x04":
        return XlsxTable(source, sheet=sheet, limits=limits)
    if extension in CSV_EXTENSIONS:
        return CsvTable(source, encoding=encoding, limits=limits)
    raise FileRefused(RowError(0, _("file name"), source.file_name, _("a .csv or .xlsx file")))


def check_upload_size(size: int, limits: Limits | None = None) -> None:
    """FileRefused when a file of `size` bytes is larger than an upload may be."""
    limits = limits or Limits.from_settings()
    if size > limits.upload_bytes:
        raise FileRefused(upload_too_large(size, limits))


def upload_too_large(size: int, limits: Limits) -> RowError:
    return RowError(
        0,
        _("file"),
        megabytes(size),
        _("a file of at most %(size)s; split it into several files")
        % {"size": megabytes(limits.upload_bytes)},
    )

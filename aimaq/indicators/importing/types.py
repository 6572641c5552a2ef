"""What an import is asked to do and what it found: plain data passed between the steps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from aimaq.core.exports import csv_text

LAYOUTS = ("auto", "long", "wide")
MATCHES = ("auto", "code", "name")
# Stored errors are capped so a file that is wrong everywhere does not fill the database;
# `ImportPreview.error_count` still counts them all.
MAX_ERRORS = 1000
# The observations table's columns an import writes, in the order it writes them.
STORED_COLUMNS = (
    "indicator_id", "territory_id", "period", "disaggregation", "value", "status", "source",
    "import_run_id",
)  # fmt: skip


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file. Every field has a safe default; the CLI flags map one to one."""

    indicator: str = ""  # indicator code for files without an indicator column
    layout: str = "auto"  # long: one value per row; wide: periods as columns
    sheet: str = ""  # XLSX sheet name; the first sheet when empty
    match: str = "auto"  # how the territory column is read: KATO code, name, or by its look
    encoding: str = ""  # CSV: "utf-8" or "cp1251"; detected when empty
    status: str = "final"  # status of values when the file has no status column
    source: str = ""  # source recorded on each value when the file has no source column
    # KATO prefixes of the subtrees whose figures the person may change; rows for any other
    # territory are refused. Empty: no restriction (the CLI, superusers). "" is the country.
    scope: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict | None) -> ImportOptions:
        known = {
            name: value for name, value in (data or {}).items() if name in cls.__dataclass_fields__
        }
        values = {name: value or "" for name, value in known.items() if name != "scope"}
        scope = known.get("scope") or ()
        if isinstance(scope, str):
            scope = (scope,)
        return cls(**values, scope=tuple(str(prefix) for prefix in scope))

    def as_dict(self) -> dict:
        data = asdict(self)
        data["scope"] = list(self.scope)
        return data

    def in_scope(self, kato: str) -> bool:
        return not self.scope or any(kato.startswith(prefix) for prefix in self.scope)


@dataclass
class ImportSource:
    """A file to import: its name (which tells the format) and its bytes or path."""

    file_name: str
    data: bytes | None = None
    path: Path | None = None
    options: ImportOptions = field(default_factory=ImportOptions)

    @property
    def extension(self) -> str:
        return Path(self.file_name).suffix.lower().lstrip(".")

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return Path(self.path).read_bytes()


@dataclass(frozen=True)
class RowError:
    """One problem: the file row (the header is row 1; 0 is the file as a whole), the
    column as headed in the file, the value found and what was expected instead."""

    row: int
    column: str
    value: str
    expected: str

    def message(self) -> str:
        if self.row == 0:
            return _("File: column “%(column)s”: found “%(value)s”, expected %(expected)s.") % {
                "column": self.column,
                "value": self.value,
                "expected": self.expected,
            }
        return _("Row %(row)s, column “%(column)s”: found “%(value)s”, expected %(expected)s.") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
        }

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ImportPreview:
    """What an import would do, found with nothing written."""

    file_name: str
    file_format: str
    rows_total: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    refused: int = 0
    skipped: int = 0  # empty cells and missing-value marks ("", "-", "..", "x")
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)

    @property
    def is_refused(self) -> bool:
        return self.refused > 0 or self.error_count > 0 or self.rows_total == 0

    @property
    def accepted(self) -> int:
        return self.new + self.changed + self.unchanged

    def summary(self) -> str:
        return _(
            "%(total)s rows: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
            "%(refused)s refused, %(skipped)s empty."
        ) % {
            "total": self.rows_total,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "skipped": self.skipped,
        }


def errors_csv(errors: list[RowError] | list[dict], *, more: int = 0) -> str:
    """The error report users download: one line per error, with the message spelled out.
    Cells are written through `safe_cell`, so a value from the file cannot become a formula."""
    rows: list[list] = [["row", "column", "value", "expected", "message"]]
    for error in errors:
        if isinstance(error, dict):
            error = RowError(**error)
        rows.append([error.row, error.column, error.value, error.expected, error.message()])
    if more > 0:
        rows.append(["", "", "", "", _("… and %(count)s more errors.") % {"count": more}])
    return csv_text(rows)

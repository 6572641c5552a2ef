"""What a check of a file found: one `RowError` per problem and one report shape (counts, the
first errors, the error CSV people download)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from aimaq.core.exports import csv_text

# Errors kept in a report: a file that is wrong everywhere must not fill the database or a
# page; `error_count` still counts them all.
MAX_ERRORS = 1000


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

    def __str__(self) -> str:
        return self.message()

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RowError:
        return cls(
            row=int(data.get("row") or 0),
            column=str(data.get("column", "")),
            value=str(data.get("value", "")),
            expected=str(data.get("expected", "")),
        )


class FileRefused(Exception):
    """The file cannot be read (or goes beyond a limit); `errors` say where and why."""

    def __init__(self, errors: list[RowError] | RowError):
        errors = [errors] if isinstance(errors, RowError) else list(errors)
        super().__init__(errors[0].message() if errors else "")
        self.errors = errors


@dataclass
class TabularReport:
    """Counts by name (in the order a page shows them), the first MAX_ERRORS errors, and how
    many there were in all. `refused`: rows refused; nothing is written while it is > 0."""

    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    refused: int = 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)

    def add_errors(self, errors: list[RowError]) -> None:
        for error in errors:
            self.add_error(error)

    @property
    def is_refused(self) -> bool:
        return self.error_count > 0 or self.refused > 0 or self.rows == 0

    @property
    def more_errors(self) -> int:
        return max(0, self.error_count - len(self.errors))

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "counts": dict(self.counts),
            "errors": [error.as_dict() for error in self.errors],
            "error_count": self.error_count,
            "refused": self.refused,
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> TabularReport:
        data = data or {}
        return cls(
            rows=int(data.get("rows", 0)),
            counts={str(k): int(v) for k, v in (data.get("counts") or {}).items()},
            errors=[RowError.from_dict(error) for error in data.get("errors") or []],
            error_count=int(data.get("error_count", 0)),
            refused=int(data.get("refused", 0)),
        )

    def errors_csv(self) -> str:
        return errors_csv(self.errors, more=self.more_errors)


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

"""The shape every reader gives: a header and rows of text cells, numbered as a spreadsheet
shows them (the header is row 1 when it is the first line), read lazily."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from .errors import FileRefused, RowError
from .limits import Limits


class Table:
    """A header and rows of text cells. `rows()` streams them, skipping empty rows and
    refusing (FileRefused) a row count or a cell length beyond the limits as soon as it is
    met. Use it as a context manager, or call `close()`."""

    file_format = ""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.header: list[str] = []
        self.header_row = 0

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- the checks every reader applies -----------------------------------------------------

    def _checked(self, records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        count = 0
        longest = self.limits.cell_chars
        for number, cells in records:
            if not any(cells):
                continue
            count += 1
            if count > self.limits.rows:
                raise FileRefused(too_many_rows(number, self.limits.rows))
            for index, cell in enumerate(cells):
                if len(cell) > longest:
                    raise FileRefused(cell_too_long(number, self.column_name(index), cell, longest))
            yield number, cells

    def column_name(self, index: int) -> str:
        return self.header[index] if index < len(self.header) else str(index + 1)


def unique_names(names: list[str]) -> list[str]:
    """Header names trimmed, a BOM dropped; an empty one named "column N", a repeated one
    "name (2)", so every column has a name of its own."""
    seen: dict[str, int] = {}
    out = []
    for index, name in enumerate(names):
        name = (name or "").lstrip("\ufeff").strip() or _("column %(number)s") % {
            "number": index + 1
        }
        if name.lower() in seen or name == "_row":
            seen[name.lower()] = seen.get(name.lower(), 1) + 1
            name = f"{name} ({seen[name.lower()]})"
        seen.setdefault(name.lower(), 1)
        out.append(name)
    return out


def no_rows() -> RowError:
    return RowError(1, _("header"), "", _("a header row and at least one row of values"))


def too_many_rows(row: int, limit: int) -> RowError:
    return RowError(
        row,
        _("all columns"),
        _("more than %(count)s rows") % {"count": f"{limit:,}".replace(",", " ")},
        _("at most %(count)s rows in one file; split it into several files")
        % {"count": f"{limit:,}".replace(",", " ")},
    )


def cell_too_long(row: int, column: str, cell: str, limit: int) -> RowError:
    return RowError(
        row,
        column,
        cell[:40] + "…",
        _("a cell of at most %(count)s characters (this one has %(found)s)")
        % {"count": limit, "found": len(cell)},
    )

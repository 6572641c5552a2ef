"""Checking every row of a file and comparing it with the database, with nothing written.

The rows sit in DuckDB (in memory); each distinct indicator code, territory, period,
disaggregation and status is checked once in Python (so 12 million rows cost the checks of a
few thousand distinct cells) and joined back; numbers are parsed in SQL. Every format and
every size of file goes through this one path, so a small upload and a national load obey
the same rules.

The steps: `readers` reads the file into a table of text cells, `staging` lays it out one
value per row, `checks` checks every value and lists the errors, and `staging` puts each accepted row
beside what the database holds for its key.

The result, `Checked`, keeps the DuckDB relation `staged` of accepted rows with what the
database holds for each key, for `writing.write` to use.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import duckdb
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.tabular import Limits

from .checks import check_cells, checked_table, count_errors, dimension_spellings
from .columns import assign_roles
from .readers import FileRefused, read_raw
from .staging import count_changes, first_changes, long_table, stage
from .types import MAX_ERRORS, ImportPreview, ImportSource, RowError

__all__ = ["Checked", "check", "validate"]

logger = logging.getLogger("aimaq.indicators.importing")


class _Clock:
    """Phase durations, logged at DEBUG level (benchmarks/indicators_import.py shows them)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        logger.debug("import: %s in %.2f s", label, now - self.last)
        self.last = now


@dataclass
class Checked:
    con: duckdb.DuckDBPyConnection
    preview: ImportPreview
    # When the stored values were read: a write lands only if no other import wrote values
    # of the same indicators since (see writing.py).
    read_at: datetime | None = None


@contextmanager
def validate(
    source: ImportSource, progress: Callable[[int], None] | None = None
) -> Iterator[Checked]:
    """The file checked whole (`Checked`); its DuckDB connection is closed on leaving.
    DuckDB works within the import's memory limit, spilling to a temporary folder beyond it."""
    memory = Limits.from_settings().work_memory_bytes
    with tempfile.TemporaryDirectory(prefix="aimaq-check-") as spill:
        con = duckdb.connect(
            config={"memory_limit": f"{memory // (1024 * 1024)}MB", "temp_directory": spill}
        )
        try:
            yield check(con, source, progress)
        finally:
            con.close()


def check(
    con: duckdb.DuckDBPyConnection,
    source: ImportSource,
    progress: Callable[[int], None] | None = None,
) -> Checked:
    """Every row of `source` checked in `con`, with the preview's counts and errors;
    `staged` holds the accepted rows beside the stored ones (the file is written only when
    nothing is wrong)."""
    preview = ImportPreview(file_name=source.file_name, file_format=source.extension or "csv")
    started = time.perf_counter()
    try:
        raw = read_raw(con, source, progress)
        logger.debug("import: file read in %.2f s", time.perf_counter() - started)
        preview.file_format = raw.file_format
        preview.rows_total = raw.rows
        if raw.errors:
            raise FileRefused(raw.errors)
        if raw.rows == 0:
            raise FileRefused([RowError(2, _("all columns"), "", _("at least one row of values"))])
        preview.columns = list(raw.columns)
        dimensions = dimension_spellings()
        roles = assign_roles(raw.columns, source.options, set(dimensions))
        preview.roles = roles.as_dict()
    except FileRefused as refusal:
        preview.errors = refusal.errors[:MAX_ERRORS]
        preview.error_count = len(refusal.errors)
        preview.refused = len({error.row for error in refusal.errors if error.row > 1})
        return Checked(con, preview)
    clock = _Clock()
    long_table(con, roles, source)
    clock.lap("long table")
    if progress:
        progress(raw.rows)
    indicators, preview.matches = check_cells(con, source, dimensions)
    clock.lap("distinct cells checked")
    checked_table(con)
    clock.lap("joined and errors found")
    count_errors(con, preview, roles.wide)
    preview.indicators = sorted(code for code, _id in indicators)
    # Rows without errors are compared with the database even when others have some: the
    # preview tells what the file would change once its errors are put right.
    read_at = timezone.now()
    preview.skip_invalid = source.options.skip_invalid
    stage(con, [pk for _code, pk in indicators], first_of_each_key=preview.skip_invalid)
    clock.lap("compared with the database")
    count_changes(con, preview)
    preview.changes = first_changes(con)
    return Checked(con, preview, read_at)

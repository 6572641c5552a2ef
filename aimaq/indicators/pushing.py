"""Observations pushed by a program through the API (DHIS2's `dataValueSets` is the model):
a file, or JSON rows turned into the same CSV a person could upload, through the same
import service — the same checks, errors and scope as the web import, written whole or not
at all.

Synchronous or queued: every push is checked in the request (a dry run stops there). A set
whose file is at most `AIMAQ_API_SYNC_IMPORT_BYTES` (1 MB by default, some 25,000 CSV rows)
is then written in the request too, and the answer says what landed. A larger one is kept
on an import run and written by the background worker; the answer is 202 with the run's
status URL.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from aimaq.core.permissions import TerritoryScope
from aimaq.core.tabular.flow import confirm_import

from .models import ImportRun, ImportStatus
from .permissions import CHANGE
from .services import (
    ImportOptions,
    ImportPreview,
    ImportSource,
    RowError,
    create_import_run,
    run_import,
    validate_file,
)

SYNC_IMPORT_BYTES = 1_000_000
JSON_COLUMNS = ("indicator", "territory", "period", "value")
OPTIONAL_COLUMNS = ("status", "source", "disaggregation")
JSON_FILE_NAME = "observations.json.csv"


@dataclass
class PushResult:
    """What became of a push: `checked` (dry run), `done`, `queued`, or `refused` /
    `failed` with the errors (nothing written)."""

    outcome: str
    preview: ImportPreview
    run: ImportRun | None = None
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0


def push_scope(person: Any) -> TerritoryScope:
    """Where `person` may change figures (everywhere for a superuser); a person who may
    change no figures is refused here."""
    scope = TerritoryScope.of(person, CHANGE)
    if scope.is_empty:
        raise PermissionDenied(_("You may not change figures of any territory."))
    return scope


def rows_as_csv(rows: list[dict[str, Any]]) -> bytes:
    """JSON rows as the long CSV the import reads: one row per value, in the same order
    (JSON row n is CSV row n + 1). Optional columns only when some row fills them."""
    columns = [*JSON_COLUMNS, *(c for c in OPTIONAL_COLUMNS if any(row.get(c) for row in rows))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Plain digits: the import reads "1e+20" as no number.
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text and value == value else text
    return str(value)


def push_observations(
    person: Any,
    *,
    data: bytes,
    file_name: str,
    options: dict[str, Any],
    dry_run: bool = False,
    json_rows: bool = False,
) -> PushResult:
    """Checks every row of the file against the database and the person's scope; unless it
    is a dry run or refused, writes it all (in the request, or queued when large)."""
    scope = push_scope(person)
    import_options = ImportOptions.from_dict({**options, "scope": scope})
    preview = validate_file(data, file_name=file_name, options=import_options)
    if preview.is_refused:
        errors = preview.errors
        if not errors and preview.rows_total == 0:
            errors = [RowError(0, _("rows"), "0", _("at least one value"))]
        return PushResult(
            "refused",
            preview,
            errors=_as_json_rows(errors) if json_rows else errors,
            error_count=max(preview.error_count, len(errors)),
        )
    if dry_run:
        return PushResult("checked", preview)
    source = ImportSource(file_name=file_name, data=data, options=import_options)
    run = create_import_run(source, by=person, preview=preview)
    if len(data) > getattr(settings, "AIMAQ_API_SYNC_IMPORT_BYTES", SYNC_IMPORT_BYTES):
        # The write job computes the person's scope again when it runs.
        confirm_import(run, by=person)
        return PushResult("queued", preview, run)
    run = run_import(run, by=person)
    if run.status == ImportStatus.DONE:
        return PushResult("done", preview, run)
    # The database changed between the check and the write (or the write failed): nothing
    # was written; the run's errors say why.
    errors = [RowError(**error) for error in run.errors]
    return PushResult(
        str(run.status),
        preview,
        run,
        errors=_as_json_rows(errors) if json_rows else errors,
        error_count=max(run.error_count or 0, len(errors)),
    )


def _as_json_rows(errors: list[RowError]) -> list[RowError]:
    """CSV rows (header = 1) back to positions in the JSON list (first row = 1)."""
    return [
        RowError(max(error.row - 1, 0), error.column, error.value, error.expected)
        for error in errors
    ]

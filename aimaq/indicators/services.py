"""Writes of the evidence base: importing observations (validated whole, written whole).

The steps, each its own module in `importing/`: read the file into a table of text cells
(`readers`), check every row and compare it with what the database holds (`validation`),
then write all of it in one transaction or nothing (`writing`). A preview runs the first
two; an import runs all three again, so what lands matches the database at that moment.

Progress: `ImportRun.status` moves validating → writing → done (or refused/failed), each
step committed on its own; `rows_done` counts the rows read and checked, committed while the
file is read, and equals `rows_total` once the write transaction has committed. The write
itself is one transaction: on SQLite no other connection can see (or record) progress inside
it, so the page shows "writing…" for that step rather than a number that would be a guess.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from aimaq.territories.models import Territory

from .importing.types import (
    MAX_ERRORS,
    ImportOptions,
    ImportPreview,
    ImportSource,
    RowError,
    errors_csv,
)
from .models import STALLED_AFTER, ImportRun, ImportStatus, Indicator, this_process

logger = logging.getLogger(__name__)

__all__ = [
    "ImportOptions",
    "ImportPreview",
    "ImportSource",
    "RowError",
    "create_import_run",
    "error_report_csv",
    "preview_import",
    "run_import",
    "start_import_task",
    "validate_file",
]


def preview_import(source: ImportSource) -> ImportPreview:
    """Reads and checks the whole file against the database; writes nothing."""
    from .importing.validation import validate

    with validate(source) as checked:
        return checked.preview


def validate_file(
    path_or_bytes: str | Path | bytes,
    *,
    file_name: str = "",
    options: ImportOptions | dict | None = None,
) -> ImportPreview:
    """`preview_import` for a path or the bytes of an upload."""
    return preview_import(_source(path_or_bytes, file_name=file_name, options=options))


def create_import_run(
    source: ImportSource, *, by=None, preview: ImportPreview | None = None
) -> ImportRun:
    """Records an uploaded file as an import waiting for confirmation (status `preview`,
    or `refused` when the preview found errors). The bytes are stored with the run."""
    from django.core.files.base import ContentFile

    preview = preview or preview_import(source)
    run = ImportRun(
        created_by=by,
        file_name=source.file_name,
        file_format=preview.file_format,
        options=source.options.as_dict(),
        status=ImportStatus.REFUSED if preview.is_refused else ImportStatus.PREVIEW,
    )
    _record_counts(run, preview)
    run.file.save(Path(source.file_name).name, ContentFile(source.read_bytes()), save=False)
    run.save()
    return run


def run_import(import_run: ImportRun, *, by=None, source: ImportSource | None = None) -> ImportRun:
    """Checks the run's file again and writes every row of it in one transaction, or none.

    Returns the run with its final status: `done`, or `refused` (errors found, nothing
    written) or `failed` (an unexpected error, nothing written). `source` lets the CLI pass
    the file it already has instead of the stored copy; the run's stored options (the
    territories the person may change among them) are the ones checked.
    """
    from .importing.validation import validate
    from .importing.writing import foreign_keys_relaxed, write

    if import_run.status in (ImportStatus.DONE, ImportStatus.WRITING, ImportStatus.VALIDATING):
        return import_run  # confirmed twice, or already running: nothing more to do
    source = source or _stored_source(import_run)
    if import_run.options:
        # The options the preview was checked with, scope included, hold again at write time.
        source = replace(source, options=ImportOptions.from_dict(import_run.options))
    if by is not None and import_run.created_by_id is None:
        _set(import_run, created_by=by)
    _set(import_run, status=ImportStatus.VALIDATING, rows_done=0, worker=this_process())
    try:
        with validate(source, progress=lambda done: _set(import_run, rows_done=done)) as checked:
            preview = checked.preview
            _record_counts(import_run, preview)
            if preview.is_refused:
                import_run.status = ImportStatus.REFUSED
                import_run.finished_at = timezone.now()
                import_run.save()
                return import_run
            _set(import_run, status=ImportStatus.WRITING)
            with foreign_keys_relaxed(preview.new), transaction.atomic():
                write(checked, import_run)
                import_run.focus = _focus(checked.con)
                import_run.status = ImportStatus.DONE
                import_run.rows_done = preview.rows_total
                import_run.finished_at = timezone.now()
                import_run.save()
    except Exception as exc:
        logger.exception("Import %s failed", import_run.pk)
        import_run.status = ImportStatus.FAILED
        import_run.finished_at = timezone.now()
        import_run.errors = [RowError(0, "", type(exc).__name__, str(exc)[:500]).as_dict()]
        import_run.save()
    return import_run


def start_import_task(import_run_id: int) -> str:
    """Queues `run_import` for the background worker; returns the task result id."""
    from .tasks import import_observations_task

    ImportRun.objects.filter(pk=import_run_id).update(
        status=ImportStatus.QUEUED, updated_at=timezone.now()
    )
    result = import_observations_task.enqueue(import_run_id)
    return str(result.id)


def restart_stalled_import(import_run: ImportRun) -> bool:
    """Queues again a run whose worker died mid-way (nothing of it was written: the write is
    one transaction). One UPDATE decides, so a double click restarts it once."""
    import_run.refresh_from_db()
    if not import_run.is_stalled:
        return False
    restarted = ImportRun.objects.filter(
        pk=import_run.pk,
        status__in=(ImportStatus.VALIDATING, ImportStatus.WRITING),
        updated_at__lt=timezone.now() - STALLED_AFTER,
    ).update(status=ImportStatus.QUEUED, rows_done=0, updated_at=timezone.now())
    if restarted:
        transaction.on_commit(lambda: start_import_task(import_run.pk))
    return bool(restarted)


def error_report_csv(import_run: ImportRun | ImportPreview) -> str:
    """The errors of a run (or a preview) as CSV: row, column, value, expected, message."""
    if isinstance(import_run, ImportPreview):
        return errors_csv(import_run.errors, more=import_run.error_count - len(import_run.errors))
    more = max(0, (import_run.error_count or 0) - len(import_run.errors))
    return errors_csv(import_run.errors, more=more)


def _source(path_or_bytes, *, file_name: str, options) -> ImportSource:
    if not isinstance(options, ImportOptions):
        options = ImportOptions.from_dict(options)
    if isinstance(path_or_bytes, bytes | bytearray):
        return ImportSource(
            file_name=file_name or "upload.csv", data=bytes(path_or_bytes), options=options
        )
    path = Path(path_or_bytes)
    return ImportSource(file_name=file_name or path.name, path=path, options=options)


def _stored_source(run: ImportRun) -> ImportSource:
    with run.file.open("rb") as handle:
        data = handle.read()
    return ImportSource(
        file_name=run.file_name, data=data, options=ImportOptions.from_dict(run.options)
    )


def _record_counts(run: ImportRun, preview: ImportPreview) -> None:
    run.file_format = preview.file_format
    run.rows_total = preview.rows_total
    run.new = preview.new
    run.changed = preview.changed
    run.unchanged = preview.unchanged
    run.refused = preview.refused
    run.skipped = preview.skipped
    run.error_count = preview.error_count
    run.errors = [error.as_dict() for error in preview.errors[:MAX_ERRORS]]


def _focus(con) -> dict:
    """Where the values written show best: the latest period written, one of its indicators
    and the parent of one of its territories (the map the import page links to)."""
    row = con.execute(
        "SELECT indicator_id, territory_id, period FROM staged WHERE kind <> 'unchanged' "
        "ORDER BY period DESC, indicator_id, territory_id LIMIT 1"
    ).fetchone()
    if row is None:
        return {}
    indicator_id, territory_id, period = row
    unit = Territory.objects.select_related("parent").get(pk=territory_id)
    return {
        "indicator": Indicator.objects.values_list("code", flat=True).get(pk=indicator_id),
        "parent": (unit.parent or unit).kato,
        "period": period,
    }


def _set(run: ImportRun, **fields) -> None:
    """Saves progress fields on their own, committed at once when no transaction is open."""
    fields["updated_at"] = timezone.now()
    for name, value in fields.items():
        setattr(run, name, value)
    if run.pk:
        ImportRun.objects.filter(pk=run.pk).update(**fields)

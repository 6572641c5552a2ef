"""Writes of the evidence base: importing observations (validated whole, written whole).

The steps, each its own module in `importing/`: read the file into a table of text cells
(`readers`), check every row and compare it with what the database holds (`validation`),
then write all of it in one transaction or nothing (`writing`). A preview runs the first
two; an import runs all three again, so what lands matches the database at that moment.

From the web, an import follows core's import flow (`aimaq.core.tabular.flow`, with
`importing.web.ObservationImporter`): the upload stores the file and queues the check as a
background job; the confirmation queues the write as another. The command line and the demo
run the same steps in their own process (`create_import_run`, `run_import`), recorded as
jobs too. A job's progress counts the rows read and checked; the write itself is one
transaction: on SQLite no other connection can see (or record) progress inside it, so the
page says "writing the values" for that step rather than a number that would be a guess.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.jobs import Job, JobRefused, JobStatus, fail_job, finish_job, start_inline_job
from aimaq.core.permissions import TerritoryScope
from aimaq.core.tabular.flow import (
    CHECK_JOB,
    WRITE_JOB,
    confirm_import,
    job_params,
    refusal_message,
    restart_import,
    start_check,
    summary,
)
from aimaq.territories.models import Territory

from .approvals import record_written
from .importing.types import (
    MAX_ERRORS,
    ImportOptions,
    ImportPreview,
    ImportSource,
    RowError,
    errors_csv,
)
from .models import ImportRun, Indicator
from .permissions import CHANGE

__all__ = [
    "ImportOptions",
    "ImportPreview",
    "ImportSource",
    "RowError",
    "check_import_run",
    "confirm_import",
    "create_import_run",
    "declare_indicator",
    "error_report_csv",
    "import_scope",
    "preview_import",
    "restart_stalled_import",
    "run_import",
    "start_import_check",
    "validate_file",
    "write_import_run",
]

COUNT_FIELDS = [
    "file_format", "rows_total", "new", "changed", "unchanged", "refused", "skipped",
    "error_count", "errors", "indicators", "matches", "columns", "roles", "changes", "left_out",
]  # fmt: skip


def declare_indicator(code: str, **definition: object) -> Indicator:
    """The indicator `code`, created from `definition` (names, unit, theme, aggregation …)
    the first time an app that feeds it declares it; one that exists is returned as it
    stands, so an editor's later changes to it are kept."""
    indicator, _created = Indicator.objects.get_or_create(code=code, defaults=definition)
    return indicator


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


def import_scope(user) -> TerritoryScope:
    """Where `user` may change figures, computed from their roles now (everywhere for a
    superuser, nowhere for a person without a grant): rows anywhere else are refused."""
    return TerritoryScope.of(user, CHANGE)


# --- the web: core's import flow -----------------------------------------------------------


def start_import_check(upload: File, *, options: dict, by) -> ImportRun:
    """Keeps an uploaded file on a new ImportRun and queues its check (a background job);
    the scope of the person is stored with the options and checked again when it writes."""
    run = start_check(ImportRun, upload, by=by, options=options)
    assert isinstance(run, ImportRun)
    return run


def recheck_import(
    run: ImportRun, *, names: dict[str, str], columns: dict[str, str], by
) -> ImportRun:
    """The run's kept file checked again as a new run, with the person's choices: which unit
    a territory name means (`names`: name → KATO code) and which column plays which part
    (`columns`: role → header). The first run stays as it was (never written)."""
    if not run.file:
        raise ValueError("a run without its file cannot be checked again")
    options = {key: value for key, value in (run.options or {}).items() if key != "scope"}
    options["names"] = {**options.get("names", {}), **names}
    options["columns"] = columns
    with run.file.open("rb") as kept:
        return start_import_check(kept, options=options, by=by)


def check_import_run(run: ImportRun, job: Job, source: ImportSource | None = None) -> ImportPreview:
    """The check of a kept file: every row read and compared with the database, the counts
    and first errors kept on the run, nothing else written."""
    from .importing.validation import validate

    source = _with_run_options(run, source or _stored_source(run))
    job.report(done=0, total=0, message=_("Reading and checking the file"))
    with validate(source, progress=lambda done: job.report(done=done)) as checked:
        preview = checked.preview
    _record_counts(run, preview)
    ImportRun.objects.filter(pk=run.pk).update(
        **{name: getattr(run, name) for name in COUNT_FIELDS}
    )
    job.report(done=preview.rows_total, total=preview.rows_total, message=_("Checked"))
    return preview


def write_import_run(run: ImportRun, job: Job, source: ImportSource | None = None) -> ImportPreview:
    """Checks the run's file again with its stored options (the scope among them) and writes
    every row of it in one transaction, or none when anything is refused. If another import
    wrote values of the same indicators while this one was being prepared, it is checked
    and prepared once more (a second such clash refuses it, nothing written)."""
    from .importing.writing import WrittenMeanwhile

    source = _with_run_options(run, source or _stored_source(run))
    for attempt in range(2):
        try:
            return _check_and_write(run, job, source, again=attempt > 0)
        except WrittenMeanwhile:
            continue
    raise JobRefused(
        _(
            "Other imports kept writing values of the same indicators while this file was "
            "being written. Nothing of it was written; run it again."
        )
    )


def _check_and_write(
    run: ImportRun, job: Job, source: ImportSource, *, again: bool
) -> ImportPreview:
    from .importing.validation import validate
    from .importing.writing import foreign_keys_relaxed, prepared_write

    message = _("Checking the file again") if not again else _("Checking the file once more")
    job.report(done=0, total=run.rows_total, message=message)
    with validate(source, progress=lambda done: job.report(done=done)) as checked:
        preview = checked.preview
        _record_counts(run, preview)
        if preview.is_refused:
            ImportRun.objects.filter(pk=run.pk).update(
                **{name: getattr(run, name) for name in COUNT_FIELDS}
            )
            return preview
        job.report(
            done=preview.rows_total, total=preview.rows_total, message=_("Writing the values")
        )
        run.focus = _focus(checked.con)
        # The rows are made ready first with the site's database free for others; the write
        # itself is one short transaction (see importing/writing.py).
        with (
            prepared_write(checked, run) as write,
            foreign_keys_relaxed(preview.new),
            transaction.atomic(),
        ):
            counts = write()
            ImportRun.objects.filter(pk=run.pk).update(
                focus=run.focus,
                written_at=run.written_at,
                **{name: getattr(run, name) for name in COUNT_FIELDS},
            )
            # Publication (an editor's figures await a manager's approval) and the data
            # version: approvals.py, in the same transaction.
            record_written(run, **_written(checked.con, counts))
    return preview


# --- in this process: the command line, the demo, tests ------------------------------------


def create_import_run(
    source: ImportSource, *, by=None, preview: ImportPreview | None = None
) -> ImportRun:
    """Records a file as an import waiting for confirmation, checked here and now (its
    check job done, or refused when the check found errors). The file is kept with the run."""
    run = ImportRun(created_by=by, file_name=source.file_name, options=source.options.as_dict())
    name = Path(source.file_name).name
    if source.data is not None:
        run.file.save(name, ContentFile(source.data), save=False)
    else:
        assert source.path is not None
        with open(source.path, "rb") as handle:
            run.file.save(name, File(handle), save=False)
    run.save()
    job = start_inline_job(CHECK_JOB, by=by, params=job_params(run))
    ImportRun.objects.filter(pk=run.pk).update(check_job=job)
    run.check_job = job
    try:
        if preview is None:
            preview = check_import_run(run, job, source)
        else:
            _record_counts(run, preview)
            ImportRun.objects.filter(pk=run.pk).update(
                **{name: getattr(run, name) for name in COUNT_FIELDS}
            )
    except Exception as exc:
        fail_job(job, exc)
        raise
    report = preview.as_report()
    if report.is_refused:
        finish_job(job, JobStatus.REFUSED, error=refusal_message(report))
    else:
        finish_job(job, JobStatus.DONE, result=summary(report))
    return run


def run_import(import_run: ImportRun, *, by=None, source: ImportSource | None = None) -> ImportRun:
    """Checks the run's file again and writes every row of it in one transaction, or none,
    in this process, recorded as the run's write job.

    Returns the run with its final status: `done`, or `refused` (errors found, nothing
    written) or `failed` (an unexpected error, nothing written). `source` lets the command
    line pass the file it has instead of a stored copy; the run's stored options (the
    territories the person may change among them) are the ones checked. A run already
    written, or being written, is left as it is.
    """
    current = import_run.write_job
    if current is not None and current.status in (
        JobStatus.DONE,
        JobStatus.QUEUED,
        JobStatus.RUNNING,
    ):
        return import_run  # confirmed twice, or already running: nothing more to do
    if by is not None and import_run.created_by_id is None:
        import_run.created_by = by
        ImportRun.objects.filter(pk=import_run.pk).update(created_by=by)
    job = start_inline_job(WRITE_JOB, by=import_run.created_by, params=job_params(import_run))
    ImportRun.objects.filter(pk=import_run.pk).update(
        write_job=job, confirmed_at=Coalesce("confirmed_at", timezone.now())
    )
    import_run.write_job = job
    try:
        preview = write_import_run(import_run, job, source)
    except JobRefused as refusal:
        finish_job(job, JobStatus.REFUSED, error=refusal.message)
        return import_run
    except Exception as exc:
        import_run.errors = [RowError(0, "", type(exc).__name__, str(exc)[:500]).as_dict()]
        ImportRun.objects.filter(pk=import_run.pk).update(errors=import_run.errors)
        fail_job(job, exc)
        return import_run
    report = preview.as_report()
    if report.is_refused:
        finish_job(job, JobStatus.REFUSED, error=refusal_message(report))
    else:
        finish_job(job, JobStatus.DONE, result=summary(report))
    return import_run


def restart_stalled_import(import_run: ImportRun) -> bool:
    """Runs again the check or write whose worker died mid-way (nothing of it was written:
    the write is one transaction), from the kept file. One UPDATE decides, so a double click
    restarts it once; a run from the command line keeps no file and is not restarted."""
    return restart_import(import_run)


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
    stored = run.stored_source()
    return ImportSource(
        file_name=run.file_name,
        data=stored.data,
        path=stored.path,
        options=ImportOptions.from_dict(run.options),
    )


def _with_run_options(run: ImportRun, source: ImportSource) -> ImportSource:
    """The options the preview was checked with, scope included, hold again at write time."""
    if run.options:
        return replace(source, options=ImportOptions.from_dict(run.options))
    return source


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
    run.indicators = list(preview.indicators)
    run.matches = list(preview.matches)
    run.columns = list(preview.columns)
    run.roles = dict(preview.roles)
    run.changes = list(preview.changes)
    run.left_out = preview.left_out


def _written(con, counts: dict[str, int]) -> dict:
    """What the write changed: its territories, its indicators, how many figures."""
    changed = "FROM staged WHERE kind <> 'unchanged'"
    return {
        "territory_ids": [
            r[0] for r in con.execute(f"SELECT DISTINCT territory_id {changed}").fetchall()
        ],
        "indicator_ids": [
            r[0] for r in con.execute(f"SELECT DISTINCT indicator_id {changed}").fetchall()
        ],
        "figures": counts.get("new", 0) + counts.get("changed", 0),
    }


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

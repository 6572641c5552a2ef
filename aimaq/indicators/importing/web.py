"""The observation import in core's import flow: what the background check and write jobs
do with an ImportRun (see `aimaq.core.tabular.flow`)."""

from __future__ import annotations

from aimaq.core.jobs import Job
from aimaq.core.tabular import TabularReport, TabularSource

from ..models import ImportRun
from .types import ImportOptions, ImportSource


class ObservationImporter:
    """The flow's Importer for files of observations (CSV, XLSX, SDMX)."""

    def scope(self, user) -> dict:
        from ..services import import_scope

        return import_scope(user).as_json()

    def check(self, record: ImportRun, source: TabularSource, job: Job) -> TabularReport:
        from ..services import check_import_run

        return check_import_run(record, job, _import_source(record, source)).as_report()

    def write(self, record: ImportRun, source: TabularSource, job: Job) -> TabularReport:
        from ..services import write_import_run

        return write_import_run(record, job, _import_source(record, source)).as_report()


def _import_source(record: ImportRun, source: TabularSource) -> ImportSource:
    return ImportSource(
        file_name=record.file_name,
        data=source.data,
        path=source.path,
        options=ImportOptions.from_dict(record.options),
    )

"""Files of uploads never written are deleted after a while; written ones are kept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from aimaq.indicators.models import ImportRun
from aimaq.indicators.services import ImportSource, create_import_run, run_import
from aimaq.testing.indicators import ANYWHERE, IndicatorFactory
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db

GOOD = "indicator,kato,period,value\nunemployment,350000000,2021,4.9\n"
BAD = "indicator,kato,period,value\nunemployment,nowhere,2021,4.9\n"


def aged(run: ImportRun, days: float) -> ImportRun:
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(days=days))
    return ImportRun.objects.get(pk=run.pk)


def test_files_of_refused_and_unconfirmed_uploads_go_after_the_kept_days(settings):
    small_tree()
    IndicatorFactory(code="unemployment")
    settings.AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS = 7
    refused = aged(create_import_run(ImportSource("bad.csv", BAD.encode(), options=ANYWHERE)), 8)
    unconfirmed = aged(
        create_import_run(ImportSource("later.csv", GOOD.encode(), options=ANYWHERE)), 8
    )
    recent = aged(create_import_run(ImportSource("recent.csv", BAD.encode(), options=ANYWHERE)), 2)
    written = create_import_run(ImportSource("good.csv", GOOD.encode(), options=ANYWHERE))
    written = aged(run_import(written), 30)
    paths = {run.file_name: run.file.path for run in (refused, unconfirmed, recent, written)}
    dry = StringIO()
    call_command("delete_import_files", "--dry-run", stdout=dry)
    assert "would be deleted: 2" in dry.getvalue()
    out = StringIO()
    call_command("delete_import_files", stdout=out)
    assert "Files deleted: 2" in out.getvalue()
    kept = {run.file_name: bool(run.file) for run in ImportRun.objects.all()}
    assert kept == {"bad.csv": False, "later.csv": False, "recent.csv": True, "good.csv": True}
    from pathlib import Path

    assert not Path(paths["bad.csv"]).exists() and Path(paths["good.csv"]).exists()
    assert ImportRun.objects.get(file_name="bad.csv").error_count == 1  # the record stays

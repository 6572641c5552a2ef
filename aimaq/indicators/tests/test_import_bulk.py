"""A load shaped like a national one: series with the periods their neighbours have go in by
statement template, odd series row by row, chunks never split a series — every value lands
exactly, with its status."""

import random

import pytest
from django.db import connection

from aimaq.indicators.importing import appending
from aimaq.indicators.models import ImportStatus, Observation, Periodicity
from aimaq.indicators.services import ImportSource, create_import_run, run_import
from aimaq.indicators.tests.factories import IndicatorFactory
from aimaq.territories.tests.factories import small_tree

pytestmark = pytest.mark.django_db

YEARS = [str(year) for year in range(1900, 2001)]
QUARTERS = [f"{year}-Q{quarter}" for year in range(1975, 2001) for quarter in range(1, 5)]


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_value_lands_whatever_shape_its_series_has(monkeypatch):
    monkeypatch.setattr(appending, "CHUNK_VECTORS", 1)  # 2,048 rows a chunk: series cross them
    paths = {"series": 0, "rows": 0}
    for path in paths:
        real = getattr(appending, f"_insert_{path}")

        def counted(*args, _real=real, _path=path):
            paths[_path] += len(args[-1])
            return _real(*args)

        monkeypatch.setattr(appending, f"_insert_{path}", counted)
    katos = [unit.kato for unit in small_tree().values() if unit.kato != "000000000"]
    IndicatorFactory(code="series-05", periodicity=Periodicity.QUARTER)
    codes = [IndicatorFactory(code=f"series-{n:02d}").code for n in range(12)]
    rng = random.Random(7)
    expected = {}
    lines = ["indicator,kato,period,value,status"]
    for code in codes:
        for kato in katos:
            periods = list(YEARS)
            if code == "series-03" and kato == katos[1]:
                periods = periods[::3]  # a series with gaps: the only one of its shape
            if code == "series-05":
                periods = QUARTERS  # another shape, of another length
            status = "provisional" if code == "series-07" else "final"
            for period in periods:
                value = round(rng.uniform(-50, 5000), 3)
                expected[(code, kato, period)] = (value, status)
                lines.append(f"{code},{kato},{period},{value},{status}")
    data = ("\n".join(lines) + "\n").encode()
    source = ImportSource(file_name="national.csv", data=data)
    run = run_import(create_import_run(source), source=source)
    assert run.status == ImportStatus.DONE, run.errors
    assert run.new == len(expected) > 2 * 2048
    stored = {
        (o.indicator.code, o.territory.kato, o.period): (o.value, o.status)
        for o in Observation.objects.select_related("indicator", "territory")
    }
    assert stored == expected
    if connection.vendor == "sqlite":  # PostgreSQL takes the rows by COPY
        assert paths["series"] > 40 and paths["rows"] > 0  # both ways were taken
    assert set(Observation.objects.values_list("import_run", flat=True)) == {run.pk}

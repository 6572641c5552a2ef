"""Loads shaped like national ones: series with the periods their neighbours have go in by
statement template, odd series row by row, chunks never split a series — every value lands
exactly, with its disaggregation, status and source, and a second file adds and changes
values keeping what it replaced."""

import random

import pytest
from django.db import connection

from aimaq.indicators.importing import appending
from aimaq.indicators.models import (
    ImportStatus,
    Observation,
    ObservationRevision,
    Periodicity,
)
from aimaq.indicators.services import ImportSource, create_import_run, run_import
from aimaq.testing.indicators import ANYWHERE, IndicatorFactory, sex_dimension
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db

YEARS = [str(year) for year in range(1900, 2001)]
QUARTERS = [f"{year}-Q{quarter}" for year in range(1975, 2001) for quarter in range(1, 5)]
HEADER = "indicator,kato,period,sex,value,status,source"


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def katos():
    return [unit.kato for unit in small_tree().values() if unit.kato != "000000000"]


def load(rows: dict) -> object:
    """Imports {(code, kato, period, sex): (value, status, source)} as one CSV."""
    lines = [HEADER] + [
        f'{code},{kato},{period},{sex},{value},{status},"{source}"'
        for (code, kato, period, sex), (value, status, source) in rows.items()
    ]
    source = ImportSource(
        file_name="national.csv", data=("\n".join(lines) + "\n").encode(), options=ANYWHERE
    )
    return run_import(create_import_run(source), source=source)


def stored() -> dict:
    return {
        (o.indicator.code, o.territory.kato, o.period, o.disaggregation.removeprefix("sex=")): (
            o.value,
            o.status,
            o.source,
        )
        for o in Observation.objects.select_related("indicator", "territory")
    }


def test_every_value_lands_whatever_shape_its_series_has(monkeypatch, katos):
    monkeypatch.setattr(appending, "CHUNK_VECTORS", 1)  # 2,048 rows a chunk: series cross them
    paths = {"series": 0, "rows": 0}
    for path in paths:
        real = getattr(appending, f"_insert_{path}")

        def counted(*args, _real=real, _path=path):
            paths[_path] += len(args[-1])
            return _real(*args)

        monkeypatch.setattr(appending, f"_insert_{path}", counted)
    IndicatorFactory(code="series-05", periodicity=Periodicity.QUARTER)
    codes = [IndicatorFactory(code=f"series-{n:02d}").code for n in range(12)]
    rng = random.Random(7)
    rows = {}
    for code in codes:
        for kato in katos:
            periods = YEARS
            if code == "series-03" and kato == katos[1]:
                periods = YEARS[::3]  # a series with gaps: the only one of its shape
            if code == "series-05":
                periods = QUARTERS  # another shape, of another length
            status = "provisional" if code == "series-07" else "final"
            for period in periods:
                rows[(code, kato, period, "")] = (round(rng.uniform(-50, 5000), 3), status, "")
    run = load(rows)
    assert run.status == ImportStatus.DONE, run.errors
    assert run.new == len(rows) > 2 * 2048
    assert stored() == rows
    assert set(Observation.objects.values_list("import_run", flat=True)) == {run.pk}
    if connection.vendor == "sqlite":  # PostgreSQL takes the rows by COPY
        assert paths["series"] > 40 and paths["rows"] > 0  # both ways were taken


def test_each_combination_of_disaggregation_status_and_source_lands_whole(katos):
    sex = sex_dimension()
    rng = random.Random(11)
    rows = {}
    for n in range(4):
        IndicatorFactory(code=f"people-{n}").dimensions.add(sex)
        for kato in katos:
            for period in YEARS[:30]:
                rows[(f"people-{n}", kato, period, "")] = (rng.randint(0, 9999), "final", "")
                # Braces and quotes in a source are text, not parts of a statement.
                rows[(f"people-{n}", kato, period, "female")] = (
                    rng.randint(0, 9999), "final", "Stat {annual} 'q' {0}"
                )  # fmt: skip
                rows[(f"people-{n}", kato, period, "male")] = (
                    rng.randint(0, 9999), "provisional", "Akimat {}"
                )  # fmt: skip
    run = load(rows)
    assert run.status == ImportStatus.DONE, run.errors
    assert run.new == len(rows)
    assert stored() == rows


def test_a_second_file_adds_and_changes_values_keeping_what_it_replaced(katos):
    codes = [IndicatorFactory(code=f"series-{n:02d}").code for n in range(10)]
    rows = {
        (code, kato, period, ""): (float(i), "final", "")
        for i, (code, kato, period) in enumerate(
            (code, kato, period) for code in codes for kato in katos for period in YEARS[:40]
        )
    }
    first = load(rows)
    assert first.status == ImportStatus.DONE and first.new == len(rows)
    changed = dict(list(rows.items())[::37])
    second_rows = {key: (value + 0.5, "final", "") for key, (value, *_rest) in changed.items()}
    second_rows |= {
        (code, kato, "1940", ""): (7.0, "final", "") for code in codes for kato in katos
    }
    second_rows |= dict(list(rows.items())[1:100:37])  # some values the same as stored
    second = load(second_rows)
    assert second.status == ImportStatus.DONE, second.errors
    unchanged = len(set(second_rows) - set(changed)) - len(codes) * len(katos)
    assert (second.new, second.changed, second.unchanged) == (
        len(codes) * len(katos),
        len(changed),
        unchanged,
    )
    assert stored() == rows | second_rows
    revisions = {
        (r.indicator.code, r.territory.kato, r.period, r.disaggregation): (r.value, r.import_run_id)
        for r in ObservationRevision.objects.select_related("indicator", "territory")
    }
    assert revisions == {key: (value, first.pk) for key, (value, *_rest) in changed.items()}
    assert second.focus["period"] == "1940" and second.focus["indicator"] in codes
    again = load(second_rows)
    assert (again.new, again.changed, again.unchanged) == (0, 0, len(second_rows))
    assert again.focus == {} and ObservationRevision.objects.count() == len(changed)

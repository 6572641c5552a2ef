"""Model invariants of the evidence base."""

import pytest
from django.db import IntegrityError, transaction

from aimaq.indicators.models import Observation
from aimaq.testing.indicators import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db


def test_one_value_per_indicator_territory_period_and_disaggregation():
    first = ObservationFactory()
    ObservationFactory(
        indicator=first.indicator, territory=first.territory, disaggregation="sex=female"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            indicator=first.indicator, territory=first.territory, period=first.period, value=2
        )


def test_indicator_is_derived_only_with_both_parts():
    poor, people = IndicatorFactory(code="poor"), IndicatorFactory(code="people")
    assert not IndicatorFactory(code="rate", numerator=poor).is_derived
    assert IndicatorFactory(code="rate2", numerator=poor, denominator=people).is_derived


def test_indicator_unit_and_name_follow_the_language(settings):
    from django.utils import translation

    indicator = IndicatorFactory(code="wage", unit_kk="теңге", unit_ru="тенге", unit_en="tenge")
    with translation.override("kk"):
        assert indicator.unit == "теңге" and indicator.name == "wage көрсеткіші"
    with translation.override("en"):
        assert indicator.unit == "tenge" and indicator.name == "Wage"


def test_a_run_is_stalled_only_when_its_current_job_is():
    from datetime import timedelta

    from django.utils import timezone

    from aimaq.core.jobs import Job
    from aimaq.core.jobs.liveness import this_process
    from aimaq.indicators.models import ImportRun, ImportStatus

    check = Job.objects.create(kind="core.import_check", status="done")
    write = Job.objects.create(kind="core.import_write", status="running", worker=this_process())
    run = ImportRun.objects.create(file_name="a.csv", file_format="csv", check_job=check)
    assert run.status == ImportStatus.PREVIEW and not run.is_stalled
    run.write_job = write
    Job.objects.filter(pk=write.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    write.refresh_from_db()
    assert run.status == ImportStatus.WRITING
    assert not run.is_stalled  # an hour without progress, but its worker (this process) runs
    write.worker = "elsewhere:1"
    assert run.is_stalled

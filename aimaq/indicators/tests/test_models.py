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


def test_a_run_is_stalled_only_when_its_worker_is_gone():
    import socket
    import subprocess
    import sys
    from datetime import timedelta

    from django.utils import timezone

    from aimaq.indicators.models import ImportRun, ImportStatus, this_process

    run = ImportRun.objects.create(
        file_name="a.csv", file_format="csv", status=ImportStatus.VALIDATING, worker=this_process()
    )
    ImportRun.objects.filter(pk=run.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    run.refresh_from_db()
    assert not run.is_stalled  # an hour without progress, but its worker (this process) runs
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    run.worker = f"{socket.gethostname()}:{gone.stdout.strip()}"
    assert run.is_stalled
    run.updated_at = timezone.now()
    assert not run.is_stalled  # moved a moment ago

"""Territory names in the spellings statistics files use, against the demo territories."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from aimaq.indicators.importing.matching import name_key
from aimaq.indicators.models import Observation
from aimaq.territories.demo import load_demo_territories
from aimaq.testing.data import shared_data
from aimaq.testing.indicators import IndicatorFactory


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jambyl Region", "Zhambyl Region"),
        ("Jetisu Region", "Жетісу облысы"),
        ("Turkistan Region", "Turkestan Region"),
        ("Abay oblysy", "Абай облысы"),
        ("Qostanai", "Kostanay"),
    ],
)
def test_spelling_variants_share_a_key(a, b):
    assert name_key(a)[0] == name_key(b)[0]


@pytest.mark.django_db
def test_real_unemployment_file_imports_by_name_against_demo_territories(capsys):
    real = shared_data("stats", "unemployment_rate_2022_by_region.csv")
    load_demo_territories()
    IndicatorFactory(code="unemployment")
    call_command("import_observations", str(real), "--indicator", "unemployment", "--match", "name")
    assert "20 new" in capsys.readouterr().out
    by_kato = dict(Observation.objects.values_list("territory__kato", "value"))
    assert len(by_kato) == 20
    assert by_kato["310000000"] == 5.0  # Jambyl → Zhambyl
    assert by_kato["750000000"] == 5.0 and by_kato["190000000"] == 4.7  # Almaty city vs region
    assert by_kato["710000000"] == 4.6  # "Astana city"


@pytest.mark.django_db
def test_cli_dry_run_writes_nothing_and_refusal_exits_non_zero(tmp_path, capsys):
    load_demo_territories()
    IndicatorFactory(code="unemployment")
    good = tmp_path / "good.csv"
    good.write_text("Region,rate,year\nKaraganda Region,4.4,2022\n")
    call_command("import_observations", str(good), "--indicator", "unemployment", "--dry-run")
    assert "1 new" in capsys.readouterr().out and Observation.objects.count() == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("Region,rate,year\nNarnia Region,4.4,2022\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_observations", str(bad), "--indicator", "unemployment")
    assert refused.value.returncode == 1
    out = capsys.readouterr().out
    assert "Row 2, column “Region”: found “Narnia Region”" in out
    assert Observation.objects.count() == 0

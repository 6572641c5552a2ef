"""Territories in their own time, and ambiguity shown before it lands: a row's name is read
as it was valid in the row's period, a value for a unit that did not exist then is refused
(or lands on the unit of that time), and the preview lists each name with the unit it
matched, the inexact and shared ones marked for the person to look at."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import translation

from aimaq.indicators.models import ImportStatus, Observation
from aimaq.indicators.services import validate_file
from aimaq.territories.demo import load_demo_territories
from aimaq.territories.models import Territory, TerritoryName
from aimaq.territories.reforms import series_breaks
from aimaq.testing.indicators import ANYWHERE, IndicatorFactory

from .test_import_csv import do_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo territories with the reforms applied, once for the module: inside a
    transaction each test's own nests in, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_territories()
        IndicatorFactory(code="population")
        yield
        transaction.set_rollback(True)


def check(rows: str):
    text = "territory,period,value\n" + rows
    return validate_file(text.encode(), file_name="data.csv", options=_options())


def _options():
    from dataclasses import replace

    return replace(ANYWHERE, indicator="population", match="name")


def listed(preview) -> dict[str, dict]:
    return {entry["name"]: entry for entry in preview.matches}


def test_the_reforms_date_units_in_their_own_time(demo):
    south = Territory.objects.get(kato="510000000")
    assert south.valid_to == date(2018, 6, 19) and south.name_ru == "Южно-Казахстанская область"
    assert Territory.objects.get(kato="610000000").valid_from == date(2018, 6, 19)
    assert Territory.objects.get(kato="100000000").valid_from == date(2022, 6, 8)
    nur_sultan = TerritoryName.objects.get(territory__kato="710000000", name_ru="Нур-Султан")
    assert (nur_sultan.valid_from, nur_sultan.valid_to) == (date(2019, 3, 23), date(2022, 9, 17))


def test_a_value_for_abai_oblast_before_it_was_formed_is_refused_naming_when_it_began(demo):
    preview = check("Abai Region,2005,600000\n")
    assert preview.refused == 1 and preview.new == 0
    expected = preview.errors[0].expected
    assert "08.06.2022" in expected and "630000000" in expected  # part of East Kazakhstan


def test_a_value_for_an_ended_unit_after_its_end_is_refused(demo):
    preview = check("Южно-Казахстанская область,2020,1\n")
    assert preview.refused == 1
    assert "19.06.2018" in preview.errors[0].expected


def test_turkestan_before_2018_lands_on_south_kazakhstan_and_is_marked_to_confirm(demo):
    run = do_import(
        "territory,period,value\nTurkestan Region,2017,2900000\nTurkestan Region,2019,2000000\n",
        indicator="population",
        match="name",
    )
    assert run.status == ImportStatus.DONE, run.errors
    landed = dict(Observation.objects.values_list("period", "territory__kato"))
    assert landed == {"2017": "510000000", "2019": "610000000"}
    asked = [e for e in run.matches if e["asked"]]
    assert [e["kato"] for e in asked] == ["510000000"]
    assert "South Kazakhstan" in asked[0]["note"]


def test_former_names_are_read_in_their_time(demo):
    preview = check("Нур-Султан,2020,1\nЮжно-Казахстанская область,2015,2\n")
    assert preview.refused == 0, preview.errors
    entries = listed(preview)
    assert entries["Нур-Султан"]["kato"] == "710000000"
    assert entries["Нур-Султан"]["how"] == "former"
    assert entries["Южно-Казахстанская область"]["kato"] == "510000000"


def test_the_preview_lists_each_name_with_its_unit_level_and_code_shared_names_marked(demo):
    preview = check("Алматы,2015,1\nКарагандинская область,2015,2\n")
    entries = listed(preview)
    almaty = entries["Алматы"]
    assert almaty["kato"] == "750000000" and almaty["level"]  # the city, not the oblast
    assert almaty["asked"] is True
    assert "190000000" in {choice["kato"] for choice in almaty["choices"]}
    karaganda = entries["Карагандинская область"]
    assert (karaganda["kato"], karaganda["how"], karaganda["asked"]) == (
        "350000000",
        "exact",
        False,
    )
    assert preview.matches[0]["name"] == "Алматы"  # the ones to look at come first


def test_a_pick_of_the_person_settles_a_shared_name(demo):
    from dataclasses import replace

    text = b"territory,period,value\n\xd0\x90\xd0\xbb\xd0\xbc\xd0\xb0\xd1\x82\xd1\x8b,2015,1\n"
    options = replace(_options(), names={"Алматы": "190000000"})
    preview = validate_file(text, file_name="data.csv", options=options)
    entry = listed(preview)["Алматы"]
    assert (entry["kato"], entry["how"], entry["asked"]) == ("190000000", "picked", False)


@pytest.mark.parametrize(
    ("name", "kato", "how"),
    [
        ("Карагандинская область 1", "350000000", "footnote"),
        ("Карагандинская область*", "350000000", "footnote"),
        ("г.Шымкент", "790000000", "prefix"),
        ("Республика Казахстан", "000000000", "country"),
        # The bare adjective: the oblast's name without «область» is also its spelling key.
        ("Карагандинская", "350000000", "spelling"),
        ("Жамбылская", "310000000", "spelling"),
    ],
)
def test_written_forms_match_with_a_note_for_the_person(demo, name, kato, how):
    entry = listed(check(f"{name},2023,1\n"))[name]
    assert (entry["kato"], entry["how"]) == (kato, how)
    assert entry["note"] and entry["asked"]


def test_series_break_where_a_reform_changed_the_area(demo):
    east = Territory.objects.get(kato="630000000")
    (lost,) = series_breaks(east)
    assert lost.day == date(2022, 6, 8) and lost.kind == "lost_area"
    assert "100000000" in lost.sentence()
    turkestan = Territory.objects.get(kato="610000000")
    assert any(b.continued and "510000000" in b.sentence() for b in series_breaks(turkestan))


def test_a_break_names_the_other_unit_as_it_is_called_not_bent_into_a_case(demo):
    abai = Territory.objects.get(kato="100000000")
    with translation.override("ru"):
        (formed,) = [b for b in series_breaks(abai) if "630000000" in b.sentence()]
        # "образована из части территории Восточно-Казахстанская область" reads wrong: the
        # name stands after a dash, in the form it is registered in.
        assert "территории — Восточно-Казахстанская область (630000000)" in formed.sentence()


def test_an_analysts_file_with_an_index_column_a_named_value_column_and_projections(
    demo, tmp_path, capsys
):
    """The national population file: an unnamed index column, the value headed «Население»,
    projections to 2050; only the past years are imported, the left-out ones counted."""
    from django.core.management import call_command

    path = tmp_path / "population.csv"
    rows = [",Регион,Год,Население"]
    rows += [f"{n},Алматы,{year},{2000000 + n}" for n, year in enumerate(range(2020, 2051))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command(
        "import_observations", str(path), "--indicator", "population", "--match", "name",
        "--value-column", "Население", "--periods", "2020-2023",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "4 new" in out and "27 values of other periods left out" in out
    assert "«Алматы» →" in out  # a name several levels share, listed to look at
    stored = Observation.objects.filter(indicator__code="population")
    assert sorted(stored.values_list("period", flat=True)) == ["2020", "2021", "2022", "2023"]


def test_projections_are_kept_apart_and_a_reported_figure_for_a_year_to_come_is_refused(demo):
    future = "Карагандинская область,2040,1200000\n"
    refused = check(future)
    assert refused.refused == 1 and "projection" in refused.errors[0].expected
    run = do_import("territory,period,value\n" + future, indicator="population",
                    match="name", status="projection")  # fmt: skip
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.get(period="2040").status == "projection"

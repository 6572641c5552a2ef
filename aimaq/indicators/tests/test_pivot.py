"""The pivot table: indicators × territories × periods (× a disaggregation) in any layout,
with parent, national, total and average rows, a shareable address and an XLSX export."""

import io

import openpyxl
import pytest

from aimaq.indicators.models import Aggregation, Category, Dimension, Observation
from aimaq.indicators.tests.test_views_fixtures import (
    make_indicator,
    observe,
    world_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def cells(html: str, row_label: str) -> list[str]:
    import re

    row = re.search(
        rf"<tr[^>]*><th scope=\"row\">(?:<a [^>]*>)?{row_label}(?:</a>)?</th>(.*?)</tr>", html, re.S
    )
    assert row, f"no row {row_label}"
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


def test_territories_on_rows_with_parent_national_total_and_average(client, world):
    people = make_indicator("people", unit_en="persons", decimals=0, aggregation=Aggregation.SUM)
    for key, count in (("nura", 1000), ("osakarovka", 2000), ("abai", 3000), ("karaganda", 6500)):
        observe(people, world[key], {"2022": count})
    url = (
        f"/indicators/pivot/?i=people&i=unemployment&parent={world['karaganda'].kato}&p=2022&p=2021"
    )
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Columns: indicators outside, periods inside; people has no 2021 figures.
    assert cells(html, "Nura") == ["—", "1,000", "5.8", "5.5"]
    assert cells(html, "Parent: Karaganda") == ["—", "6,500", "4.5", "4.4"]
    assert cells(html, "Country: Kazakhstan") == ["—", "—", "4.9", "4.8"]
    assert cells(html, "Total") == ["—", "6,000", "—", "—"]  # a rate does not add up
    assert cells(html, "Average of the rows") == ["—", "2,000", "4.4", "4.3"]
    assert 'href="?i=people&amp;i=unemployment' in html  # the link to share


def test_indicators_on_rows_and_a_disaggregation(client, world):
    sex = Dimension.objects.create(code="sex", name_en="Sex")
    Category.objects.create(dimension=sex, code="f", name_en="women")
    Observation.objects.create(
        indicator=world["unemployment"], territory=world["nura"], period="2022",
        disaggregation="sex=f", value=6.6,
    )  # fmt: skip
    url = f"/indicators/pivot/?i=unemployment&t={world['nura'].kato}&p=2022&rows=indicator&d=sex"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>women</td>" in html and ">6.6<" in html and ">5.5<" in html


def test_the_pivot_exports_to_xlsx_headed_by_what_it_is(client, world):
    url = f"/indicators/pivot/export.xlsx?i=income&parent={world['karaganda'].kato}&p=2022"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    text = [[c for c in row if c is not None] for row in book.active.iter_rows(values_only=True)]
    flat = " ".join(str(c) for row in text for c in row)
    assert "Демо" in flat or "демо" in flat  # income is demo data
    assert "2022" in flat
    assert ["355200000", "Nura", 170000] in [row[:3] for row in text] or any(
        row[:1] == ["355200000"] and 170000 in row for row in text
    )


def test_no_indicator_chosen_says_so(client, world):
    html = client.get("/indicators/pivot/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Choose at least one indicator." in html

"""Every export says what it is — title, indicator with its unit, period, territory, source,
the day drawn and, for demo figures, that they are demo data — so it can go into a report as
it is; the map's PNG is print size; the CSV follows the reader's language; map legends never
share a bound."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from PIL import Image

from aimaq.indicators.charts import legend_text
from aimaq.indicators.classification import choropleth
from aimaq.indicators.models import Observation
from aimaq.indicators.tests.test_views_fixtures import make_indicator, world_fixture  # noqa: F401
from aimaq.testing.properties import examples
from aimaq.testing.territories import TerritoryFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
MAP = "?parent=350000000&period=2022"
COMPARE = "?t=355200000&t=354800000&i=unemployment&i=income&period=2021"
DEMO = "Demo data: generated for trying Aimaq, not official statistics."


def _texts(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _today() -> str:
    return date_format(timezone.localdate(), "SHORT_DATE_FORMAT")


def test_map_svg_says_what_it_is(client, world):
    world["income"].source_en = "Bureau of National Statistics"
    world["income"].save()
    url = reverse("indicators:map_svg", args=["income"]) + MAP + "&download=1"
    texts = _texts(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content)

    assert texts[0] == "Average monthly income, tenge"
    assert texts[1] == "Karaganda, its units · 2022"
    assert "Source: Bureau of National Statistics" in texts
    assert any(text.startswith("Drawn from Aimaq on") for text in texts)
    assert DEMO in texts  # income is demo data in the test world


def test_map_svg_opens_at_its_size_not_a_percentage(client, world):
    root = ET.fromstring(client.get(reverse("indicators:map_svg", args=["income"]) + MAP).content)
    assert root.get("width") == "800" and int(root.get("height")) > 300


def test_map_png_is_print_size_and_carries_its_title(client, world):
    response = client.get(
        reverse("indicators:map_png", args=["unemployment"]) + MAP, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        'attachment; filename="unemployment-350000000-2022.png"'
    )
    image = Image.open(io.BytesIO(response.content))
    assert image.width >= 1600  # twice the 800 px drawing
    assert image.text["Title"] == "unemployment, %"  # the Russian name of the test indicator
    assert "2022" in image.text["Description"]


def test_series_svg_has_title_period_and_source(client, world):
    url = reverse("indicators:series_svg", args=["unemployment"]) + "?t=355200000&t=350000000"
    texts = _texts(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content)
    assert texts[0] == "Unemployment rate, %"
    assert texts[1] == "Nura, Karaganda · 2020–2022"
    assert "Source: Aimaq evidence base" in texts
    assert DEMO not in texts  # unemployment is not demo data


def test_comparison_xlsx_opens_with_title_period_source_date_and_demo_marker(client, world):
    response = client.get(
        reverse("indicators:compare_export", args=["xlsx"]) + COMPARE, HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    facts = {row[0]: row[1] for row in rows if row[0] and row[1] and row[0] != "KATO"}

    assert rows[0][0] == "Comparison of territories"
    assert facts["Indicators"] == "Unemployment rate, %; Average monthly income, tenge"
    assert facts["Period"] == "2021"
    assert facts["Territory"] == "Nura, Osakarovka"
    assert facts["Source"] == "Aimaq evidence base"
    assert facts["Drawn from Aimaq on"] == _today()
    assert facts["Demo data"] == DEMO


def test_comparison_csv_in_kazakh_has_its_header_semicolons_and_decimal_commas(client, world):
    response = client.get(
        reverse("indicators:compare_export", args=["csv"]) + COMPARE, HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Аумақтарды салыстыру"]
    table = rows[[row[:1] for row in rows].index(["KATO"]) :]
    assert table[1][2] == "5,8" and table[1][3] == "160000"


def test_time_series_exports_carry_the_same_header(client, world):
    base = "?t=355200000&t=350000000"
    xlsx = client.get(
        reverse("indicators:series_export", args=["income", "xlsx"]) + base,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Average monthly income, tenge"
    blank = [row[0] for row in rows].index(None)  # the header ends with a blank row
    facts = {row[0]: row[1] for row in rows[1:blank]}
    assert facts["Period"] == "2020–2022" and facts["Demo data"] == DEMO
    header = rows[blank + 1 :]
    assert header[0][1:] == ("Nura [355200000]", "Karaganda [350000000]")
    assert header[1] == ("2020", 150000, 230000)

    text = client.get(
        reverse("indicators:series_export", args=["unemployment", "csv"]) + base,
        HTTP_ACCEPT_LANGUAGE="ru",
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["2022", "5,5", "4,4"] in rows


def test_an_unknown_time_series_format_is_404(client, world):
    url = reverse("indicators:series_export", args=["income", "pdf"])
    assert client.get(url).status_code == 404


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    values=st.lists(
        st.floats(min_value=0, max_value=100, allow_nan=False), min_size=1, max_size=12
    ),
    decimals=st.integers(min_value=0, max_value=2),
    k=st.integers(min_value=2, max_value=7),
    scheme=st.sampled_from(["quantiles", "equal_interval", "natural_breaks"]),
)
def test_legend_entries_never_share_or_overlap_a_bound(world, values, decimals, k, scheme):
    indicator = make_indicator(f"x{len(values)}{decimals}{k}{scheme[:3]}", decimals=decimals)
    Observation.objects.filter(indicator=indicator).delete()
    units = [world[name] for name in ("nura", "osakarovka", "abai")]
    extra = [
        TerritoryFactory(kato=f"35{60 + n:02d}00000", parent=world["karaganda"], level="rayon")
        for n in range(max(0, len(values) - len(units)))
    ]
    all_units = (units + extra)[: len(values)]
    Observation.objects.bulk_create(
        Observation(indicator=indicator, territory=t, period="2022", value=v)
        for t, v in zip(all_units, values, strict=True)
    )
    data = choropleth(indicator, world["karaganda"], period="2022", scheme=scheme, k=k)
    entries = [e for e in data.legend if e.lower is not None]
    for before, after in zip(entries, entries[1:], strict=False):
        assert round(before.upper, decimals) < round(after.lower, decimals)
        assert legend_text(before, decimals) != legend_text(after, decimals)
    shown = sorted(round(v, decimals) for v in values)
    assert entries[0].lower == shown[0] and entries[-1].upper == shown[-1]
    indicator.delete()
    for unit in extra:
        unit.delete()

"""The territory profile downloads as PDF and DOCX in Kazakh, Russian and English, with its
table, trends, a map of its units, the source and the demo marker, read back as a person's
software reads it."""

from __future__ import annotations

import re
from io import BytesIO

import docx
import pytest
from django.db import transaction
from django.urls import reverse

from aimaq.core.documents.readback import docx_text, pdf_pages
from aimaq.indicators.documents import profile_file
from aimaq.indicators.tests.test_views_fixtures import make_world, world_fixture  # noqa: F401
from aimaq.testing.people import UserFactory

HOSTILE = "Қарағанды \"<'& <script>alert(1)</script>"
KAZAKH_PROBE = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"
HEADERS = {
    "en": ["Indicator", "Unit", "Value", "Period", "Trend", "Rank"],
    "ru": ["Показатель", "Единица измерения", "Значение", "Период", "Динамика", "Место"],
    "kk": ["Көрсеткіш", "Өлшем бірлігі", "Мән", "Кезең", "Үрдіс", "Орын"],
}
TITLES = {
    "en": "Profile of Karaganda",
    "ru": "Профиль: Карагандинская область",
    "kk": "Қарағанды облысы профилі",
}


def kazakh_names(world: dict) -> None:
    karaganda = world["karaganda"]
    karaganda.name_kk = "Қарағанды облысы"
    karaganda.save()
    world["unemployment"].name_kk = "Жұмыссыздық деңгейі"
    world["unemployment"].name_ru = "Уровень безработицы"
    world["unemployment"].save()
    world["income"].name_kk = f"Орташа табыс {KAZAKH_PROBE}"
    world["income"].unit_kk = "теңге"
    world["income"].save()


def rendered(language: str, *, name_en: str = "") -> dict:
    """The Karaganda profile as PDF and DOCX in `language`, on data made for the occasion
    and rolled back; `name_en` renames Karaganda first."""
    files = {}
    with transaction.atomic():
        world = make_world()
        kazakh_names(world)
        if name_en:
            world["karaganda"].name_en = name_en
            world["karaganda"].save()
        for file_format in ("pdf", "docx"):
            files[file_format] = profile_file(
                world["karaganda"], language=language, file_format=file_format
            )
        transaction.set_rollback(True)
    return files


# Kazakh always; Russian and English too in full runs (each renders in a few seconds).
LANGUAGES = [
    "kk",
    pytest.param("ru", marks=pytest.mark.slow),
    pytest.param("en", marks=pytest.mark.slow),
]


@pytest.fixture(scope="module", params=LANGUAGES)
def files(request, django_db_setup, django_db_blocker) -> tuple[str, dict]:
    with django_db_blocker.unblock():
        return request.param, rendered(request.param)


@pytest.fixture(scope="module")
def hostile_files(django_db_setup, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return rendered("en", name_en=HOSTILE)


RANK = {"kk": "2 ішінен", "ru": "1 из 2", "en": "1 of 2"}
MARKER = {"kk": "Демо деректер", "ru": "Демо-данные", "en": "Demo data"}
SOURCE = {"kk": "Aimaq дерекқоры", "ru": "База данных Aimaq", "en": "Aimaq evidence base"}


def test_profile_pdf_holds_title_headings_and_table_rows_in_the_language(files):
    language, rendered_files = files
    pages = pdf_pages(rendered_files["pdf"].data)
    text = "\n".join(pages)
    assert TITLES[language] in pages[0]
    for header in HEADERS[language]:
        assert header.split()[0] in text
    decimal = "." if language == "en" else ","
    # Karaganda's unemployment: 4.4 % in 2022, first of the two oblasts (East Kazakhstan
    # has 5.0), 0.4 below the country's 4.8: a better value.
    row = re.search(rf"%\s+4{decimal}4\s+2022\s+(.*)", text)
    assert row, "the unemployment row is missing"
    assert RANK[language] in row.group(1)
    assert re.search(rf"−0{decimal}4 ▲", row.group(1))


def test_profile_pdf_numbers_its_pages_names_its_source_and_marks_demo_data(files):
    language, rendered_files = files
    pages = pdf_pages(rendered_files["pdf"].data)
    assert SOURCE[language] in pages[0]
    assert all(MARKER[language] in page for page in pages)
    numbering = {
        "kk": f"{len(pages)} беттің 2-беті",
        "ru": f"Страница 2 из {len(pages)}",
        "en": f"Page 2 of {len(pages)}",
    }
    assert numbering[language] in pages[1]


def test_profile_pdf_keeps_kazakh_letters(files):
    language, rendered_files = files
    text = "\n".join(pdf_pages(rendered_files["pdf"].data))
    if language == "kk":
        assert f"Орташа табыс {KAZAKH_PROBE}" in text and "теңге" in text
        assert "Қарағанды облысы" in text and "Жұмыссыздық деңгейі" in text


def test_profile_docx_has_the_same_tables_headings_and_a_map_picture(files):
    language, rendered_files = files
    data = rendered_files["docx"].data
    read = docx_text(data)
    assert ("Title", TITLES[language]) in read.paragraphs
    tables = [table for table in read.tables if table[0][0] == HEADERS[language][0]]
    assert len(tables) == 2  # economy, poverty
    assert tables[0][0][:6] == HEADERS[language]
    unemployment = next(
        row for row in tables[0] if row[2:4] == [f"4{'.' if language == 'en' else ','}4", "2022"]
    )
    assert unemployment[1] == "%"
    assert RANK[language] in unemployment[5]
    # An oblast's parent is the country: one gap column, to the country.
    assert unemployment[6].startswith("−0") and "▲" in unemployment[6]
    assert len(unemployment) == 7
    word = docx.Document(BytesIO(data))
    captions = [shape._inline.docPr.get("descr") or "" for shape in word.inline_shapes]
    assert sum("2022" in caption for caption in captions) == 2  # a map per theme


def test_profile_prints_a_name_full_of_markup_literally(hostile_files):
    text = "\n".join(pdf_pages(hostile_files["pdf"].data))
    assert f"Profile of {HOSTILE}" in text
    read = docx_text(hostile_files["docx"].data)
    assert ("Title", f"Profile of {HOSTILE}") in read.paragraphs
    assert HOSTILE in read.header


@pytest.mark.slow
def test_profile_download_gives_a_pdf_in_the_asked_language(client, world):
    url = reverse("indicators:profile_document", args=["350000000", "pdf"])
    response = client.get(url, {"lang": "ru"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="aimaq-profile-350000000-ru.pdf"' in response["Content-Disposition"]
    assert "Профиль" in "\n".join(pdf_pages(response.content))


def test_profile_download_of_unknown_format_or_territory_is_404(client, world):
    assert client.get("/indicators/profile/350000000/document.odt").status_code == 404
    url = reverse("indicators:profile_document", args=["999999999", "pdf"])
    assert client.get(url).status_code == 404


def test_profile_page_offers_a_signed_in_person_pdf_and_docx_as_a_background_job(client, world):
    client.force_login(UserFactory())
    page = client.get(reverse("indicators:profile", args=["350000000"])).content.decode()
    start = reverse("indicators:profile_document_start", args=["350000000"])
    assert f'<form method="post" action="{start}"' in page
    assert 'name="format" value="pdf"' in page and 'name="format" value="docx"' in page


def test_a_visitor_gets_plain_download_links_and_no_csrf_cookie(client, world):
    response = client.get(reverse("indicators:profile", args=["350000000"]))
    page = response.content.decode()
    pdf = reverse("indicators:profile_document", args=["350000000", "pdf"])
    assert f'href="{pdf}?lang=en&amp;period=2022"' in page
    assert "csrftoken" not in response.cookies
    # A visitor posting to the start (an old page) is sent to the download at once.
    start = reverse("indicators:profile_document_start", args=["350000000"])
    response = client.post(start, {"format": "docx", "lang": "kk", "period": "2021"})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("indicators:profile_document", args=["350000000", "docx"]) + "?lang=kk&period=2021"
    )

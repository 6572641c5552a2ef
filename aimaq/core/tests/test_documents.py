"""Documents render as PDF and DOCX that people open: read back with pdftotext and
python-docx, in Kazakh, Russian and English."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from aimaq.core.documents import (
    Document,
    Figure,
    InlineSvg,
    KeyValue,
    Paragraph,
    Section,
    Table,
    render_docx,
    render_pdf,
)
from aimaq.core.documents.pdf import css_string
from aimaq.core.documents.readback import docx_text, pdf_fonts, pdf_pages
from aimaq.core.documents.svg import svg_to_png

KAZAKH = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"
HOSTILE = "\"<'& </style><script>alert(1)</script>"
# Inline SVG as an HTML page carries it: no namespace declaration.
SPARK = (
    '<svg width="96" height="24" viewBox="0 0 96 24"><polyline fill="none" '
    'stroke="currentColor" points="2,22 48,2 94,12"/></svg>'
)
CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="100%" '
    'font-family="sans-serif"><rect width="400" height="200" fill="#fff"/>'
    '<rect x="20" y="40" width="120" height="140" fill="#0072b2"/>'
    f'<text x="20" y="30">Легенда {KAZAKH}</text></svg>'
)
WORDS = {
    "kk": {"contents": "Мазмұны", "page": r"(\d+) беттің (\d+)-беті", "demo": "Демо деректер"},
    "ru": {"contents": "Содержание", "page": r"Страница (\d+) из (\d+)", "demo": "Демо-данные"},
    "en": {"contents": "Contents", "page": r"Page (\d+) of (\d+)", "demo": "Demo data"},
}
ROWS = 45  # enough for the table to run over two pages


def sample(language: str, title: str = "") -> Document:
    rows: list[list[str | InlineSvg]] = [
        [f"{KAZAKH} {n}", "%", f"{n},5", "2024", InlineSvg(SPARK, f"trend {n}"), f"{n} of {ROWS}"]
        for n in range(1, ROWS + 1)
    ]
    return Document(
        title=title or f"Profile {KAZAKH}",
        subtitle="KATO 350000000",
        territory=f"Қарағанды облысы {HOSTILE}",
        language=language,
        source="Bureau of National Statistics",
        drawn_on=date(2026, 11, 22),
        demo=True,
        sections=[
            Section(
                "Overview",
                [
                    KeyValue([("KATO", "350000000"), ("Level", "oblast")]),
                    Paragraph(f"Plain text, never markup: {HOSTILE}"),
                    Paragraph("A footnote in small print.", note=True),
                ],
            ),
            Section(
                "Economy figures",
                [
                    Table(
                        headers=["Indicator", "Unit", "Value", "Period", "Trend", "Rank"],
                        rows=rows,
                        caption="Economy",
                        notes=["Σ computed"],
                        numeric=frozenset({2, 5}),
                        widths=[4, 1, 1, 1, 1.5, 1],
                    )
                ],
            ),
            Section("Map of units", [Figure(CHART, f"Units {HOSTILE}")], level=2),
        ],
    )


# Kazakh always; Russian and English too in full runs (each renders in a few seconds).
@pytest.fixture(
    scope="module",
    params=[
        "kk",
        pytest.param("ru", marks=pytest.mark.slow),
        pytest.param("en", marks=pytest.mark.slow),
    ],
)
def rendered(request):
    document = sample(request.param)
    return request.param, render_pdf(document), render_docx(document)


def test_pdf_has_title_page_contents_sections_and_table_rows(rendered):
    language, pdf, _docx = rendered
    pages = pdf_pages(pdf)
    assert f"Profile {KAZAKH}" in pages[0] and "Bureau of National Statistics" in pages[0]
    assert "22.11.2026" in pages[0] or "22 Nov 2026" in pages[0]
    assert WORDS[language]["contents"] in pages[1]
    text = "\n".join(pages)
    for heading in ("Overview", "Economy figures", "Map of units"):
        assert heading in text
    assert re.search(rf"{KAZAKH} 17\s+%\s+17,5\s+2024\s+17 of {ROWS}", text)


def test_pdf_contents_give_the_page_each_section_starts_on(rendered):
    _language, pdf, _docx = rendered
    pages = pdf_pages(pdf)
    for heading in ("Overview", "Economy figures", "Map of units"):
        listed = re.search(rf"{heading}\s*\.+\s*(\d+)", pages[1])
        assert listed, f"{heading} is not in the contents"
        page = int(listed.group(1))
        assert heading in pages[page - 1].split("\n", 3)[-1] or heading in pages[page - 1]


def test_pdf_pages_are_numbered_page_x_of_y_in_the_language(rendered):
    language, pdf, _docx = rendered
    pages = pdf_pages(pdf)
    assert len(pages) >= 4
    for number, page in enumerate(pages[1:], start=2):
        found = re.search(WORDS[language]["page"], page)
        assert found, f"page {number} has no page number"
        numbers = {int(found.group(1)), int(found.group(2))}
        assert numbers == {number, len(pages)} or numbers == {number}


def test_pdf_table_header_row_repeats_on_every_page_it_runs_over(rendered):
    _language, pdf, _docx = rendered
    pages_with_rows = [p for p in pdf_pages(pdf) if re.search(rf"{KAZAKH} \d+\s+%", p)]
    assert len(pages_with_rows) >= 2
    for page in pages_with_rows:
        assert re.search(r"Indicator\s+Unit\s+Value\s+Period\s+Trend\s+Rank", page)


def test_pdf_marks_demo_data_on_every_page(rendered):
    language, pdf, _docx = rendered
    for page in pdf_pages(pdf):
        assert WORDS[language]["demo"] in page


def test_pdf_keeps_kazakh_letters_in_fonts_that_have_them(rendered):
    _language, pdf, _docx = rendered
    text = "\n".join(pdf_pages(pdf))
    assert KAZAKH in text
    assert f"Легенда {KAZAKH}" in text  # text inside an SVG figure too
    fonts = pdf_fonts(pdf)
    assert fonts and all(font.startswith("DejaVu") for font in fonts), fonts


def test_pdf_prints_markup_in_texts_literally(rendered):
    _language, pdf, _docx = rendered
    text = "\n".join(pdf_pages(pdf))
    assert f"Plain text, never markup: {HOSTILE}" in text
    assert f"Қарағанды облысы {HOSTILE}" in text
    assert f"Units {HOSTILE}" in text


def test_docx_has_title_contents_headings_and_real_tables(rendered):
    language, _pdf, data = rendered
    read = docx_text(data)
    styles = dict((text, style) for style, text in read.paragraphs)
    assert styles[f"Profile {KAZAKH}"] == "Title"
    assert styles[WORDS[language]["contents"]] == "TOC Heading"
    assert styles["Overview"] == "Heading 1" and styles["Map of units"] == "Heading 2"
    assert styles[f"Plain text, never markup: {HOSTILE}"] == "Normal"
    assert ["KATO", "350000000"] in read.tables[0]
    table = read.tables[1]
    assert table[0] == ["Indicator", "Unit", "Value", "Period", "Trend", "Rank"]
    assert len(table) == ROWS + 1
    assert table[17] == [f"{KAZAKH} 17", "%", "17,5", "2024", "", f"17 of {ROWS}"]


def test_docx_repeats_table_headers_and_numbers_pages_with_fields(rendered):
    language, _pdf, data = rendered
    word = docx.Document(BytesIO(data))
    header_row = word.tables[1].rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None
    footer = word.sections[0].footer.paragraphs[0]._p
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"] or instructions == ["NUMPAGES", "PAGE"]
    assert WORDS[language]["demo"] in docx_text(data).footer
    body = word.element.body
    assert any("TOC" in (t.text or "") for t in body.iter(qn("w:instrText")))
    assert word.core_properties.language.startswith(language)


def test_docx_names_fonts_with_kazakh_letters_never_theme_fonts(rendered):
    _language, _pdf, data = rendered
    with zipfile.ZipFile(BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:ascii="DejaVu Sans"' in styles
    assert "Theme=" not in styles and "w:cstheme" not in styles
    assert "Arial" not in styles and "Liberation" not in styles


def test_docx_figures_and_trends_are_pictures_with_alternative_text(rendered):
    _language, _pdf, data = rendered
    word = docx.Document(BytesIO(data))
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert f"Units {HOSTILE}" in descriptions
    assert "trend 17" in descriptions
    assert len(word.inline_shapes) == ROWS + 1


def test_svg_without_namespace_or_with_a_broken_attribute_still_becomes_a_picture():
    broken = '<svg viewBox="0 0 10 10" aria-label="a "b" c"><rect width="10" height="10"/></svg>'
    for markup in (SPARK, broken):
        assert svg_to_png(markup, width_mm=20).startswith(b"\x89PNG")


def test_css_strings_cannot_end_the_style_sheet():
    assert css_string('Page "</style>') == '"Page \\000022\\00003c\\00002fstyle\\00003e"'


def test_a_document_refuses_an_unknown_language_and_ragged_rows():
    with pytest.raises(ValueError, match="language"):
        Document(title="x", language="de")
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        Table(headers=["a", "b"], rows=[["only one"]])

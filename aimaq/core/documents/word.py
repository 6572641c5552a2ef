"""Documents as DOCX (python-docx): the same parts as the PDF, as Word's own objects: styles
for headings, a contents field, real tables, page-number fields, pictures of the figures."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import docx
from django.utils import timezone, translation
from django.utils.formats import date_format
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from . import ooxml
from .model import Document, Figure, InlineSvg, KeyValue, Paragraph, Section, Table
from .svg import svg_to_png
from .words import PageNumber, Words, fixed_words

FONT = "DejaVu Sans"  # has ӘҒҚҢӨҰҮҺІ; Word substitutes a like font where it is not installed
WORD_LANGUAGES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_SIDE, MARGIN_TOP = Mm(18), Mm(20)
TEXT_WIDTH_MM = 210 - 2 * 18
ACCENT = RGBColor(0x0B, 0x4F, 0x6C)
WARNING = RGBColor(0xAA, 0x00, 0x00)
HEADER_FILL = "E8EEF2"
TABLE_SIZE = 16  # half-points: 8 pt


def render_docx(document: Document) -> bytes:
    """The document as a DOCX in its own language: a title page, a contents field (Word
    fills in the page numbers when it opens the file), headings in Word's heading styles,
    tables whose header row repeats on every page, "page X of Y" fields in the footer,
    figures as pictures, every text in DejaVu Sans."""
    with translation.override(document.language):
        words = fixed_words()
        word = docx.Document()
        _set_up(word, document)
        _title_page(word, document, words)
        _contents(word, document.sections, words)
        pictures = ooxml.Pictures(word)
        for section in document.sections:
            word.add_heading(ooxml.xml_text(section.heading), level=section.level)
            for block in section.blocks:
                _add_block(word, block, pictures)
        _header_and_footer(word, document, words)
        _properties(word, document)
        stream = BytesIO()
        word.save(stream)
        return stream.getvalue()


def _set_up(word, document: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin = section.bottom_margin = MARGIN_TOP
    styles = word.styles.element
    ooxml.set_fonts(styles.iter(qn("w:rPr")), FONT)
    ooxml.set_language(styles, WORD_LANGUAGES[document.language])
    word.styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2"):
        word.styles[name].font.color.rgb = ACCENT
    for name in ("Header", "Footer"):  # the template's stops are for US Letter
        stops = word.styles[name].paragraph_format.tab_stops
        stops.clear_all()
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    ooxml.update_fields_on_open(word.settings.element)


def _title_page(word, document: Document, words: Words) -> None:
    if document.territory:
        territory = word.add_paragraph()
        territory.paragraph_format.space_before = Mm(50)
        run = territory.add_run(ooxml.xml_text(document.territory))
        run.font.size, run.font.color.rgb = Pt(13), ACCENT
    word.add_paragraph(ooxml.xml_text(document.title), style="Title")
    if document.subtitle:
        word.add_paragraph(ooxml.xml_text(document.subtitle), style="Subtitle")
    facts = [(words.date, date_format(document.drawn_on, "DATE_FORMAT"))]
    if document.source:
        facts.append((words.source, document.source))
    for label, value in facts:
        line = word.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(ooxml.xml_text(value))
    if document.demo:
        notice = word.add_paragraph()
        notice.paragraph_format.space_before = Mm(10)
        strong = notice.add_run(f"{words.demo}. ")
        strong.bold = True
        rest = notice.add_run(words.demo_notice)
        strong.font.color.rgb = rest.font.color.rgb = WARNING
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(word, sections: list[Section], words: Words) -> None:
    """The contents as a TOC field over the heading styles. Its result is filled in with the
    headings already, so a reader that does not update fields still lists them."""
    word.add_paragraph(words.contents, style="TOC Heading")
    paragraphs = [word.add_paragraph() for _section in sections] or [word.add_paragraph()]
    ooxml.field_char(paragraphs[0], "begin")
    ooxml.field_instruction(paragraphs[0], 'TOC \\o "1-2" \\h \\z \\u')
    ooxml.field_char(paragraphs[0], "separate")
    for paragraph, section in zip(paragraphs, sections, strict=False):
        paragraph.add_run(ooxml.xml_text(section.heading))
        if section.level == 2:
            paragraph.paragraph_format.left_indent = Mm(6)
    ooxml.field_char(paragraphs[-1], "end")
    paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _add_block(word, block, pictures: ooxml.Pictures) -> None:
    if isinstance(block, Paragraph):
        paragraph = word.add_paragraph(ooxml.xml_text(block.text))
        if block.note:
            _small(paragraph)
    elif isinstance(block, KeyValue):
        _facts(word, block)
    elif isinstance(block, Table):
        _table(word, block, pictures)
    elif isinstance(block, Figure):
        _figure(word, block, pictures)
    else:
        raise TypeError(f"no way to draw {type(block).__name__} in a document")


def _small(paragraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _facts(word, block: KeyValue) -> None:
    table = word.add_table(rows=0, cols=2)
    ooxml.no_borders(table)
    for key, value in block.items:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(ooxml.xml_text(key)).bold = True
        cells[1].paragraphs[0].add_run(ooxml.xml_text(value))
    word.add_paragraph()


def _table(word, block: Table, pictures: ooxml.Pictures) -> None:
    if block.caption:
        caption = word.add_paragraph(ooxml.xml_text(block.caption), style="Caption")
        caption.paragraph_format.keep_with_next = True
    table = word.add_table(rows=0, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(block)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    twips = [width.twips for width in widths]
    table._tbl.append(
        ooxml.table_row(
            block.headers,
            twips,
            right=block.numeric,
            size=TABLE_SIZE,
            header=True,
            fill=HEADER_FILL,
        )
    )
    for values in block.rows:
        texts = ["" if isinstance(value, InlineSvg) else value for value in values]
        row = ooxml.table_row(texts, twips, right=block.numeric, size=TABLE_SIZE)
        table._tbl.append(row)
        for column, value in enumerate(values):
            if isinstance(value, InlineSvg):
                pictures.add(
                    ooxml.first_run(row, column),
                    svg_to_png(value.svg, width_mm=value.width_mm),
                    width=Mm(value.width_mm),
                    height=Mm(value.height_mm),
                    text=value.label,
                )
    for note in block.notes:
        _small(word.add_paragraph(ooxml.xml_text(note)))
    if not block.notes:
        word.add_paragraph()


def _column_widths(block: Table) -> list[Length]:
    weights = list(block.widths) if block.widths else [1.0] * len(block.headers)
    total = sum(weights) or 1.0
    return [Mm(TEXT_WIDTH_MM * weight / total) for weight in weights]


def _figure(word, block: Figure, pictures: ooxml.Pictures) -> None:
    width_mm = min(block.width_mm, TEXT_WIDTH_MM)
    picture = word.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    png = svg_to_png(block.svg, width_mm=width_mm)
    pictures.add(picture.add_run()._r, png, width=Mm(width_mm), height=None, text=block.caption)
    word.add_paragraph(ooxml.xml_text(block.caption), style="Caption")


def _header_and_footer(word, document: Document, words: Words) -> None:
    section = word.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.add_run(ooxml.xml_text(f"{document.title}\t{document.territory}"))
    _small(header)

    footer = section.footer.paragraphs[0]
    if document.demo:
        marker = footer.add_run(words.demo)
        marker.bold, marker.font.color.rgb = True, WARNING
    footer.add_run("\t")
    for part in words.page_of:
        if part is PageNumber.PAGE:
            ooxml.add_field(footer, "PAGE", "1")
        elif part is PageNumber.PAGES:
            ooxml.add_field(footer, "NUMPAGES", "1")
        else:
            footer.add_run(part)
    if document.demo:
        first = section.first_page_footer.paragraphs[0].add_run(words.demo)
        first.bold, first.font.color.rgb = True, WARNING


def _properties(word, document: Document) -> None:
    now: datetime = timezone.now()
    properties = word.core_properties
    properties.title = ooxml.xml_text(document.title)
    properties.subject = ooxml.xml_text(document.territory)
    properties.author = properties.last_modified_by = "Aimaq"
    properties.language = WORD_LANGUAGES[document.language]
    properties.created = properties.modified = now
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""
    package_rels = word.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's, a picture of an empty page
            package_rels.pop(rel_id)

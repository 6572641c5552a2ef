"""The pieces of WordprocessingML that python-docx has no API for: fields (contents, page
numbers), repeated table header rows, cell shading, fonts without theme indirection."""

from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Length
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

# Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/FFFF): lxml
# refuses them, so a text holding one would stop the whole document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Elements of w:settings that come after w:updateFields in the schema's fixed order.
_AFTER_UPDATE_FIELDS = {
    qn(f"w:{name}")
    for name in (
        "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
        "smartTagType", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    )
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}  # fmt: skip


def xml_text(text: str) -> str:
    """`text` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


def element(tag: str, **attributes: str) -> OxmlElement:
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


def add_field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) whose result Word computes; `shown` until it does."""
    field = element("w:fldSimple", instr=instruction)
    run = element("w:r")
    text = element("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def field_char(paragraph: WordParagraph, kind: str) -> None:
    """One mark of a complex field: "begin", "separate" or "end"."""
    run = paragraph.add_run()
    run._r.append(element("w:fldChar", fldCharType=kind))


def field_instruction(paragraph: WordParagraph, instruction: str) -> None:
    run = paragraph.add_run()
    text = element("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)


def update_fields_on_open(settings_element) -> None:
    """Ask Word to update the fields (the contents' page numbers) when it opens the file."""
    update = element("w:updateFields", val="true")
    for child in settings_element:
        if child.tag in _AFTER_UPDATE_FIELDS:
            child.addprevious(update)
            return
    settings_element.append(update)


def repeat_as_header(row) -> None:
    """The row repeats at the top of every page the table runs over."""
    row._tr.get_or_add_trPr().append(element("w:tblHeader", val="true"))


def keep_row_whole(row) -> None:
    row._tr.get_or_add_trPr().append(element("w:cantSplit", val="true"))


def shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(element("w:shd", val="clear", color="auto", fill=fill))


def no_borders(table) -> None:
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="nil"))
    table._tbl.tblPr.append(borders)


def set_fonts(rpr_elements: Iterable, font: str) -> None:
    """Name `font` for every script in these w:rPr, dropping theme fonts (which would
    otherwise win: Calibri/Cambria, chosen by the template's theme)."""
    for rpr in rpr_elements:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = element("w:rFonts")
            rpr.insert(0, fonts)
        for name in list(fonts.attrib):
            if name.endswith("Theme") or name.endswith("theme"):
                del fonts.attrib[name]
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{script}"), font)


def set_language(styles_element, tag: str) -> None:
    """The language Word checks spelling in and hyphenates by, for all text."""
    for lang in styles_element.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)


class Pictures:
    """Adds pictures to a document's body, numbering their shapes itself: python-docx looks
    for the next free id over the whole document for every picture, quadratic in a report
    with a trend picture on every table row."""

    def __init__(self, word) -> None:
        self._part = word.part
        self._next_id = self._part.next_id

    def add(self, run: Run, png: bytes, *, width: Length, height: Length | None, text: str) -> None:
        """The picture in `run`, `width` wide (and `height` high, else to scale), with
        `text` as its alternative text for screen readers."""
        rel_id, image = self._part.get_or_add_image(BytesIO(png))
        cx, cy = image.scaled_dimensions(width, height)
        inline = CT_Inline.new_pic_inline(self._next_id, rel_id, image.filename, cx, cy)
        self._next_id += 1
        inline.docPr.set("descr", xml_text(text))
        run._r.add_drawing(inline)

"""The pieces of WordprocessingML that python-docx has no API for: fields (contents, page
numbers), repeated table header rows, cell shading, fonts without theme indirection."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.image import ImagePart
from docx.shared import Length
from docx.text.paragraph import Paragraph as WordParagraph

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


def element(tag: str, **attributes: str) -> BaseOxmlElement:
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
    """Adds pictures to a document's body, numbering the shapes and naming the image parts
    itself: python-docx searches the whole document for a free shape id and hashes every
    image already stored for each new picture, quadratic in a report with a trend picture
    on every table row."""

    def __init__(self, word) -> None:
        self._part = word.part
        self._next_id = self._part.next_id
        self._count = 0
        self._stored: dict[str, str] = {}  # an identical picture is stored once

    def add(self, run, png: bytes, *, width: Length, height: Length | None, text: str) -> None:
        """The picture in `run` (a w:r element), `width` wide (and `height` high, else to
        scale), with `text` as its alternative text for screen readers."""
        image = Image.from_blob(png)
        rel_id = self._stored.get(image.sha1)
        if rel_id is None:
            self._count += 1
            partname = PackURI(f"/word/media/aimaq-picture-{self._count}.{image.ext}")
            rel_id = self._part.relate_to(ImagePart.from_image(image, partname), RT.IMAGE)
            self._stored[image.sha1] = rel_id
        cx, cy = image.scaled_dimensions(width, height)
        inline = CT_Inline.new_pic_inline(self._next_id, rel_id, image.filename, cx, cy)
        self._next_id += 1
        inline.docPr.set("descr", xml_text(text))
        run.add_drawing(inline)


def table_row(
    texts: Sequence[str],
    widths: Sequence[int],
    *,
    right: frozenset[int],
    size: int,
    header: bool = False,
    fill: str = "",
):
    """One w:tr built as XML in one go (python-docx's object API costs a hundred times more
    per cell): each cell `widths[i]` twentieths of a point wide, text in `size` half-points,
    columns in `right` aligned right; a `header` row is bold, shaded with `fill` and repeats
    at the top of every page; every row stays whole on one page."""
    bold = "<w:b/>" if header else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    cells = []
    for index, (text, width) in enumerate(zip(texts, widths, strict=True)):
        align = '<w:jc w:val="right"/>' if index in right else ""
        lines = "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(xml_text(line))}</w:t>' for line in text.split("\n")
        )
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:after="0"/>{align}</w:pPr>'
            f'<w:r><w:rPr>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>{lines}'
            "</w:r></w:p></w:tc>"
        )
    repeat = '<w:tblHeader w:val="true"/>' if header else ""
    return parse_xml(
        f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit w:val="true"/>{repeat}</w:trPr>'
        f"{''.join(cells)}</w:tr>"
    )


def first_run(row, column: int):
    """The run of a cell made by `table_row`, to put a picture in."""
    return row.tc_lst[column].p_lst[0].r_lst[0]

"""SVG figures made ready for paper: read the way HTML reads inline SVG, so the PDF and the
DOCX show the same picture, with the document's fonts, and rasterised to PNG for Word.

CairoSVG (Kozea, the makers of WeasyPrint) draws through the system's cairo, which
WeasyPrint's stack already needs; it reads no file and fetches nothing in its default safe
mode (only data: URLs), which is how it is called here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import tinyhtml5

SVG_NS = "http://www.w3.org/2000/svg"
# The fonts every document uses: DejaVu carries the Kazakh letters ӘҒҚҢӨҰҮҺІ; Liberation
# 1.07 (pulled in by Chromium), which "sans-serif" may resolve to, does not.
FONT_FAMILY = "DejaVu Sans, Noto Sans, sans-serif"
GENERIC_FAMILIES = {"sans-serif", "serif", "system-ui", "", None}
PNG_DPI = 200
_ATTRIBUTE_NAME = re.compile(r"^(\{[^}]+\})?[A-Za-z_][\w.\-]*$")
_XMLNS = "{http://www.w3.org/2000/xmlns/}"


def clean_svg(markup: str) -> ET.Element:
    """The first <svg> of `markup` as HTML parses it (the namespace may be left out, as in an
    HTML page), without attributes no XML parser accepts, and with the document's fonts
    where the markup names a generic family."""
    svg = _as_xml(markup) if "<!" not in markup else None
    if svg is None:
        svg = _as_html(markup)
    if svg.get("font-family") in GENERIC_FAMILIES:
        svg.set("font-family", FONT_FAMILY)
    for element in svg.iter():
        if element is not svg and element.get("font-family") in GENERIC_FAMILIES - {None, ""}:
            element.set("font-family", FONT_FAMILY)
    return svg


def _as_xml(markup: str) -> ET.Element | None:
    """Well-formed markup (what the chart functions make) read as XML, which is a hundred
    times faster than an HTML parser and reads it the same; None when it is not XML."""
    try:
        root = ET.fromstring(markup.strip())
    except ET.ParseError:
        return None
    return root if root.tag in ("svg", f"{{{SVG_NS}}}svg") else None


def _as_html(markup: str) -> ET.Element:
    svg = tinyhtml5.parse(markup).find(f".//{{{SVG_NS}}}svg")
    if svg is None:
        raise ValueError("a figure needs an <svg> element")
    for element in svg.iter():
        for name in list(element.attrib):
            declares = name == "xmlns" or name.startswith(("xmlns:", _XMLNS))
            if declares or not _ATTRIBUTE_NAME.match(name):
                del element.attrib[name]
    return svg


def svg_markup(markup: str) -> str:
    """`markup` as well-formed SVG, ready to be placed inline in the PDF's HTML."""
    return _serialise(clean_svg(markup))


def svg_to_png(markup: str, *, width_mm: float) -> bytes:
    """A PNG of the SVG at PNG_DPI for a picture `width_mm` wide on paper; the SVG's own
    aspect ratio (its viewBox) gives the height."""
    svg = clean_svg(markup)
    box = _view_box(svg)
    if box:  # a width of "100%" means nothing outside a page: give the drawing its size
        svg.set("width", _number(box[0]))
        svg.set("height", _number(box[1]))
    data = _serialise(svg).encode()
    width_px = max(1, round(width_mm / 25.4 * PNG_DPI))
    import cairosvg  # here, not at start-up: it loads Cairo (~0.4 s)

    return cairosvg.svg2png(bytestring=data, output_width=width_px)


def _serialise(svg: ET.Element) -> str:
    """XML with SVG as the default namespace (no prefixes, which HTML would not read)."""
    prefix = f"{{{SVG_NS}}}"
    for element in svg.iter():
        if isinstance(element.tag, str) and element.tag.startswith(prefix):
            element.tag = element.tag[len(prefix) :]
    svg.set("xmlns", SVG_NS)  # ElementTree keeps no xmlns attribute of the source
    return ET.tostring(svg, encoding="unicode")


def _view_box(svg: ET.Element) -> tuple[float, float] | None:
    parts = (svg.get("viewBox") or "").replace(",", " ").split()
    if len(parts) != 4:
        return None
    try:
        width, height = float(parts[2]), float(parts[3])
    except ValueError:
        return None
    return (width, height) if width > 0 and height > 0 else None


def _number(value: float) -> str:
    return f"{value:g}"

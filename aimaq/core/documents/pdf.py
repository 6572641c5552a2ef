"""Documents as PDF: an HTML page (core/documents/base.html) laid out for A4 by WeasyPrint."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from .model import Document, Figure, InlineSvg, Table
from .svg import svg_markup
from .words import PageNumber, fixed_words


def render_pdf(document: Document) -> bytes:
    """The document as an A4 PDF in its own language: title page, contents with page
    numbers, running header, "page X of Y" in the footer, tables whose header row repeats
    on every page, figures as vectors, text in DejaVu Sans (which has ӘҒҚҢӨҰҮҺІ)."""
    return _weasyprint_document(document).write_pdf()


def page_count(document: Document) -> int:
    """How many pages the PDF of the document has."""
    return len(_weasyprint_document(document).pages)


def document_html(document: Document) -> str:
    """The HTML the PDF is laid out from (every text escaped by the template)."""
    with translation.override(document.language):
        words = fixed_words()
        context = {
            "document": document,
            "words": words,
            "drawn_on": date_format(document.drawn_on, "DATE_FORMAT"),
            "sections": [_prepared(section) for section in document.sections],
            "page_of": _css_content(words.page_of),
            "demo_marker": css_string(words.demo) if document.demo else SafeString('""'),
        }
        return render_to_string("core/documents/base.html", context)


def _weasyprint_document(document: Document):
    from weasyprint import HTML  # here, not at start-up: it takes about a second to load

    html = HTML(string=document_html(document), url_fetcher=_fetch_nothing)
    return html.render()


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict:
    """A document is whole in itself: it loads no file and no URL."""
    raise ValueError(f"documents load nothing from outside ({url[:40]})")


def _prepared(section):
    """The section's blocks with their SVG made well-formed and marked safe for the template
    (SVG comes from the platform's chart functions, which escape the texts they draw)."""
    blocks = []
    for block in section.blocks:
        if isinstance(block, Figure):
            blocks.append((block, mark_safe(svg_markup(block.svg))))  # noqa: S308
        elif isinstance(block, Table):
            total = sum(block.widths)
            widths = [100 * width / total for width in block.widths] if total > 0 else []
            rows = [[_cell(cell) for cell in row] for row in block.rows]
            blocks.append((block, {"rows": rows, "widths": widths}))
        else:
            blocks.append((block, None))
    return section, blocks


def _cell(cell: str | InlineSvg) -> dict:
    if isinstance(cell, InlineSvg):
        svg = mark_safe(svg_markup(cell.svg))  # noqa: S308
        return {"svg": svg, "width": cell.width_mm, "height": cell.height_mm}
    return {"text": cell}


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string that no character can leave: everything but letters,
    digits and spaces is written as a hexadecimal escape (so also "</style>" cannot end the
    style sheet it is placed in)."""
    escaped = "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):06x}" for char in text
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308


def _css_content(parts: list[str | PageNumber]) -> SafeString:
    """ "Page X of Y" as a CSS `content` value with the page counters in place."""
    tokens = [
        "counter(page)"
        if part is PageNumber.PAGE
        else "counter(pages)"
        if part is PageNumber.PAGES
        else css_string(part)
        for part in parts
    ]
    return mark_safe(" ".join(tokens))  # noqa: S308

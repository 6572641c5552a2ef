"""Documents every app prints: a model of plain text, tables and SVG figures
(`Document`), rendered to PDF (`render_pdf`, WeasyPrint) or DOCX (`render_docx`,
python-docx) in the document's own language."""

from .model import Block, Cell, Document, Figure, InlineSvg, KeyValue, Paragraph, Section, Table
from .pdf import page_count, render_pdf
from .word import render_docx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(CONTENT_TYPES)


def render(document: Document, file_format: str) -> bytes:
    """The document as a file of `file_format` ("pdf" or "docx")."""
    if file_format == "pdf":
        return render_pdf(document)
    if file_format == "docx":
        return render_docx(document)
    raise ValueError(f"no document format {file_format!r}; one of {FORMATS}")


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "Block",
    "Cell",
    "Document",
    "Figure",
    "InlineSvg",
    "KeyValue",
    "Paragraph",
    "Section",
    "Table",
    "page_count",
    "render",
    "render_docx",
    "render_pdf",
]

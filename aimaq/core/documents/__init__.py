"""Documents every app prints: a model of plain text, tables and SVG figures
(`Document`), rendered to PDF (`render_pdf`, WeasyPrint) or DOCX (`render_docx`,
python-docx) in the document's own language."""

from dataclasses import dataclass

from .model import Block, Cell, Document, Figure, InlineSvg, KeyValue, Paragraph, Section, Table

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(CONTENT_TYPES)


# The renderers load WeasyPrint and python-docx when first used, not when a process starts.


def render_pdf(document: Document) -> bytes:
    from .pdf import render_pdf

    return render_pdf(document)


def page_count(document: Document) -> int:
    from .pdf import page_count

    return page_count(document)


def render_docx(document: Document) -> bytes:
    from .word import render_docx

    return render_docx(document)


def render(document: Document, file_format: str) -> bytes:
    """The document as a file of `file_format` ("pdf" or "docx")."""
    if file_format == "pdf":
        return render_pdf(document)
    if file_format == "docx":
        return render_docx(document)
    raise ValueError(f"no document format {file_format!r}; one of {FORMATS}")


@dataclass(frozen=True)
class DocumentFile:
    """A rendered document: the name it is downloaded under, its content type and bytes."""

    name: str
    content_type: str
    data: bytes


def render_file(document: Document, file_format: str, name: str) -> DocumentFile:
    """The document rendered as `file_format`, downloaded as `name`."""
    return DocumentFile(name, CONTENT_TYPES[file_format], render(document, file_format))


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "Block",
    "Cell",
    "Document",
    "DocumentFile",
    "Figure",
    "InlineSvg",
    "KeyValue",
    "Paragraph",
    "Section",
    "Table",
    "page_count",
    "render",
    "render_docx",
    "render_file",
    "render_pdf",
]

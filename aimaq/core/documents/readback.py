"""Reading a rendered document back as a person's software would, for tests and checks:
the text of each PDF page (poppler's `pdftotext`, Debian poppler-utils), the fonts a PDF
embeds (`pdffonts`), and the text of a DOCX (python-docx)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO

import docx


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, laid out as printed (a table row stays on one line)."""
    text = _poppler("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"], data)
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_fonts(data: bytes) -> list[str]:
    """The names of the fonts the PDF embeds or names (subset prefixes removed)."""
    lines = _poppler("pdffonts", ["-"], data).splitlines()[2:]
    return sorted({line.split()[0].split("+")[-1] for line in lines if line.strip()})


@dataclass
class DocxText:
    paragraphs: list[tuple[str, str]]  # (style name, text)
    tables: list[list[list[str]]]  # rows of cell texts
    header: str
    footer: str


def docx_text(data: bytes) -> DocxText:
    """The paragraphs (with their styles), tables, running header and footer of a DOCX."""
    word = docx.Document(BytesIO(data))
    section = word.sections[0]
    return DocxText(
        paragraphs=[(p.style.name if p.style else "", p.text) for p in word.paragraphs],
        tables=[[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables],
        header="\n".join(p.text for p in section.header.paragraphs),
        footer="\n".join(p.text for p in section.footer.paragraphs),
    )


def _poppler(tool: str, arguments: list[str], data: bytes) -> str:
    path = shutil.which(tool)
    if path is None:
        raise RuntimeError(f"{tool} is missing: apt-get install poppler-utils (bin/setup --test)")
    done = subprocess.run([path, *arguments], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")

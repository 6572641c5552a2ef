"""What a document holds, apart from how it is drawn: plain text and SVG in Python objects,
built by an app (a profile, a plan, a protocol) and rendered by `render_pdf` or `render_docx`.

Every text is plain text, never markup: the renderers escape it. Only `Figure.svg` and
`InlineSvg.svg` carry markup, made by the platform's own chart functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; `note` sets it in small print (explanations, sources)."""

    text: str
    note: bool = False
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class KeyValue:
    """Facts as label–value pairs (KATO code, level, parent), drawn as a two-column list."""

    items: Sequence[tuple[str, str]]
    kind: ClassVar[str] = "keyvalue"


@dataclass(frozen=True)
class InlineSvg:
    """A small picture inside a table cell (a sparkline), with its size on paper and the
    words that say what it shows (alternative text)."""

    svg: str
    label: str
    width_mm: float = 24.0
    height_mm: float = 6.0


Cell = str | InlineSvg


@dataclass(frozen=True)
class Table:
    """A real table: a header row repeated on every page it spans, rows of cells, a caption
    above and notes below (units, marks, sources). `numeric` columns align right; `widths`
    are relative column widths (any positive numbers), or empty for equal columns. A line
    break in a cell's text starts a new line in the PDF as in the DOCX."""

    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    caption: str = ""
    notes: Sequence[str] = ()
    numeric: frozenset[int] = frozenset()
    widths: Sequence[float] = ()
    kind: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.headers):
                raise ValueError(
                    f"row {number} has {len(row)} cells, the table {len(self.headers)} columns"
                )
        if self.widths and len(self.widths) != len(self.headers):
            raise ValueError("one width per column")


@dataclass(frozen=True)
class Figure:
    """A chart or map drawn as SVG, with its caption below; `width_mm` on paper."""

    svg: str
    caption: str
    width_mm: float = 170.0
    kind: ClassVar[str] = "figure"


Block = Paragraph | KeyValue | Table | Figure


@dataclass
class Section:
    """A heading and what follows it; `level` 2 makes a subsection (also in the contents)."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2):
            raise ValueError("a section is of level 1 or 2")


@dataclass
class Document:
    """A whole document in one language (`kk`, `ru` or `en`): the title page (title,
    subtitle, territory, date drawn, source, and the demo marker when it holds demo data),
    the contents, then the sections."""

    title: str
    language: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str = ""
    territory: str = ""
    source: str = ""
    drawn_on: date = field(default_factory=timezone.localdate)
    demo: bool = False

    def __post_init__(self) -> None:
        languages = [code for code, _name in settings.LANGUAGES]
        if self.language not in languages:
            raise ValueError(f"language {self.language!r} is not one of {languages}")

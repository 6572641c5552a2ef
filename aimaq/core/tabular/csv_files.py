"""CSV: the encoding (UTF-8 with or without BOM, or Windows-1251, told apart by reading the
whole file once) and the delimiter (sniffed from the first rows, quotes respected), then rows
streamed through Python's csv reader, or the file handed whole to a bulk reader in UTF-8."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _

from .errors import FileRefused, RowError
from .limits import Limits
from .source import TabularSource
from .table import Table, no_rows, too_many_rows, unique_names

CHUNK = 1 << 20
SAMPLE = 64 * 1024
FIELD_SIZE_LIMIT = 16 * 1024 * 1024
DELIMITERS = (";", ",", "\t", "|")
ENCODINGS = {
    "utf-8": "utf-8-sig",
    "utf8": "utf-8-sig",
    "utf-8-sig": "utf-8-sig",
    "cp1251": "cp1251",
    "windows-1251": "cp1251",
}
# Windows-1251 characters a Russian or Kazakh file may well contain; other characters of its
# 0x80–0xBF block (Ђ, Ѓ, Љ, ў…) or control characters mean the bytes were not Windows-1251
# text after all (UTF-8 with a broken byte, another code page).
PLAUSIBLE_CP1251 = set("«»–—№ёЁ“”„’‘…•ІіЇїЄєҐґ°±·§©®™€‰\u00a0")
_HIGH_BLOCK = bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore")
_IMPLAUSIBLE = re.compile(
    "["
    + re.escape("".join(c for c in _HIGH_BLOCK if c not in PLAUSIBLE_CP1251))
    + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


@dataclass(frozen=True)
class TextScan:
    encoding: str  # a Python codec: "utf-8-sig" or "cp1251"
    lines: int
    longest_line: int = 0  # in bytes: no cell of the file is longer


class _LineCounter:
    """Lines and the longest line (in bytes) of a stream fed chunk by chunk, at numpy speed."""

    def __init__(self) -> None:
        self.lines = 0
        self.longest = 0
        self._open = 0  # bytes since the last newline

    def feed(self, chunk: bytes) -> None:
        import numpy as np  # here, not at start-up (a third of a second)

        newlines = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
        if not newlines.size:
            self._open += len(chunk)
            return
        self.lines += int(newlines.size)
        longest = self._open + int(newlines[0])
        if newlines.size > 1:
            longest = max(longest, int(np.diff(newlines).max()) - 1)
        self.longest = max(self.longest, longest)
        self._open = len(chunk) - int(newlines[-1]) - 1

    def finish(self) -> None:
        if self._open:
            self.lines += 1
            self.longest = max(self.longest, self._open)


class CsvTable(Table):
    """A CSV file: `encoding`, `delimiter`, `header` and streamed `rows()`; `utf8_file()`
    gives a UTF-8 path of it for bulk readers (DuckDB)."""

    file_format = "csv"

    def __init__(self, source: TabularSource, *, encoding: str = "", limits: Limits) -> None:
        super().__init__(limits)
        self.source = source
        if source.size == 0 or not source.head(SAMPLE).strip():
            raise FileRefused(no_rows())
        scan = scan_text(source, encoding)
        self.encoding, self.lines, self.longest_line = scan.encoding, scan.lines, scan.longest_line
        if self.lines - 1 > limits.rows:
            raise FileRefused(too_many_rows(limits.rows + 2, limits.rows))
        sample, complete = self._sample()
        self.delimiter = sniff_delimiter(sample, complete=complete)
        self._stream: BinaryIO | None = None
        self._records = self._read_records()
        try:
            for number, cells in self._records:
                if any(cells):
                    self.header_row = number
                    self.header = unique_names(cells)
                    break
            else:
                raise FileRefused(no_rows())
        except FileRefused:
            self.close()
            raise

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._checked(self._records)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    @contextmanager
    def utf8_file(self) -> Iterator[str]:
        """A path to the file in UTF-8: the source itself when it is a UTF-8 file on disk,
        else a temporary copy (removed on leaving)."""
        if self.source.path is not None and self.encoding == "utf-8-sig":
            yield str(self.source.path)
            return
        handle = tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False)  # noqa: SIM115
        try:
            with handle, self.source.open() as raw:
                if self.encoding == "utf-8-sig":
                    shutil.copyfileobj(raw, handle, CHUNK)
                else:
                    text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
                    while chunk := text.read(CHUNK):
                        handle.write(chunk.encode("utf-8"))
            yield handle.name
        finally:
            os.unlink(handle.name)

    def _sample(self) -> tuple[str, bool]:
        with self.source.open() as raw:
            data = raw.read(SAMPLE + 1)
        complete = len(data) <= SAMPLE
        text = data[:SAMPLE].decode(self.encoding, errors="ignore")
        return text, complete

    def _read_records(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, trimmed cells) for every record, an empty line counting as a row as a
        spreadsheet shows it."""
        # Long cells are read whole and refused by the cell limit, naming their column; the
        # csv module's own limit (131,072 characters) only stops what is longer still.
        if csv.field_size_limit() < FIELD_SIZE_LIMIT:
            csv.field_size_limit(FIELD_SIZE_LIMIT)
        self._stream = stream = self.source.open()
        text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
        reader = csv.reader(text, delimiter=self.delimiter, quotechar='"', doublequote=True)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                if "field larger than field limit" in str(exc):
                    expected = _("a cell of at most %(count)s characters")
                    raise FileRefused(
                        RowError(number, "—", "…", expected % {"count": self.limits.cell_chars})
                    ) from exc
                raise FileRefused(
                    RowError(number, _("all columns"), "",
                             _("cells separated by “%(delimiter)s”, quotes closed")
                             % {"delimiter": _delimiter_name(self.delimiter)})
                ) from exc  # fmt: skip
            number += 1
            yield number, [cell.strip() for cell in cells]


def sniff_delimiter(sample: str, *, complete: bool = True) -> str:
    """The delimiter of the first rows: the one whose header has several cells and the most
    rows agreeing with it in cell count. Quoted cells are read as cells, so a “;” inside a
    quoted header does not count."""
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        try:
            records = list(
                itertools.islice(csv.reader(io.StringIO(sample), delimiter=delimiter), 50)
            )
        except csv.Error:
            continue
        if not complete and len(records) > 1:
            records = records[:-1]  # may be cut short by the sample's end
        records = [record for record in records if any(cell.strip() for cell in record)]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        score = (sum(len(record) == width for record in records[1:]), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def scan_text(source: TabularSource, declared: str = "") -> TextScan:
    """The encoding of the whole file, checked byte by byte (it streams: memory stays flat),
    and its line count. FileRefused names the row and column of the first byte that is not
    text in the declared encoding, or in UTF-8 or plausible Windows-1251 when none is."""
    head = source.head(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        found = "UTF-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else _("not text")
        raise FileRefused(
            RowError(1, _("encoding"), found, _("text in UTF-8 or cp1251 (Windows Cyrillic)"))
        )
    if declared:
        codec = ENCODINGS.get(declared.lower(), declared)
        try:
            codecs.lookup(codec)
        except LookupError:
            raise FileRefused(
                RowError(0, _("encoding"), declared, _("UTF-8 or cp1251 (Windows Cyrillic)"))
            ) from None
        bad, counter = _first_bad_byte(source, codec, plausible_only=False)
        if bad is not None:
            expected = _("text in the %(encoding)s encoding") % {"encoding": declared}
            raise FileRefused(_bad_byte_error(source, bad, expected))
        return TextScan(codec, counter.lines, counter.longest)
    bad, counter = _first_bad_byte(source, "utf-8-sig", plausible_only=False)
    if bad is None:
        return TextScan("utf-8-sig", counter.lines, counter.longest)
    not_cp1251, counter = _first_bad_byte(source, "cp1251", plausible_only=True)
    if not_cp1251 is None:
        return TextScan("cp1251", counter.lines, counter.longest)
    # Neither: the first byte that breaks UTF-8 is where a mostly-UTF-8 file went wrong.
    expected = _(
        "text in UTF-8 or Windows-1251 (Cyrillic); save the file as “CSV UTF-8” and upload it again"
    )
    raise FileRefused(_bad_byte_error(source, bad, expected))


def _first_bad_byte(
    source: TabularSource, codec: str, *, plausible_only: bool
) -> tuple[int | None, _LineCounter]:
    """(offset of the first byte that is no text in `codec`, or None; the lines read)."""
    decoder = codecs.getincrementaldecoder(codec)()
    counter = _LineCounter()
    offset = 0
    with source.open() as raw:
        while chunk := raw.read(CHUNK):
            pending = len(decoder.getstate()[0])
            if offset == 0 and codec == "utf-8-sig" and chunk.startswith(codecs.BOM_UTF8):
                pending = -len(codecs.BOM_UTF8)  # the decoder drops the BOM before decoding
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start, counter
            if plausible_only and (odd := _IMPLAUSIBLE.search(text)):
                return offset + odd.start(), counter  # one byte a character in cp1251
            counter.feed(chunk)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset - len(decoder.getstate()[0]), counter
    counter.finish()
    return None, counter


def _bad_byte_error(source: TabularSource, position: int, expected: str) -> RowError:
    """The row and column (by the header's names) of the byte at `position`."""
    line, line_start = 1, 0
    with source.open() as raw:
        header = raw.readline(SAMPLE)
        raw.seek(0)
        offset = 0
        while offset < position:
            chunk = raw.read(min(CHUNK, position - offset))
            if not chunk:
                break
            newlines = chunk.count(b"\n")
            if newlines:
                line += newlines
                line_start = offset + chunk.rfind(b"\n") + 1
            offset += len(chunk)
        raw.seek(line_start)
        prefix = raw.read(min(position - line_start, SAMPLE))
        raw.seek(position)
        found = raw.read(8)
    header_text = header.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    delimiter = sniff_delimiter(header_text)
    names = header_text.split(delimiter)
    column_number = prefix.count(delimiter.encode()) + 1
    column = names[column_number - 1].strip() if column_number <= len(names) else str(column_number)
    return RowError(line, column, found.hex(" "), expected)


def _delimiter_name(delimiter: str) -> str:
    return {"\t": _("tab")}.get(delimiter, delimiter)

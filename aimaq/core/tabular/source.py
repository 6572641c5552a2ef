"""A file to read: its name (which tells the format) and its bytes, a path, or a stored file."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass
class TabularSource:
    """A file by name with its bytes (`data`) or its `path`. Reading streams from the path;
    bytes are for small files made in memory (tests, demo data)."""

    file_name: str
    data: bytes | None = None
    path: Path | None = None

    @property
    def extension(self) -> str:
        return Path(self.file_name).suffix.lower().lstrip(".")

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return os.path.getsize(self.path)

    def open(self) -> BinaryIO:
        """A binary stream of the file, from its start; the caller closes it."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return open(self.path, "rb")  # noqa: SIM115 - the caller closes it

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return Path(self.path).read_bytes()

    def head(self, size: int = 8) -> bytes:
        with self.open() as stream:
            return stream.read(size)

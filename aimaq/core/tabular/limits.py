"""The bounds every tabular import is held to, from settings (AIMAQ_IMPORT_*). Each is
checked before the work it protects: the upload's size when it arrives, a workbook's
unpacked size and compression ratio before it is opened, rows and cell lengths while the
file streams by, and the closest-name search on the few cells that need it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 100 * MB
    unpacked_bytes: int = 512 * MB
    unpacked_ratio: float = 100.0
    rows: int = 20_000_000
    cell_chars: int = 2000
    # The closest-name search (for a message) looks at this many characters of a cell, for
    # at most `fuzzy_cells` distinct unknown cells of a file.
    fuzzy_chars: int = 100
    fuzzy_cells: int = 200
    # Memory a bulk check (DuckDB) may hold before it spills to a temporary folder.
    work_memory_bytes: int = 256 * MB

    @classmethod
    def from_settings(cls) -> Limits:
        default = cls()
        return cls(
            upload_bytes=int(getattr(settings, "AIMAQ_IMPORT_MAX_UPLOAD_MB", 100) * MB),
            unpacked_bytes=int(getattr(settings, "AIMAQ_IMPORT_MAX_UNPACKED_MB", 512) * MB),
            unpacked_ratio=float(getattr(settings, "AIMAQ_IMPORT_MAX_RATIO", 100)),
            rows=int(getattr(settings, "AIMAQ_IMPORT_MAX_ROWS", default.rows)),
            cell_chars=int(getattr(settings, "AIMAQ_IMPORT_MAX_CELL_CHARS", default.cell_chars)),
            fuzzy_chars=int(getattr(settings, "AIMAQ_IMPORT_FUZZY_CHARS", default.fuzzy_chars)),
            fuzzy_cells=int(getattr(settings, "AIMAQ_IMPORT_FUZZY_CELLS", default.fuzzy_cells)),
            work_memory_bytes=int(getattr(settings, "AIMAQ_IMPORT_WORK_MEMORY_MB", 256) * MB),
        )


def megabytes(size: int) -> str:
    """A size for a message: "100 MB", "1.5 MB"."""
    value = size / MB
    return f"{value:.0f} MB" if value >= 10 or value.is_integer() else f"{value:.1f} MB"

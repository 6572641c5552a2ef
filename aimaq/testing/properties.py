"""How many examples a property test that reaches the database tries.

The suite runs on SQLite first, where each property gets its full number of examples. The
PostgreSQL run repeats it to catch what the server does differently (types, ordering,
constraints, locking), which any example shows: there a property tries a quarter of its
examples, at least five. `bin/test` sets DATABASE_URL before pytest starts, so the count is
known when the decorators run.
"""

from __future__ import annotations

import os

FEWEST_ON_SERVER = 5


def on_postgresql() -> bool:
    """Whether this test run talks to a PostgreSQL server (DATABASE_URL)."""
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def examples(full: int) -> int:
    """`full` on SQLite; a quarter of it (at least five) on PostgreSQL."""
    return max(FEWEST_ON_SERVER, full // 4) if on_postgresql() else full

"""A cache of expensive reads (the pivot's totals over thousands of units, a coverage
report, values computed from below), tied to what they were read from: the data version
(`caching.data_version`: an import, an approval, an edit of a territory or an indicator
moves it) and the imports hidden from the reader (`visibility`). An entry is never
invalidated: a change makes a new key, and the old entries age out of the cache.

Not used inside a transaction (`connection.in_atomic_block`): a read there may see rows
that are rolled back, and ids handed out in it (which the data version is made of) are
handed out again after a rollback. Requests run in autocommit, so pages always use it;
tests, which run in a transaction, read the database every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection

from .visibility import hidden_runs, reading_request

T = TypeVar("T")
TIMEOUT = 60 * 60  # seconds; entries of an old data version are never read again


def enabled() -> bool:
    return bool(getattr(settings, "AIMAQ_READ_CACHE", True)) and not connection.in_atomic_block


def digest(parts: Iterable[Any]) -> str:
    """A short, stable digest of a sequence of ids, codes or periods."""
    return hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=10).hexdigest()


def _prefix(kind: str, version: str | None = None) -> str:
    from .caching import data_version

    hidden = digest(sorted(hidden_runs()))
    version = data_version(reading_request()) if version is None else version
    return f"aimaq:{kind}:{version}:{hidden}"


def structure_version() -> str:
    """The data version without its figures' part: what moves when a territory, a group or
    an indicator is edited. For entries whose keys name each indicator's own figure version
    (`versions.figure_versions`), so an import of one indicator leaves the others' entries
    valid."""
    from .caching import data_version

    return "s" + data_version(reading_request()).split(".", 1)[-1]


def cached_many(
    kind: str,
    keys: Iterable[str],
    compute: Callable[[list[str]], dict[str, T]],
    *,
    version: str | None = None,
    alias: str = "default",
) -> dict[str, T]:
    """{key: value} for each key: from the cache where present, the rest from
    `compute(missing keys)` (one call, stored). Without the cache, `compute(all keys)`.
    Entries are tied to the whole data version, or to `version` when the keys carry the
    rest (`structure_version()` with each indicator's figure version in its key). `alias`
    names the cache (settings.CACHES) they are kept in."""
    keys = list(keys)
    if not enabled():
        return compute(keys)
    cache = caches[alias]
    prefix = _prefix(kind, version)
    found = cache.get_many([f"{prefix}:{k}" for k in keys])
    result = {k: found[f"{prefix}:{k}"] for k in keys if f"{prefix}:{k}" in found}
    missing = [k for k in keys if k not in result]
    if missing:
        computed = compute(missing)
        cache.set_many({f"{prefix}:{k}": v for k, v in computed.items()}, TIMEOUT)
        result.update(computed)
    return result


def store_many(kind: str, values: dict[str, Any]) -> None:
    """Keeps values computed on the way (a subtree's units, when one unit was asked for)."""
    if values and enabled():
        prefix = _prefix(kind)
        caches["default"].set_many({f"{prefix}:{k}": v for k, v in values.items()}, TIMEOUT)


def cached(kind: str, key: str, compute: Callable[[], T], *, alias: str = "default") -> T:
    """One value, from the cache or `compute()` (stored)."""
    return cached_many(kind, [key], lambda _keys: {key: compute()}, alias=alias)[key]

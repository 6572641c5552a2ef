"""Which figures a reader may see: approved ones, and figures awaiting approval only for the
officials in scope (DHIS2's data approval).

An import by an editor lands at once but stays unpublished until a manager in scope approves
it (`approvals.py`). Every read of figures for a page, an export, a document or the API goes
through `values.py`, `periods.py` or `aggregation.py`, which leave out the figures of
*hidden* imports and put back the approved values those imports replaced. Hidden, by
default (outside a request, in background jobs, for every anonymous visitor and every
public API answer): every import not approved. In a request of a signed-in official
(`FigureVisibilityMiddleware`), the imports awaiting approval whose territory the official's
role covers are visible.

The imports awaiting approval are few, so the condition is a short list of run ids checked
on the rows a read already scans: it costs nothing measurable when nothing is waiting.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_reader: ContextVar[Any] = ContextVar("figure_reader", default=None)
P = ParamSpec("P")
R = TypeVar("R")


class _Reader:
    """The person a request reads figures for; their hidden runs computed once, when a read
    first asks."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._hidden: frozenset[int] | None = None
        self.memo: dict[str, Any] = {}

    def hidden(self) -> frozenset[int]:
        if self._hidden is None:
            unpublished = _unpublished()
            if unpublished and _may_be_signed_in(self.request):
                unpublished -= _visible_to(self.request.user, unpublished)
            self._hidden = frozenset(unpublished)
        return self._hidden


def _may_be_signed_in(request: HttpRequest) -> bool:
    """Without a session cookie nobody is signed in: the session is not touched (so an
    anonymous page gets no `Vary: Cookie`)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _unpublished() -> set[int]:
    """The unpublished runs; in a GET request from the cache, by the data version (which
    every import and approval decision moves), already read for the page's ETag."""
    from .approvals import unpublished_runs
    from .readcache import enabled

    request = reading_request()
    if request is None or request.method not in ("GET", "HEAD") or not enabled():
        return unpublished_runs()
    from django.core.cache import caches

    from .caching import data_version

    key = f"aimaq:unpublished:{data_version(request)}"
    found = caches["default"].get(key)
    if found is None:
        found = unpublished_runs()
        caches["default"].set(key, found, 60 * 60)
    return set(found)


def _visible_to(user: Any, runs: set[int]) -> set[int]:
    from .approvals import runs_visible_to

    return runs_visible_to(user, runs)


class _Snapshot:
    """Outside a request: the default (every unapproved import hidden), read once for one
    whole read (a profile, a map), so its several queries agree and ask once."""

    def __init__(self) -> None:
        self._hidden: frozenset[int] | None = None
        self.memo: dict[str, Any] = {}

    def hidden(self) -> frozenset[int]:
        if self._hidden is None:
            self._hidden = frozenset(_unpublished())
        return self._hidden


def one_reading(function: Callable[P, R]) -> Callable[P, R]:
    """Runs a selector as one read: outside a request, the hidden imports are looked up
    once for all its queries (in a request, once per request already)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if _reader.get() is not None:
            return function(*args, **kwargs)
        token = _reader.set(_Snapshot())
        try:
            return function(*args, **kwargs)
        finally:
            _reader.reset(token)

    return wrapper


@contextmanager
def published_reading() -> Iterator[None]:
    """Reads inside see what the public sees (every unapproved import hidden), whoever the
    request is for: what stored sums are made of."""
    token = _reader.set(_Snapshot())
    try:
        yield
    finally:
        _reader.reset(token)


def reads_published() -> bool:
    """Whether the current reader sees exactly the published figures (every visitor, and
    an official with nothing awaiting approval in their scope)."""
    return hidden_runs() == once_per_reading("unpublished", lambda: frozenset(_unpublished()))


def hidden_runs() -> frozenset[int]:
    """Ids of the import runs whose figures the current reader may not see."""
    reader = _reader.get()
    if reader is not None:
        return reader.hidden()
    return frozenset(_unpublished())


def once_per_reading(key: str, compute: Callable[[], R]) -> R:
    """`compute()` once per GET request (or per `one_reading` selector outside a request): a
    check that several selectors of one page would otherwise each make. Outside any
    reading, and in a request that may write (a POST), every call computes."""
    reader = _reader.get()
    request = getattr(reader, "request", None)
    if reader is None or (request is not None and request.method not in ("GET", "HEAD")):
        return compute()
    if key not in reader.memo:
        reader.memo[key] = compute()
    return reader.memo[key]


def reading_request() -> HttpRequest | None:
    """The request the current read is for, if any."""
    reader = _reader.get()
    return getattr(reader, "request", None)


# For raw SQL over observations: projections are never read as figures, summed or counted
# as reported (`selectors.values.totals` leaves them out the same way).
REPORTED_SQL = " AND status <> 'projection'"


def hidden_sql(column: str = "import_run_id") -> str:
    """ " AND (…)" leaving out the hidden runs' rows, for raw SQL; "" when none is hidden."""
    hidden = hidden_runs()
    if not hidden:
        return ""
    ids = ", ".join(str(int(pk)) for pk in sorted(hidden))
    return f" AND ({column} IS NULL OR {column} NOT IN ({ids}))"


def visible(queryset):
    """The queryset of observations without the hidden runs' rows."""
    hidden = hidden_runs()
    return queryset.exclude(import_run_id__in=hidden) if hidden else queryset


def replaced_values(
    indicator_ids: Iterable[int],
    territory_ids: Iterable[int],
    *,
    period: str | None = None,
    cap: str | None = None,
    periods: Iterable[str] | None = None,
    totals_only: bool = True,
) -> list[tuple[int, int, str, str, float]]:
    """(indicator_id, territory_id, period, disaggregation, value) of the values (totals
    only, unless told) that a hidden import replaced: the last value before it that the
    reader may see. [] when nothing is hidden."""
    hidden = hidden_runs()
    if not hidden:
        return []
    from django.db.models import Exists, OuterRef

    from .models import Observation, ObservationRevision

    # Only where the value now stored is a hidden import's (a later visible import that
    # replaced it again stands as it is).
    hidden_now = Observation.objects.filter(
        indicator_id=OuterRef("indicator_id"),
        territory_id=OuterRef("territory_id"),
        period=OuterRef("period"),
        disaggregation=OuterRef("disaggregation"),
        import_run_id__in=hidden,
    )
    rows = ObservationRevision.objects.filter(
        Exists(hidden_now),
        replaced_by_id__in=hidden,
        indicator_id__in=list(indicator_ids),
        territory_id__in=list(territory_ids),
    ).exclude(import_run_id__in=hidden)
    rows = rows.exclude(status="projection")  # kept apart from reported figures
    if totals_only:
        rows = rows.filter(disaggregation="")
    if periods is not None:
        rows = rows.filter(period__in=list(periods))
    if period is not None:
        rows = rows.filter(period=period)
    if cap is not None:
        rows = rows.filter(period__lte=cap)
    found: dict[tuple[int, int, str, str], float] = {}
    for indicator_id, territory_id, found_period, split, value in rows.order_by(
        "replaced_at", "pk"
    ).values_list("indicator_id", "territory_id", "period", "disaggregation", "value"):
        found[(indicator_id, territory_id, found_period, split)] = value  # the latest wins
    return [(*key, value) for key, value in found.items()]


class FigureVisibilityMiddleware:
    """Reads in a request see what its person may see (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reader.set(_Reader(request))
        try:
            return self.get_response(request)
        finally:
            _reader.reset(token)

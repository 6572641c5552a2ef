"""Where a reform changed the area behind a series or a map: the numbered marks and the notes
that name the reform, so a drop like Karaganda's in 2022 (Ulytau cut out of it) is never
read as a fall.

    notes = series_notes(data)   # [(territory, points)]: breaks inside each line's span
    notes = map_notes(choropleth)  # units (and the parent) whose area changed since the period

A series is marked at the first period on or after the day of the reform; a map at every
unit whose boundary changed between the start of the period shown and today (the map draws
today's boundaries, the figures are of the area as it was then).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.territories.models import Succession, Territory
from aimaq.territories.reforms import SeriesBreak, breaks_between, breaks_by_unit
from aimaq.territories.validity import span_of

Series = list[tuple[str, float]]


@dataclass(frozen=True)
class BreakNote:
    """One numbered break: the unit, the period it is marked at ("" on a map) and the text
    (the unit's name, what happened on which day, the reform's title)."""

    number: int
    territory: Territory
    period: str
    text: str

    @property
    def mark(self) -> str:
        return f"[{self.number}]"


def _text(territory: Territory, found: SeriesBreak) -> str:
    reform = f" ({found.reform})" if found.reform else ""
    return f"{territory.name} — {found.sentence()}{reform}"


def series_notes(data: Sequence[tuple[Territory, Series]]) -> list[BreakNote]:
    """The breaks inside each territory's series (the day after its first period began and
    no later than its last period's end), numbered in the order of the lines. One query."""
    shown = [(t, points) for t, points in data if points]
    breaks = breaks_by_unit([t.pk for t, _points in shown]) if shown else {}
    notes: list[BreakNote] = []
    for territory, points in shown:
        spans = [(period, span) for period, _v in points if (span := span_of(period)) is not None]
        if not spans:
            continue
        first, last = spans[0][1][0], spans[-1][1][1]
        for found in breaks.get(territory.pk, []):
            if not first < found.day <= last:
                continue
            period = next(period for period, span in spans if span[1] >= found.day)
            notes.append(BreakNote(len(notes) + 1, territory, period, _text(territory, found)))
    return notes


def map_notes(
    territories: Sequence[Territory], period: str, parent: Territory | None = None
) -> list[BreakNote]:
    """The units (and the parent whose outline is drawn) whose area changed between the
    start of `period` and today. One query."""
    span = span_of(period)
    if span is None:
        return []
    units = ([parent] if parent is not None else []) + list(territories)
    by_id = {t.pk: t for t in units}
    if not _any_succession(list(by_id)):
        return []
    breaks = breaks_between(list(by_id), span[0], timezone.localdate())
    notes: list[BreakNote] = []
    for territory in units:
        for found in breaks.get(territory.pk, []):
            notes.append(BreakNote(len(notes) + 1, territory, "", _text(territory, found)))
    return notes


def _any_succession(territory_ids: list[int]) -> bool:
    """Whether a reform touched any of the units: one lookup on the key, which spares most
    maps building the reforms' rows (units no reform touched)."""
    if not territory_ids:
        return False
    table = Succession._meta.db_table
    marks = ", ".join(["%s"] * len(territory_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE predecessor_id IN ({marks}) "
            f"OR successor_id IN ({marks}) LIMIT 1",
            [*territory_ids, *territory_ids],
        )
        return cursor.fetchone() is not None


def marks_by_territory(notes: Sequence[BreakNote]) -> dict[int, str]:
    """{territory id: its marks, "[1][3]"} for a table or a tooltip."""
    marks: dict[int, str] = {}
    for note in notes:
        marks[note.territory.pk] = marks.get(note.territory.pk, "") + note.mark
    return marks


def marks_by_period(notes: Sequence[BreakNote]) -> dict[str, str]:
    """{period: its marks} for a series' table and chart."""
    marks: dict[str, str] = {}
    for note in notes:
        marks[note.period] = marks.get(note.period, "") + note.mark
    return marks


def lead_note(period: str) -> str:
    """What a map's break notes mean, said once above them."""
    return _(
        "The map draws today's boundaries; the figures for %(period)s are of the units as "
        "they were then. A reform changed the area of these units since:"
    ) % {"period": period}


def series_lead() -> str:
    """What a series' break notes mean, said once above them."""
    return _(
        "A reform changed the area behind these series: the figures before and after the "
        "mark are not of the same area."
    )

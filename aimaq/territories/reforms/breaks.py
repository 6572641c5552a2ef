"""Where a reform changed a unit's area: the breaks its series and maps must show.

    breaks = series_breaks(territory)              # every break of one unit
    notes = breaks_by_unit([t.pk for t in units])   # for a table or a map of many

A break is told in the reader's language: "08.06.2022: part of its area became Abai
Region (100000000)" — Abai, Zhetisu and Ulytau were cut out of East Kazakhstan, Almaty and
Karaganda, so their series before and after that day are not of the same area.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Succession, SuccessionKind, Territory

BEGAN, ENDED, LOST_AREA = "began", "ended", "lost_area"


@dataclass(frozen=True)
class SeriesBreak:
    """A day the unit's area changed: it began (from `others`), ended (into `others`) or
    lost part of its area (to `others`), by the reform titled `reform`."""

    territory_id: int
    day: date
    kind: str
    others: tuple[tuple[str, str], ...]  # (KATO, name) of the units on the other side
    reform: str
    continued: bool = False  # began as the continuation of `others` / ended into them

    @property
    def year(self) -> int:
        return self.day.year

    def sentence(self) -> str:
        """What happened, in the active language."""
        units = ", ".join(f"{name} ({kato})" for kato, name in self.others)
        values = {"day": date_format(self.day, "SHORT_DATE_FORMAT"), "units": units}
        if self.kind == BEGAN and self.continued:
            text = _("%(day)s: continues %(units)s, whose area was larger before this day")
        elif self.kind == BEGAN:
            text = _("%(day)s: formed from part of the area of %(units)s")
        elif self.kind == ENDED:
            text = _("%(day)s: ended; its area went to %(units)s")
        else:
            text = _("%(day)s: part of its area became %(units)s")
        return text % values

    def __str__(self) -> str:
        return self.sentence()


def breaks_by_unit(territory_ids: Iterable[int]) -> dict[int, list[SeriesBreak]]:
    """{territory id: its breaks, oldest first} for the units given (one query)."""
    ids = set(territory_ids)
    links = (
        Succession.objects.filter(predecessor_id__in=ids)
        | Succession.objects.filter(successor_id__in=ids)
    ).select_related("reform", "predecessor", "successor")
    found: dict[int, list[SeriesBreak]] = defaultdict(list)
    for link in links:
        day = link.reform.date
        continued = link.kind == SuccessionKind.CONTINUED
        if link.successor_id in ids:
            found[link.successor_id].append(
                SeriesBreak(
                    link.successor_id,
                    day,
                    BEGAN,
                    (_unit(link.predecessor),),
                    link.reform.title,
                    continued,
                )  # fmt: skip
            )
        if link.predecessor_id in ids:
            predecessor = link.predecessor
            kind = ENDED if predecessor.valid_to and predecessor.valid_to <= day else LOST_AREA
            found[link.predecessor_id].append(
                SeriesBreak(
                    link.predecessor_id,
                    day,
                    kind,
                    (_unit(link.successor),),
                    link.reform.title,
                    continued,
                )  # fmt: skip
            )
    return {pk: _merged(breaks) for pk, breaks in found.items()}


def series_breaks(territory: Territory) -> list[SeriesBreak]:
    """The breaks of one unit's series, oldest first."""
    return breaks_by_unit([territory.pk]).get(territory.pk, [])


def breaks_between(
    territory_ids: Iterable[int], first: date, last: date
) -> dict[int, list[SeriesBreak]]:
    """The breaks on days from `first` to `last` (a map's period and today, a series' span)."""
    return {
        pk: inside
        for pk, breaks in breaks_by_unit(territory_ids).items()
        if (inside := [b for b in breaks if first <= b.day <= last])
    }


def _unit(territory: Territory) -> tuple[str, str]:
    return territory.kato, territory.name


def _merged(breaks: list[SeriesBreak]) -> list[SeriesBreak]:
    """One break per day and kind, naming every unit on the other side."""
    merged: dict[tuple[date, str], SeriesBreak] = {}
    for item in sorted(breaks, key=lambda b: (b.day, b.kind)):
        key = (item.day, item.kind)
        if key in merged:
            known = merged[key]
            merged[key] = SeriesBreak(
                known.territory_id, known.day, known.kind, known.others + item.others,
                known.reform, known.continued or item.continued,
            )  # fmt: skip
        else:
            merged[key] = item
    return list(merged.values())

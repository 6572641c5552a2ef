from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils.translation import gettext_lazy as _

from aimaq.core.i18n import active_language, localized

from .models import WorkingDayChange

# The `holidays` package names Kazakhstan's holidays in Kazakh and English only; these are
# its English names, translated here for Russian readers.
HOLIDAY_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "Orthodox Christmas": _("Orthodox Christmas"),
    "International Women's Day": _("International Women's Day"),
    "Nowruz Holiday": _("Nowruz"),
    "Kazakhstan's People Solidarity Holiday": _("Day of Unity of the People of Kazakhstan"),
    "Defender of the Fatherland Day": _("Defender of the Fatherland Day"),
    "Victory Day": _("Victory Day"),
    "Eid al-Adha": _("Kurban Ait"),
    "Capital Day": _("Capital Day"),
    "Constitution Day": _("Constitution Day"),
    "Republic Day": _("Republic Day"),
    "Independence Day": _("Independence Day"),
}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KZ", years=year, language="en_US").items())


def _changes(start: date, end: date) -> dict[date, WorkingDayChange]:
    rows = WorkingDayChange.objects.filter(day__gte=start, day__lte=end)
    return {row.day: row for row in rows}


def _is_working(day: date, changes: dict[date, WorkingDayChange]) -> bool:
    change = changes.get(day)
    if change is not None:
        return change.kind == WorkingDayChange.Kind.WORKING
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Is `day` a working day (weekday, not a public holiday or its carry-over, unless a
    transfer entered by officials says otherwise)?"""
    return _is_working(day, _changes(day, day))


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (a deadline of "10 working days")."""
    if count < 0:
        raise ValueError("count must not be negative")
    changes = _changes(start, start + timedelta(days=count * 3 + 30))
    day, left = start, count
    while left:
        day += timedelta(days=1)
        if _is_working(day, changes):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    changes = _changes(start, end)
    total, day = 0, start
    while day < end:
        day += timedelta(days=1)
        total += _is_working(day, changes)
    return total


def day_note(day: date) -> str:
    """Why `day` is special, in the reader's language: a holiday, its carry-over, or a
    transfer; "" for an ordinary day."""
    change = WorkingDayChange.objects.filter(day=day).first()
    if change is not None:
        return localized(change, "reason") or str(change.get_kind_display())
    name = _public_holidays(day.year).get(day, "")
    if not name:
        return ""
    observed = name.endswith(" (observed)")
    base = name.removesuffix(" (observed)").removesuffix(" (estimated)")
    if active_language() == "kk":
        kazakh = dict(holidays.country_holidays("KZ", years=day.year, language="kk").items())
        return kazakh.get(day, base)
    if base.startswith("Day off"):
        return str(_("day off moved from a working day"))
    text = str(HOLIDAY_NAMES.get(base, base))
    return str(_("%(holiday)s (carried over)")) % {"holiday": text} if observed else text

"""The working-day calendar of Kazakhstan: public holidays and their carry-overs (from the
`holidays` package), plus the government's yearly transfers of working days, which officials
enter (`WorkingDayChange`): the package's data stops at 2025 for those.

    is_working_day(day)            add_working_days(start, 10)
    working_days_between(a, b)     day_note(day)  # the holiday's or the transfer's name
"""

from .calendar import add_working_days, day_note, is_working_day, working_days_between

__all__ = ["add_working_days", "day_note", "is_working_day", "working_days_between"]

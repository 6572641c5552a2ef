"""Kazakhstan's working days: weekends, public holidays with their carry-overs, and the
transfers officials enter."""

from datetime import date

import pytest
from django.utils import translation

from aimaq.core.workdays import add_working_days, day_note, is_working_day, working_days_between
from aimaq.core.workdays.models import WorkingDayChange

pytestmark = pytest.mark.django_db


def test_nowruz_2026_and_its_carry_overs_are_days_off():
    assert [is_working_day(date(2026, 3, d)) for d in range(20, 27)] == [
        True, False, False, False, False, False, True,
    ]  # fmt: skip


def test_ten_working_days_from_before_nowruz_end_after_it():
    # Friday 20 March 2026: the next ten working days skip the weekend and Nowruz.
    assert add_working_days(date(2026, 3, 20), 10) == date(2026, 4, 8)
    assert working_days_between(date(2026, 3, 20), date(2026, 4, 8)) == 10


def test_a_transfer_entered_by_officials_wins_over_the_calendar():
    saturday = date(2026, 1, 3)
    assert not is_working_day(saturday)
    WorkingDayChange.objects.create(day=saturday, kind="working", reason_ru="Перенос на 5 января")
    WorkingDayChange.objects.create(day=date(2026, 1, 5), kind="day_off", reason_en="Moved")
    assert is_working_day(saturday)
    assert not is_working_day(date(2026, 1, 5))
    with translation.override("ru"):
        assert day_note(saturday) == "Перенос на 5 января"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "Наурыз мейрамы"), ("ru", "Наурыз"), ("en", "Nowruz")],
)
def test_holidays_are_named_in_the_readers_language(language, expected):
    with translation.override(language):
        assert expected in day_note(date(2026, 3, 22))


def test_a_carry_over_says_so():
    with translation.override("en"):
        assert day_note(date(2026, 3, 24)) == "Nowruz (carried over)"
    assert day_note(date(2026, 3, 26)) == ""

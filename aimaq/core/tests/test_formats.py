from datetime import date

import pytest
from django.utils import formats, translation


@pytest.mark.parametrize(
    ("language", "day", "number"),
    [
        ("kk", "22.11.2026", "1\xa0234\xa0567,5"),
        ("ru", "22.11.2026", "1\xa0234\xa0567,5"),
        ("en", "22 Nov 2026", "1,234,567.5"),
    ],
)
def test_dates_and_numbers_read_as_people_here_write_them(language, day, number):
    with translation.override(language):
        assert formats.date_format(date(2026, 11, 22)) == day
        assert formats.number_format(1234567.5, 1, use_l10n=True, force_grouping=True) == number

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from aimaq.accounts.identifiers import is_valid_iin_bin, validate_bin, validate_iin


@pytest.mark.parametrize("number", ["940140000385", "950341000052", "070941024691"])
def test_published_bins_are_valid(number):
    validate_bin(number)


def test_published_iin_is_valid():
    validate_iin("061211600012")


@pytest.mark.parametrize("number", ["940140000386", "94014000038", "9401400003850", "94O140000385"])
def test_wrong_check_digit_or_shape_is_refused(number):
    assert not is_valid_iin_bin(number)
    with pytest.raises(ValidationError):
        validate_bin(number)


def test_an_iin_is_not_accepted_as_bin():
    with translation.override("en"), pytest.raises(ValidationError, match="fifth digit"):
        validate_bin("061211600012")

"""Kazakh identification numbers: IIN (individuals) and BIN (legal entities), 12 digits."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The twelfth digit, or None when the number can have none (both passes give 10)."""
    digits = [int(d) for d in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def is_valid_iin_bin(number: str) -> bool:
    return (
        isinstance(number, str)
        and len(number) == 12
        and number.isdigit()
        and check_digit(number[:11]) == int(number[11])
    )


def validate_bin(number: str) -> None:
    if not is_valid_iin_bin(number):
        raise ValidationError(
            _("“%(value)s” is not a valid BIN: 12 digits with a correct check digit."),
            code="invalid_bin",
            params={"value": number},
        )
    if number[4] not in "456":
        raise ValidationError(
            _("“%(value)s” is not a BIN: its fifth digit must be 4, 5 or 6."),
            code="bin_type",
            params={"value": number},
        )


def validate_iin(number: str) -> None:
    if not is_valid_iin_bin(number) or number[6] not in "123456":
        raise ValidationError(
            _("“%(value)s” is not a valid IIN: 12 digits with a correct check digit."),
            code="invalid_iin",
            params={"value": number},
        )

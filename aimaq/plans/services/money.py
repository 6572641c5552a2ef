"""Money in plans is whole tenge: integers, never floats."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from aimaq.core.money import MAX_TENGE


def check_amount(amount: Any) -> int:
    """`amount` as whole, non-negative tenge; a ValidationError says what was expected. A
    float is refused outright: money never passes through binary fractions."""
    if isinstance(amount, (bool, float)):
        raise ValidationError(_("An amount is a whole number of tenge."), code="not_whole")
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise ValidationError(_("An amount is a whole number of tenge."), code="not_whole")
        amount = int(amount)
    if not isinstance(amount, int):
        raise ValidationError(_("An amount is a whole number of tenge."), code="not_whole")
    if amount < 0:
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    if amount > MAX_TENGE:
        raise ValidationError(_("The amount is too large."), code="too_large")
    return amount

"""Money is whole tenge: integers, never floats, under one bound every app applies."""

from django.utils.formats import number_format

# The largest amount any field or imported cell may hold: ten quadrillion tenge, far above
# any budget, and well inside a 64-bit column even summed over many lines.
MAX_TENGE = 10**16


def grouped_tenge(amount: int) -> str:
    """Whole tenge with the reader's thousands separator, for messages."""
    return number_format(amount, force_grouping=True)

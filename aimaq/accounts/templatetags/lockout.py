from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def minutes(delta: timedelta | None) -> int:
    """Whole minutes in a cool-off period, rounded up: `{{ cooloff_timedelta|minutes }}`."""
    if not delta:
        return 0
    return max(1, -(-int(delta.total_seconds()) // 60))


@register.filter
def from_now(delta: timedelta | None) -> datetime | None:
    """The moment a cool-off period that starts now ends: `{{ cooloff_timedelta|from_now }}`.

    Every refused attempt restarts the cool-off (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT),
    so counting from this response is exact.
    """
    if not delta:
        return None
    return timezone.now() + delta

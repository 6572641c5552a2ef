from django import template
from django.urls import reverse

from aimaq.core.i18n import localized as localized_field

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """`{{ group|localized:"description" }}`: the field in the active language, or the next best."""
    return localized_field(obj, field)


# Any valid code: reversed through the `kato` converter, then replaced by the placeholder.
_SAMPLE_KATO = "000000000"


@register.simple_tag
def kato_link(url_name: str) -> str:
    """`{% kato_link 'territories:detail' %}` → "/territories/{kato}/": a link template the
    map script fills with each feature's code."""
    return reverse(url_name, args=[_SAMPLE_KATO]).replace(_SAMPLE_KATO, "{kato}")

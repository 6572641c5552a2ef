from django import template

from aimaq.core.i18n import localized as localized_field

register = template.Library()


@register.filter
def localized(obj: object, field: str) -> str:
    """`{{ group|localized:"description" }}`: the field in the active language, or the next best."""
    return localized_field(obj, field)

from django import template

from aimaq.core.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def can_do(context, action: str, obj: object) -> bool:
    """`{% can_do "territories.change" territory as may_edit %}`: the one check, for templates."""
    return can(context["request"].user, action, obj)

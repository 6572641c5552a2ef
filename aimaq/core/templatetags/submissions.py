from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from aimaq.core.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    """The hidden token that makes a creating form's view run once (`@sent_once`)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())

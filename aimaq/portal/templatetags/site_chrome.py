"""Tags for the site's frame (base.html): header, navigation, language switcher."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: object) -> str:
    """`{% optional_url "accounts:login" as login_url %}`: the URL, or "" while the view
    that owns the name is not installed, so the frame renders whatever apps are present."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """The interface languages, each named in itself (Қазақша, Русский, English) whatever
    the active language, so a reader finds their own."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]

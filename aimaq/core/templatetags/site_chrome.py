"""Tags for the site's frame (base.html) and the scaffolding every page shares: header,
navigation from the registry, language switcher, page sections, breadcrumbs, pagination."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.http import QueryDict
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from aimaq.core import registries

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
def site_root() -> str:
    """The site's front page: the root of the URL space (whichever app serves it)."""
    return get_script_prefix()


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """The interface languages, each named in itself (Қазақша, Русский, English) whatever
    the active language, so a reader finds their own."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def nav_links(context: template.Context) -> list[registries.NavLink]:
    """`{% nav_links as links %}`: the header links the visitor may see (see registries)."""
    return registries.nav_links(context["request"])


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, page: str, obj: Any, slot: str = "main") -> SafeString:
    """`{% page_sections "territory" territory "actions" %}`: what other apps add to this
    page, in their order (see registries.register_section)."""
    parts = registries.render_sections(context["request"], page, obj, slot)
    return mark_safe("".join(parts))


@register.inclusion_tag("includes/crumb.html")
def crumb(label: object, url_name: str = "", *args: object) -> dict:
    """One breadcrumb: `{% crumb _("Indicators") "indicators:list" %}` links it;
    `{% crumb territory.name "territories:detail" territory.kato %}` with arguments; without a
    url name (`{% crumb _("Edit") %}`) it is the current page."""
    url = reverse(url_name, args=args or None) if url_name else ""
    return {"label": label, "url": url}


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context: template.Context, page: Page, label: object = "") -> dict:
    """Previous / "page N of M" / next links for a Django paginator page, keeping the rest of
    the query string (filters) as it is."""
    query: QueryDict = context["request"].GET.copy()

    def link(number: int) -> str:
        query["page"] = str(number)
        return "?" + query.urlencode()

    return {
        "page": page,
        "label": label,
        "previous_url": link(page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page.next_page_number()) if page.has_next() else "",
    }

"""SVG written as a tree of elements, so that every text and every attribute value is escaped
when the tree is serialised: no caller ever puts markup together by hand.

    el("text", name, x=10, y=20, class_="legend")  →  <text x="10" y="20" class="legend">…</text>

The result is a `SafeString`, fit both to serve as an image/svg+xml document and to place
inside an HTML page (quotes are escaped too, so a value can never leave its attribute)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape, unescape

from django.utils.html import strip_tags
from django.utils.safestring import SafeData, SafeString, mark_safe

AttrValue = str | int | float | None

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9:.-]*$")
# Characters XML 1.0 forbids: a name holding one would make the whole image unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Attributes that run script or load a resource: never set through the builder.
_REFUSED = re.compile(r"^on|href$|^src$", re.IGNORECASE)


def number(value: float) -> str:
    """A coordinate with at most one decimal: 12.0 → "12", 3.14 → "3.1"."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def as_text(value: object) -> str:
    """The text a value stands for. Markup already marked safe (a label a template made
    with `blocktranslate asvar`, whose names the template escaped) is read back to its text,
    so it is escaped once, not twice; its tags, if any, are dropped."""
    if isinstance(value, SafeData):
        return unescape(strip_tags(str(value)))
    return str(value)


def escape_text(text: object) -> str:
    """Text made safe for an SVG text node or a quoted attribute value (quotes escaped)."""
    return escape(_NOT_XML.sub("", as_text(text)), quote=True)


def _attribute_name(key: str) -> str:
    """`class_` → class, `font_family` → font-family, `aria_label` → aria-label."""
    name = key.rstrip("_").replace("_", "-")
    if not _NAME.match(name) or _REFUSED.search(name):
        raise ValueError(f"not an attribute the chart builder writes: {key!r}")
    return name


def _attribute_value(value: str | int | float) -> str:
    if isinstance(value, bool):
        raise TypeError("attribute values are text or numbers, not booleans")
    if isinstance(value, float):
        return number(value)
    return escape_text(value)


@dataclass(frozen=True, slots=True)
class Element:
    """One SVG element; its children are elements or plain text (escaped when written)."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Element | str, ...]

    def write(self, out: list[str]) -> None:
        out.append("<" + self.tag)
        for name, value in self.attrs:
            out.append(f' {name}="{value}"')
        if not self.children:
            out.append("/>")
            return
        out.append(">")
        for child in self.children:
            if isinstance(child, Element):
                child.write(out)
            else:
                out.append(escape_text(child))
        out.append(f"</{self.tag}>")

    def render(self) -> SafeString:
        """The element as markup; safe, because the builder escaped everything in it."""
        out: list[str] = []
        self.write(out)
        return mark_safe("".join(out))  # noqa: S308 — every text and value went through escape_text

    def __str__(self) -> str:
        return self.render()


def el(tag: str, *children: Element | str | None, **attrs: AttrValue) -> Element:
    """An element with attributes in the order given; `None` attributes and children are left
    out. Attribute names: a trailing underscore is dropped and other underscores become
    hyphens. Event handlers and links cannot be set."""
    if not _NAME.match(tag) or tag.lower() in {"script", "foreignobject", "a", "use", "image"}:
        raise ValueError(f"not an element the chart builder writes: {tag!r}")
    written = tuple(
        (_attribute_name(key), _attribute_value(value))
        for key, value in attrs.items()
        if value is not None
    )
    return Element(tag, written, tuple(child for child in children if child is not None))


def group(children: Iterable[Element | str | None], **attrs: AttrValue) -> Element:
    """A <g> around several elements (for a list built in a loop)."""
    return el("g", *children, **attrs)


def svg_document(
    *children: Element | None, width: int, height: int, title: str, class_: str, **attrs: AttrValue
) -> SafeString:
    """A standalone <svg> (it declares its namespace) with a title that screen readers read,
    sized in pixels (a downloaded file opens at its size; pages scale it with CSS)."""
    root = el(
        "svg",
        el("title", title),
        *children,
        class_=class_,
        xmlns=SVG_NAMESPACE,
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label=title,
        **attrs,
    )
    return root.render()

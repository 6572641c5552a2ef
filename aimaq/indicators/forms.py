"""Forms: the import upload, and the query parameters of the analysis pages (so a page and its
API twin read `?t=…&i=…&period=…` the same way)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory
from aimaq.territories.search import search_territories

from .classification import SCHEMES
from .importing.periods import PeriodFilter
from .models import Indicator, ObservationStatus

MAX_CHOSEN = 40


def split_codes(values: Iterable[str]) -> list[str]:
    """`?t=1&t=2` and `?t=1 2,3` alike: every code, in order."""
    return [code for value in values for code in re.split(r"[\s,;]+", value or "") if code]


def territories_from(values: Iterable[str]) -> list[Territory]:
    """Current territories for KATO codes or names, in the order given, unknown ones
    skipped (`chosen_territories` names them)."""
    return chosen_territories(values)[0]


def chosen_territories(values: Iterable[str]) -> tuple[list[Territory], list[str]]:
    """(current territories, entries matching none) for what a person typed: KATO codes
    (separated by spaces, commas or semicolons) or names in any language (separated by
    commas or semicolons; the territory search's best match), in the order given."""
    entries: list[str] = []
    for value in values:
        for part in re.split(r"[,;\n]+", value or ""):
            part = part.strip()
            labelled = LABELLED.search(part)  # "Nura District (355200000)", as pages write them
            if labelled:
                entries.append(labelled[1])
                continue
            entries += part.split() if re.fullmatch(r"[\d\s]+", part) else [part] * bool(part)
    entries = entries[:MAX_CHOSEN]
    current = Territory.objects.current()
    by_code = {t.kato: t for t in current.filter(kato__in=[e for e in entries if e.isdigit()])}
    ordered: list[Territory] = []
    unknown: list[str] = []
    for entry in entries:
        territory = by_code.get(entry) if entry.isdigit() else _by_name(entry, current)
        if territory is None:
            unknown.append(entry)
        elif territory not in ordered:
            ordered.append(territory)
    return ordered, unknown


LABELLED = re.compile(r"\((\d{9})\)\s*$")


def territory_label(territory: Territory) -> str:
    """How a form shows a chosen territory: its name and, to keep it exact, its code."""
    return f"{territory.name} ({territory.kato})"


def territories_field_value(territories: Iterable[Territory]) -> str:
    """The chosen territories as a form's text box shows them, comma-separated."""
    return ", ".join(territory_label(t) for t in territories)


def _by_name(name: str, current) -> Territory | None:
    hits = search_territories(name, limit=1)
    return current.filter(pk=hits[0].territory_id).first() if hits else None


def indicators_from(codes: Iterable[str]) -> list[Indicator]:
    """Indicators for codes, in the order given, unknown ones skipped (`chosen_indicators`
    names them)."""
    return chosen_indicators(codes)[0]


def chosen_indicators(codes: Iterable[str]) -> tuple[list[Indicator], list[str]]:
    """(indicators, codes matching none) for `?i=a&i=b` or `?i=a,b`, in the order given."""
    wanted = list(dict.fromkeys(split_codes(codes)))[:MAX_CHOSEN]
    found = {i.code: i for i in Indicator.objects.filter(code__in=wanted)}
    return [found[c] for c in wanted if c in found], [c for c in wanted if c not in found]


SCHEME_CHOICES = [
    ("quantiles", _("quantiles (equal counts)")),
    ("equal_interval", _("equal intervals")),
    ("natural_breaks", _("natural breaks (Fisher–Jenks)")),
]
assert {s for s, _label in SCHEME_CHOICES} == set(SCHEMES)


def _attrs_html(attrs: dict[str, Any]) -> SafeString:
    """The attributes as Django's attrs.html writes them (False left out, True bare)."""
    return mark_safe(  # noqa: S308 - every name and value escaped
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class FlatSelect(forms.Select):
    """A select of plain choices (no groups) drawn in Python, as Django's template draws it:
    Django's includes one template per option, which is most of the map form's cost."""

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        options = "".join(
            f'\n  <option value="{escape(option["value"])}"'
            f"{' selected' if option['attrs'].get('selected') else ''}>"
            f"{escape(option['label'])}</option>"
            for _name, group, _index in widget["optgroups"]
            for option in group
        )
        return mark_safe(  # noqa: S308 - every value escaped
            f'<select name="{escape(widget["name"])}"{_attrs_html(widget["attrs"])}>{options}\n</select>'
        )


class _FlatInputMixin:
    """An input drawn in Python, as Django's template draws it."""

    def _render(self, template_name, context, renderer=None) -> SafeString:
        widget = context["widget"]
        value = widget["value"]
        shown = "" if value is None else f' value="{escape(value)}"'
        return mark_safe(  # noqa: S308 - every value escaped
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
            f"{_attrs_html(widget['attrs'])}>"
        )


class FlatInput(_FlatInputMixin, forms.TextInput):
    pass


class FlatNumberInput(_FlatInputMixin, forms.NumberInput):
    pass


class MapForm(forms.Form):
    # Core's form and field templates (forms/div.html, forms/field.html) in one: the same
    # markup, without a template per field.
    template_name = "indicators/widgets/flat_form.html"

    parent = forms.CharField(
        label=_("Territory (name or KATO code)"),
        required=False,
        max_length=200,
        widget=FlatInput(attrs={"size": 30}),
    )
    level = forms.ChoiceField(
        label=_("Units"),
        required=False,
        choices=[("", _("children of the territory")), (Level.RAYON, _("all rayons"))],
        widget=FlatSelect,
    )
    period = forms.CharField(label=_("Period"), required=False, max_length=7)
    scheme = forms.ChoiceField(
        label=_("Classes"), required=False, choices=SCHEME_CHOICES, widget=FlatSelect
    )
    k = forms.IntegerField(
        label=_("Number of classes"),
        required=False,
        min_value=2,
        max_value=7,
        widget=FlatNumberInput,
    )

    def __init__(
        self, *args, periods: Iterable[str] | None = None, default: str = "", **kwargs
    ) -> None:
        """`periods`: draw the period as a choice among them, the `default` one marked (the
        map page); reading a query leaves it free text, checked by the map itself."""
        super().__init__(*args, **kwargs)
        if periods is not None:
            choices = [(p, f"{p} ({_('default')})" if p == default else p) for p in periods]
            self.fields["period"].widget = FlatSelect(choices=choices)

    def params(self) -> dict:
        """The map asked for; a field that is not valid (the page's inputs prevent it, a
        hand-made address may not) takes its default, the others stay as asked."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "parent": data.get("parent") or COUNTRY_CODE,
            "level": data.get("level") or "",
            "period": data.get("period") or "",
            "scheme": data.get("scheme") or "quantiles",
            "k": data.get("k") or 5,
        }


def indicator_choices() -> list[tuple[str, str]]:
    """Every indicator, by theme and code, named in the active language."""
    return [(i.code, i.name) for i in Indicator.objects.order_by("theme", "code")]


class TypologyForm(forms.Form):
    # Drawn on the page; the view reads the chosen codes with indicators_from (in order,
    # unknown ones left out).
    i = forms.MultipleChoiceField(label=_("Indicators"), required=False, choices=indicator_choices)
    k = forms.IntegerField(label=_("Number of groups"), required=False, min_value=2, max_value=7)
    period = forms.CharField(label=_("Period"), required=False, max_length=7)

    def params(self) -> dict:
        """The grouping asked for; a field that is not valid takes its default."""
        self.is_valid()
        data = self.cleaned_data
        return {"k": data.get("k") or 4, "period": data.get("period") or ""}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, XLSX or SDMX; the format is recognised from the file."),
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[
            ("auto", _("recognise from the columns")),
            ("long", _("long: one row per value (indicator, territory, period, value)")),
            ("wide", _("wide: one row per territory, one column per period")),
        ],
        initial="auto",
    )
    sheet = forms.CharField(
        label=_("Sheet name"),
        required=False,
        max_length=64,
        help_text=_("For XLSX files; the first sheet when empty."),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.order_by("code"),
        to_field_name="code",
        required=False,
        help_text=_("For files without an indicator column, such as wide files."),
        error_messages={"invalid_choice": _("No such indicator: pick one from the list.")},
    )
    match = forms.ChoiceField(
        label=_("Match territories by"),
        choices=[
            ("auto", _("recognise (KATO code or name)")),
            ("code", _("KATO code")),
            ("name", _("name")),
        ],
        initial="auto",
    )

    status = forms.ChoiceField(
        label=_("Status of the values"),
        choices=ObservationStatus.choices,
        initial=ObservationStatus.FINAL,
        required=False,
        help_text=_(
            "For files without a status column. A projection or forecast is kept apart from "
            "reported figures."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=255,
        help_text=_("Recorded on each value when the file has no source column."),
    )
    periods = forms.CharField(
        label=_("Only these years"),
        required=False,
        max_length=100,
        help_text=_("Such as 2000-2023 or 2010, 2015-2020; values of other periods are left out."),
    )
    skip_invalid = forms.BooleanField(
        label=_("Leave out refused rows and import the others"),
        required=False,
        help_text=_("The report counts the rows left out."),
    )

    def clean_periods(self) -> str:
        text = self.cleaned_data.get("periods", "").strip()
        try:
            PeriodFilter(text)
        except ValueError as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return text

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("layout") == "wide" and not data.get("indicator"):
            self.add_error("indicator", _("A wide file needs the indicator code."))
        return data

    def options(self) -> dict:
        """The ImportOptions of the importing service."""
        data = self.cleaned_data
        return {
            "layout": data["layout"],
            "match": data["match"],
            "sheet": data.get("sheet", ""),
            "indicator": data["indicator"].code if data.get("indicator") else "",
            "status": data.get("status") or ObservationStatus.FINAL,
            "source": data.get("source", ""),
            "periods": data.get("periods", ""),
            "skip_invalid": bool(data.get("skip_invalid")),
        }

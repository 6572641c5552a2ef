"""Dashboards: an official saves a few maps, trend charts and a table of the units for their
territory; anyone reads them; the territory's default one shows on its page (a section)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.permissions import can
from aimaq.core.submissions import sent_once
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory

from . import selectors
from .models import Dashboard, DashboardItem, DashboardItemKind, Indicator
from .permissions import CHANGE

KINDS = (
    (DashboardItemKind.MAP, "maps"),
    (DashboardItemKind.SERIES, "series"),
    (DashboardItemKind.TABLE, "table"),
)


def _indicator_choices() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.order_by("theme", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DashboardForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    maps = _indicator_choices()
    series = _indicator_choices()
    table = _indicator_choices()
    is_default = forms.BooleanField(
        label=gettext_lazy("Show it on the territory's page"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maps"].label = gettext_lazy("Maps of the units")
        self.fields["series"].label = gettext_lazy("Trend charts")
        self.fields["table"].label = gettext_lazy("Indicators in the table of the units")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("maps", "series", "table")):
            raise forms.ValidationError(_("Choose at least one map, chart or table indicator."))
        return data


def _may_edit(request: HttpRequest, territory: Territory) -> bool:
    return can(request.user, CHANGE, Dashboard(territory=territory))


@require_http_methods(["GET", "POST"])
@sent_once
def dashboards(request: HttpRequest, kato: str) -> HttpResponse:
    """The territory's dashboards, and for its officials the form to save a new one."""
    territory = territory_or_404(kato, current=True)
    may_edit = _may_edit(request, territory)
    form = DashboardForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You may not save dashboards for this territory."))
        if form.is_valid():
            dashboard = save_dashboard(territory, form.cleaned_data, by=request.user)
            return redirect("indicators:dashboard", pk=dashboard.pk)
    context = {
        "territory": territory,
        "dashboards": Dashboard.objects.filter(territory=territory),
        "form": form,
    }
    return render(request, "indicators/dashboards.html", context)


def save_dashboard(
    territory: Territory, data: dict[str, Any], *, by: Any, dashboard: Dashboard | None = None
) -> Dashboard:
    """A new dashboard with its items, or `dashboard` changed to `data` (its items replaced);
    the default one, if asked, replacing the former."""
    with transaction.atomic():
        if data.get("is_default"):
            Dashboard.objects.filter(territory=territory, is_default=True).update(is_default=False)
        if dashboard is None:
            dashboard = Dashboard.objects.create(
                territory=territory,
                title=data["title"],
                is_default=bool(data.get("is_default")),
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
        else:
            dashboard.title = data["title"]
            dashboard.is_default = bool(data.get("is_default"))
            dashboard.save(update_fields=["title", "is_default"])
            dashboard.items.all().delete()
        items = []
        for kind, name in KINDS:
            for indicator in data.get(name) or []:
                items.append(DashboardItem(dashboard=dashboard, kind=kind, indicator=indicator))
        for position, item in enumerate(items):
            item.position = position
        DashboardItem.objects.bulk_create(items)
    return dashboard


def _initial(dashboard: Dashboard) -> dict[str, Any]:
    """The form's values for a saved dashboard."""
    items = list(dashboard.items.all())
    initial: dict[str, Any] = {"title": dashboard.title, "is_default": dashboard.is_default}
    for kind, name in KINDS:
        initial[name] = [i.indicator_id for i in items if i.kind == kind]
    return initial


def _owned_or_403(request: HttpRequest, pk: int) -> Dashboard:
    found = get_object_or_404(Dashboard.objects.select_related("territory"), pk=pk)
    if not can(request.user, CHANGE, found):
        raise PermissionDenied(_("Only the person who saved this dashboard may change it."))
    return found


@require_http_methods(["GET", "POST"])
def dashboard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner changes a dashboard: title, items, whether the territory page shows it."""
    found = _owned_or_403(request, pk)
    form = DashboardForm(request.POST or None, initial=_initial(found))
    if request.method == "POST" and form.is_valid():
        save_dashboard(found.territory, form.cleaned_data, by=request.user, dashboard=found)
        return redirect("indicators:dashboard", pk=found.pk)
    return render(request, "indicators/dashboard_edit.html", {"dashboard": found, "form": form})


@require_POST
def dashboard_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner deletes a dashboard; back to the territory's dashboards."""
    found = _owned_or_403(request, pk)
    kato = found.territory.kato
    found.delete()
    return redirect("indicators:dashboards", kato=kato)


def dashboard_context(dashboard: Dashboard) -> dict[str, Any]:
    items = list(dashboard.items.select_related("indicator"))
    table_indicators = [i.indicator for i in items if i.kind == DashboardItemKind.TABLE]
    table = None
    if table_indicators:
        units = selectors.map_units(dashboard.territory) or [dashboard.territory]
        choice = selectors.period_choice([i.pk for i in table_indicators], [u.pk for u in units])
        table = selectors.comparison_table(units, table_indicators, choice.shown or None)
    return {
        "dashboard": dashboard,
        "maps": [i.indicator for i in items if i.kind == DashboardItemKind.MAP],
        "series": [i.indicator for i in items if i.kind == DashboardItemKind.SERIES],
        "table": table,
    }


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Dashboard.objects.select_related("territory"), pk=pk)
    context = dashboard_context(found)
    context["may_change"] = can(request.user, CHANGE, found)
    return render(request, "indicators/dashboard.html", context)


def default_dashboard_section(request: HttpRequest, territory: Territory) -> dict | None:
    """The territory page's section: its default dashboard; else, where the territory has
    other dashboards or the person may save one, the way to them; else nothing."""
    found = Dashboard.objects.filter(territory=territory, is_default=True).first()
    if found is not None:
        return dashboard_context(found)
    may_edit = _may_edit(request, territory)
    if may_edit or Dashboard.objects.filter(territory=territory).exists():
        return {"dashboard": None, "territory": territory, "may_edit": may_edit}
    return None

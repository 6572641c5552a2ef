"""An indicator's metadata page: what it is (definition, method, unit, periodicity, source
and its publication schedule, disaggregations, SDG link, how it adds up) and its coverage
report (which units report which periods), like DHIS2's and Taldau's indicator pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.lookups import territory_or_404

from . import selectors
from .forms import territory_label
from .models import Indicator
from .selectors.coverage import COMPUTED, MISSING, REPORTED
from .selectors.provenance import value_provenance


@require_GET
def indicator_about(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("numerator", "denominator", "weight_indicator"),
        code=code,
    )
    asked = (request.GET.get("parent") or COUNTRY_CODE).strip()
    parent = territory_or_404(asked if asked.isdigit() else COUNTRY_CODE, current=True)
    coverage = selectors.indicator_coverage(indicator, parent)
    context = {
        "indicator": indicator,
        "dimensions": list(indicator.dimensions.all()),
        "coverage": coverage,
        "parent_label": territory_label(parent),
        "statuses": {"reported": REPORTED, "computed": COMPUTED, "missing": MISSING},
        "totals": [(status, coverage.totals(status)) for status in (REPORTED, COMPUTED, MISSING)],
        "sdg_goal": indicator.sdg_target.split(".")[0],
        "ancestors": parent.ancestors() if parent.parent_id else [],
    }
    return render(request, "indicators/about.html", context)


@require_GET
def value_source(request: HttpRequest, code: str, kato: str, period: str) -> HttpResponse:
    """Where one figure comes from (a table cell's link)."""
    indicator = get_object_or_404(Indicator, code=code)
    territory = territory_or_404(kato)
    origin = value_provenance(indicator, territory, period[:7])
    return render(request, "indicators/value_source.html", {"origin": origin})

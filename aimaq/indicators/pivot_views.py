"""The pivot table page and its XLSX export. Everything chosen is in the address (a GET
form), so a pivot is shared by copying its link."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aimaq.core.exports import XLSX_CONTENT_TYPE, append_row, attachment, xlsx_bytes
from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory

from . import selectors
from .described import Described, territories_label
from .exports import number_format
from .forms import chosen_indicators, chosen_territories, territories_field_value
from .models import Dimension
from .selectors.pivot import DIMENSIONS, Pivot, PivotSpec, pivot_table

LEVELS = {"": None, "rayon": Level.RAYON, "rural_okrug": Level.RURAL_OKRUG}
MAX_PERIODS = 30


@dataclass
class PivotQuery:
    spec: PivotSpec
    unknown_territories: list[str]
    unknown_indicators: list[str]
    available_periods: list[str]
    default_period: str
    level: str
    page: int


def parse(request: HttpRequest) -> PivotQuery:
    """The pivot asked for in the address: `i` indicators, `t` territories (names or codes;
    none: the units of `parent`, or every unit of `level` under it), `p` periods (none: the
    one rule's default year), `d` a disaggregation, `rows` the dimension on the rows."""
    get = request.GET
    indicators, unknown_indicators = chosen_indicators(get.getlist("i"))
    territories, unknown_territories = chosen_territories(get.getlist("t"))
    parent = Territory.objects.current().filter(kato=(get.get("parent") or COUNTRY_CODE)).first()
    level = get.get("level", "") if get.get("level", "") in LEVELS else ""
    if not territories and parent is not None:
        territories = selectors.map_units(parent, level=LEVELS[level])
    elif territories:
        parents = {t.parent_id for t in territories}
        only = parents.pop() if len(parents) == 1 else None
        parent = Territory.objects.filter(pk=only).first() if only else None
    choice = selectors.period_choice(
        [i.pk for i in indicators], [t.pk for t in territories], by_year=False
    )
    asked = [p.strip() for p in get.getlist("p") if p.strip()][:MAX_PERIODS]
    periods = sorted(set(asked)) or ([choice.default] if choice.default else [])
    rows = get.get("rows", "territory")
    dimension = Dimension.objects.filter(code=get.get("d", "")).first() if get.get("d") else None
    try:
        page = int(get.get("page", "1"))
    except ValueError:
        page = 1
    spec = PivotSpec(
        indicators=indicators,
        territories=territories,
        periods=periods,
        rows=rows if rows in DIMENSIONS else "territory",
        dimension=dimension,
        parent=parent,
        country=selectors.country_territory(),
    )
    return PivotQuery(
        spec,
        unknown_territories,
        unknown_indicators,
        choice.available,
        choice.default,
        level,
        page,
    )


def _described(pivot: Pivot) -> Described:
    spec = pivot.spec
    return Described(
        title=_("Pivot table"),
        indicators=spec.indicators,
        period=", ".join(spec.periods),
        territory=territories_label([t.name for t in spec.territories]),
    )


def _summary_label(kind: str, name: str) -> str:
    labels = {
        "parent": _("Parent: %(name)s") % {"name": name},
        "national": _("Country: %(name)s") % {"name": name},
        "total": _("Total"),
        "average": _("Average of the rows"),
    }
    return labels.get(kind, name)


@require_GET
def pivot(request: HttpRequest) -> HttpResponse:
    query = parse(request)
    result = pivot_table(query.spec, page=query.page) if query.spec.indicators else None
    without_page = request.GET.copy()
    without_page.pop("page", None)
    context = {
        "query": query,
        "pivot": result,
        "summary": [(_summary_label(r.kind, r.label), r) for r in result.summary] if result else [],
        "indicator_themes": selectors.indicators_by_theme(),
        "chosen_codes": [i.code for i in query.spec.indicators],
        "territory_codes": territories_field_value(query.spec.territories)
        if request.GET.getlist("t")
        else "",
        "dimensions": Dimension.objects.all(),
        "query_string": request.GET.urlencode(),
        "page_query": without_page.urlencode(),
    }
    return render(request, "indicators/pivot.html", context)


@require_GET
def pivot_export(request: HttpRequest) -> HttpResponse:
    """Every row of the pivot as XLSX, headed by what it is."""
    query = parse(request)
    result = pivot_table(query.spec, page_rows=None)
    return attachment(
        pivot_xlsx(result), file_name="aimaq-pivot.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def pivot_xlsx(pivot: Pivot) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Pivot table")[:31]
    top = _described(pivot).header().write(sheet)
    split = pivot.spec.dimension is not None
    fixed = 2 + int(split)
    first = ["KATO", ""] + ([pivot.spec.dimension.name] if pivot.spec.dimension else [])
    append_row(sheet, first + [outer.label for outer, _inner in pivot.columns])
    append_row(sheet, [""] * fixed + [inner.label for _outer, inner in pivot.columns])
    for row_cells in sheet.iter_rows(min_row=top + 1, max_row=top + 2):
        for cell in row_cells:
            cell.font = Font(bold=True)
    body = [(r.kato, r.label, r.category, r) for r in pivot.rows]
    body += [(r.kato, _summary_label(r.kind, r.label), "", r) for r in pivot.summary]
    for kato, label, category, row in body:
        values = [
            None if v is None else round(v, d)
            for v, d in zip(row.cells, row.decimals, strict=False)
        ] or row.cells
        append_row(sheet, [kato, label] + ([category] if split else []) + values)
        line = sheet.max_row
        for offset, places in enumerate(row.decimals):
            sheet.cell(row=line, column=fixed + offset + 1).number_format = number_format(places)
    sheet.column_dimensions["B"].width = 32
    return xlsx_bytes(workbook)

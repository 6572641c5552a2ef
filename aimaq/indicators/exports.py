"""Table exports of the evidence base — the comparison table and time series — as XLSX and
as CSV in the reader's language (";" and the decimal comma for Kazakh and Russian), each
headed by what it is (`described`): title, indicators with units, period, territory,
source, the day drawn, the demo marker. Written through `aimaq.core.exports`, so no cell can
carry a formula."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

from aimaq.core.exports import append_row, csv_bytes, csv_dialect, sheet_title, xlsx_bytes
from aimaq.territories.models import Territory

from .breaks import series_lead, series_notes
from .described import Described, indicator_label, territories_label
from .models import Indicator
from .selectors import ComparisonTable

Series = list[tuple[str, float]]


def number_format(decimals: int) -> str:
    """The Excel number format of a figure with `decimals` decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _rounded(value: float | None, decimals: int) -> float | int | None:
    if value is None:
        return None
    return round(value) if decimals == 0 else round(value, decimals)


# --- the comparison table ------------------------------------------------------------------


def comparison_described(table: ComparisonTable) -> Described:
    return Described(
        title=gettext("Comparison of territories"),
        indicators=table.indicators,
        period=table.period,
        territory=territories_label([t.name for t in table.territories]),
    )


def _comparison_header(table: ComparisonTable) -> list[str]:
    header = ["KATO", gettext("Territory")]
    for indicator in table.indicators:
        unit = f" ({indicator.unit})" if indicator.unit else ""
        header.append(f"{indicator.name}{unit} [{indicator.code}]")
    return header


def _comparison_rows(table: ComparisonTable) -> list[list]:
    rows = []
    for territory, cells in table.rows():
        row: list = [territory.kato, territory.name]
        for indicator, cell in zip(table.indicators, cells, strict=True):
            row.append(None if cell is None else _rounded(cell.value, indicator.decimals))
        rows.append(row)
    return rows


def comparison_csv(table: ComparisonTable, *, language: str | None = None) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads Kazakh and Russian names right), in the
    dialect of the reader's language, headed by what it is."""
    header = comparison_described(table).header()
    rows = [*header.rows(), _comparison_header(table), *_comparison_rows(table)]
    return csv_bytes(rows, csv_dialect(language))


def comparison_xlsx(table: ComparisonTable) -> bytes:
    """One sheet named after the period: what it is, then a bold header row, figures as
    numbers in the indicator's decimals, names as text."""
    return _table_xlsx(
        comparison_described(table),
        sheet_title(table.period or "", default="values"),
        _comparison_header(table),
        _comparison_rows(table),
        [i.decimals for i in table.indicators],
        fixed_columns=2,
    )


def _table_xlsx(
    described: Described,
    title: str,
    header: list[str],
    rows: list[list],
    decimals: Sequence[int],
    *,
    fixed_columns: int,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    top = described.header().write(sheet)
    append_row(sheet, header)
    for cell in sheet[top + 1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for offset, places in enumerate(decimals):
        column = fixed_columns + offset + 1
        for (cell,) in sheet.iter_rows(min_row=top + 2, min_col=column, max_col=column):
            cell.number_format = number_format(places)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 32
    for column in range(fixed_columns + 1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = sheet.cell(row=top + 2, column=fixed_columns + 1)
    return xlsx_bytes(workbook)


# --- time series ---------------------------------------------------------------------------


def series_described(indicator: Indicator, data: list[tuple[Territory, Series]]) -> Described:
    """What a series export says about itself, with a note for each break a reform made in
    it (`breaks.series_notes`)."""
    periods = sorted({p for _t, points in data for p, _v in points})
    span = f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else "".join(periods)
    notes = series_notes(data)
    return Described(
        title=indicator_label(indicator),
        indicators=[indicator],
        period=span,
        territory=territories_label([t.name for t, _points in data]),
        notes=[series_lead()] + [f"{n.mark} {n.text}" for n in notes] if notes else [],
    )


def _series_table(indicator: Indicator, data: list[tuple[Territory, Series]]) -> list[list]:
    periods = sorted({p for _t, points in data for p, _v in points})
    values = [dict(points) for _t, points in data]
    return [
        [period, *[_rounded(v.get(period), indicator.decimals) for v in values]]
        for period in periods
    ]


def _series_header(data: list[tuple[Territory, Series]]) -> list[str]:
    return [gettext("Period"), *[f"{t.name} [{t.kato}]" for t, _points in data]]


def series_csv(
    indicator: Indicator, data: list[tuple[Territory, Series]], *, language: str | None = None
) -> bytes:
    """Periods down, territories across, headed by what it is, in the reader's dialect."""
    rows = [
        *series_described(indicator, data).header().rows(),
        _series_header(data),
        *_series_table(indicator, data),
    ]
    return csv_bytes(rows, csv_dialect(language))


def series_xlsx(indicator: Indicator, data: list[tuple[Territory, Series]]) -> bytes:
    return _table_xlsx(
        series_described(indicator, data),
        sheet_title(indicator.code, default="series"),
        _series_header(data),
        _series_table(indicator, data),
        [indicator.decimals] * len(data),
        fixed_columns=1,
    )

"""The shapes of the indicators API's answers (and of the JSON rows it accepts), as the
OpenAPI document shows them."""

from __future__ import annotations

import math
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    decimals: int
    direction: str
    theme: str
    periodicity: str
    aggregation: str
    source: str
    sdg_target: str
    is_demo: bool


class TerritoryRef(Schema):
    kato: str
    name: str
    level: str


# --- profile -------------------------------------------------------------------------------


class ProfileRowOut(Schema):
    indicator: str
    name: str
    unit: str
    decimals: int
    direction: str
    period: str
    value: float
    computed: bool
    rank: int | None
    rank_total: int
    parent_value: float | None
    national_value: float | None
    gap_parent: float | None
    gap_national: float | None
    verdict_parent: str
    verdict_national: str
    series: list[tuple[str, float]]


PERIOD = Field(
    "", description="The year; default: the latest the territories compared broadly report"
)


class PeriodParams(Schema):
    period: str = PERIOD


class ProfileOut(Schema):
    territory: TerritoryRef
    parent: TerritoryRef | None
    period: str = Field(..., description="The year shown: each row's latest value up to it")
    default_period: str = Field(..., description="The year shown when none is asked")
    periods: list[str] = Field(..., description="The years with figures, newest first")
    rows: list[ProfileRowOut]


# --- comparison ----------------------------------------------------------------------------

UNKNOWN_TERRITORIES: list[str] = Field(
    default_factory=list,
    description="Entries of `t` (or `parent`) that match no current territory, as typed",
)
UNKNOWN_INDICATORS: list[str] = Field(
    default_factory=list, description="Codes of `i` that match no indicator, as typed"
)


class CompareParams(Schema):
    t: list[str] = Field(
        [],
        description="Territories: KATO codes or names in any language, repeated or "
        "separated by commas",
    )
    parent: str = Field("", description="Without `t`: every unit of this KATO code")
    i: list[str] = Field([], description="Indicator codes, repeated or separated by commas")
    period: str = Field("", description="The year; default: the latest the units broadly report")
    sort: str = Field("", description="`name` or an indicator code")
    dir: Literal["", "asc", "desc"] = ""


class CompareRowOut(Schema):
    kato: str
    name: str
    values: list[float | None]
    periods: list[str | None]


class CompareOut(Schema):
    period: str
    indicators: list[str]
    rows: list[CompareRowOut]
    unknown_territories: list[str] = UNKNOWN_TERRITORIES
    unknown_indicators: list[str] = UNKNOWN_INDICATORS


# --- choropleth ----------------------------------------------------------------------------


class MapParams(Schema):
    parent: str = Field("", description="KATO code or name of the unit whose children are mapped")
    period: str = Field("", description="Default: the latest the units broadly report")
    scheme: str = Field("", description="quantiles, equal_interval or natural_breaks")
    k: int | None = Field(None, description="Number of classes, 2 to 7")
    level: str = Field("", description="`rayon`: every rayon below the parent")


class FeatureProperties(Schema):
    kato: str
    name: str
    value: float | None
    value_text: str
    klass: int | None = Field(None, alias="class", description="Class, 0 = the first")
    colour: str
    break_mark: str = Field(
        "", description='"[1]" where a reform changed the unit\'s area since the period; "" if not'
    )
    break_note: str = Field(
        "", description="The marked notes: the unit, what happened on which day, the reform"
    )


class FeatureOut(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] | None = Field(
        None, description="GeoJSON geometry; a Point at the centre when no boundary is loaded"
    )
    properties: FeatureProperties


class IndicatorRef(Schema):
    code: str
    name: str
    unit: str


class LegendEntryOut(Schema):
    colour: str
    lower: float | None
    upper: float | None
    count: int
    label: str


class ChoroplethOut(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[FeatureOut]
    indicator: IndicatorRef
    parent: TerritoryRef | None
    period: str
    periods: list[str] = Field(..., description="The periods with figures, newest first")
    scheme: str
    legend: list[LegendEntryOut]


# --- time series ---------------------------------------------------------------------------


class SeriesParams(Schema):
    t: list[str] = Field(
        [], description="Territories: KATO codes or names; the country when none is given"
    )


class SeriesLineOut(Schema):
    kato: str
    name: str
    points: list[tuple[str, float]]


class SeriesOut(Schema):
    indicator: str
    series: list[SeriesLineOut]
    unknown_territories: list[str] = UNKNOWN_TERRITORIES


# --- poverty and typology ------------------------------------------------------------------


class PovertyDimensionOut(Schema):
    indicator: str
    name: str
    period: str
    value: float | None
    parent_value: float | None
    national_value: float | None


class TerritoryValueOut(Schema):
    kato: str
    name: str
    value: float


class PovertyOut(Schema):
    territory: TerritoryRef
    indicator: str | None
    period: str
    value: float | None
    dimensions: list[PovertyDimensionOut]
    trend: list[SeriesLineOut]
    furthest_behind: list[TerritoryValueOut]


class TypologyParams(Schema):
    i: list[str] = Field([], description="Indicator codes")
    k: int | None = Field(None, description="Number of groups, 2 to 7")
    period: str = PERIOD


class TypologyGroupOut(Schema):
    number: int
    members: list[str] = Field(..., description="KATO codes")
    means: list[float]
    z_means: list[float]


class TypologyOut(Schema):
    territory: TerritoryRef
    indicators: list[str]
    period: str
    overall: list[float]
    groups: list[TypologyGroupOut]
    left_out: list[str] = Field(..., description="KATO codes of units missing a value")
    unknown_indicators: list[str] = UNKNOWN_INDICATORS


# --- imports -------------------------------------------------------------------------------


class ImportCountsOut(Schema):
    rows_total: int = Field(..., description="Value rows read")
    new: int
    changed: int
    unchanged: int
    refused: int
    skipped: int = Field(..., description="Empty cells and missing-value marks")


class ImportRunOut(Schema):
    id: int
    status: str = Field(
        ..., description="preview, queued, validating, writing, done, refused or failed"
    )
    rows_done: int
    rows_total: int
    new: int
    changed: int
    unchanged: int
    refused: int


class ObservationIn(Schema):
    """One value, as DHIS2's dataValues carry them."""

    indicator: str = Field(..., max_length=64, description="Indicator code")
    territory: str = Field(
        ..., max_length=300, description="KATO code (or a name, with `match=name` or `auto`)"
    )
    period: str | int = Field(..., description="2023, 2023-Q1, 2023-03…")
    value: float | str | None = Field(
        ..., description='A number; null, "" or a missing-value mark is skipped'
    )
    status: str = Field("", max_length=20, description="final (default), provisional, estimate…")
    source: str = Field("", max_length=300)
    disaggregation: str = Field("", max_length=300, description="e.g. `sex=female`")

    @field_validator("value", mode="before")
    @classmethod
    def a_number_not_a_flag(cls, value: Any) -> Any:
        """JSON's true is not 1, and NaN or Infinity (which Python's JSON reader lets in)
        is no figure."""
        if isinstance(value, bool):
            raise ValueError(_("a number, not true or false"))
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(_("a finite number"))
        return value


class PushOut(Schema):
    status: Literal["checked", "done", "queued"] = Field(
        ...,
        description="checked: a dry run, nothing written; done: every row written; queued: "
        "checked and waiting for the background worker (follow `status_url`)",
    )
    dry_run: bool
    counts: ImportCountsOut
    indicators: list[str] = Field(default_factory=list, description="Indicator codes in the set")
    import_run: int | None = Field(None, description="The import run that keeps the file")
    status_url: str | None = None
    summary: str = Field(..., description="The counts in a sentence, in the request's language")

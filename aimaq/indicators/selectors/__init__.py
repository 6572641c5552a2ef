"""Reads that build the evidence-base pages and their API twins.

Every selector reads totals only (disaggregation ""), batches its queries by indicator and
territory sets (and period) so each is a set of ranges of the observations' key, and never
issues one query per indicator or per territory.

By concept: `values` (the shared batched reads of observations), `catalogue` (indicators
and their themes), `units` (territories by code, siblings), `profile` (with `computed`, the
values a territory does not report), `comparison`, `maps` (choropleth data), `series` and
`poverty`. Import from the package; the modules are its layout, not its interface.
"""

from .catalogue import all_indicators, indicator_by_code, indicators_by_theme
from .comparison import ComparisonCell, ComparisonTable, comparison_table, latest_common_period
from .coverage import Coverage, indicator_coverage
from .maps import indicator_periods, indicator_values, latest_period_for, map_units, web_boundaries
from .periods import PeriodChoice, broadly_reported, default_year, period_choice
from .poverty import POVERTY_HEADCOUNT, PovertyAnalysis, PovertyDimension, poverty_analysis
from .profile import (
    SPARKLINE_POINTS,
    ProfileRow,
    TerritoryProfile,
    Verdict,
    profile_period,
    rank_of,
    territory_profile,
    verdict,
)
from .series import time_series
from .units import country_territory, current_territory, siblings_of
from .values import period_cap, values_at

__all__ = [
    "indicator_by_code",
    "Coverage",
    "indicator_coverage",
    "PeriodChoice",
    "broadly_reported",
    "default_year",
    "period_choice",
    "profile_period",
    "POVERTY_HEADCOUNT",
    "SPARKLINE_POINTS",
    "ComparisonCell",
    "ComparisonTable",
    "PovertyAnalysis",
    "PovertyDimension",
    "ProfileRow",
    "TerritoryProfile",
    "Verdict",
    "all_indicators",
    "comparison_table",
    "country_territory",
    "current_territory",
    "indicator_periods",
    "indicator_values",
    "indicators_by_theme",
    "latest_common_period",
    "latest_period_for",
    "map_units",
    "period_cap",
    "poverty_analysis",
    "rank_of",
    "siblings_of",
    "territory_profile",
    "time_series",
    "values_at",
    "verdict",
    "web_boundaries",
]

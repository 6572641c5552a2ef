"""What an import is asked to do and what it found: plain data passed between the steps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

# One RowError, one error report for every import: core's tabular part. `errors_csv` keeps
# its signature here for the callers that import it from this module.
from aimaq.core.permissions import TerritoryScope
from aimaq.core.tabular import MAX_ERRORS, RowError, TabularReport, TabularSource, errors_csv

__all__ = [
    "MAX_ERRORS",
    "ImportOptions",
    "ImportPreview",
    "ImportSource",
    "RowError",
    "errors_csv",
]

LAYOUTS = ("auto", "long", "wide")
MATCHES = ("auto", "code", "name")
# The observations table's columns an import writes, in the order it writes them.
STORED_COLUMNS = (
    "indicator_id", "territory_id", "period", "disaggregation", "value", "status", "source",
    "import_run_id",
)  # fmt: skip


ROLES = ("indicator", "territory", "period", "value", "status", "source", "disaggregation")


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file. Every field has a safe default; the CLI flags map one to one."""

    indicator: str = ""  # indicator code for files without an indicator column
    layout: str = "auto"  # long: one value per row; wide: periods as columns
    sheet: str = ""  # XLSX sheet name; the first sheet when empty
    match: str = "auto"  # how the territory column is read: KATO code, name, or by its look
    encoding: str = ""  # CSV: "utf-8" or "cp1251"; detected when empty
    status: str = "final"  # status of values when the file has no status column
    source: str = ""  # source recorded on each value when the file has no source column
    # Which of the file's columns plays which part ({"value": "Население"}), where the
    # header alone does not say; the rest are recognised by their names.
    columns: dict[str, str] = field(default_factory=dict)
    # Only these periods are imported ("2000-2023", "2010, 2015-2020"); rows of other
    # periods are left out, counted but not refused. Empty: every period.
    periods: str = ""
    # Write the rows that pass and leave out the refused ones, an explicit choice the run
    # records (the command line's --skip-invalid); by default one refused row stops all.
    skip_invalid: bool = False
    # The person's choices of territory for names of the file ({"Алматы": "750000000"}).
    names: dict[str, str] = field(default_factory=dict)
    # Where the person may change figures; rows for any other territory are refused. Said
    # explicitly: the command line and superusers pass TerritoryScope.all(); the default,
    # like a missing or unreadable stored scope, is nowhere.
    scope: TerritoryScope = field(default_factory=TerritoryScope)

    @classmethod
    def from_dict(cls, data: dict | None) -> ImportOptions:
        fields = cls.__dataclass_fields__
        values: dict = {}
        for name, value in (data or {}).items():
            if name not in fields or name == "scope":
                continue
            if name in ("columns", "names"):
                value = (
                    {str(k): str(v) for k, v in (value or {}).items() if v}
                    if isinstance(value, dict)
                    else {}
                )
            elif name == "skip_invalid":
                value = bool(value)
            else:
                value = value or ""
            values[name] = value
        scope = (data or {}).get("scope")
        if not isinstance(scope, TerritoryScope):
            scope = TerritoryScope.from_json(scope)
        return cls(**values, scope=scope)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["scope"] = self.scope.as_json()
        return data

    def in_scope(self, kato: str) -> bool:
        return self.scope.covers(kato)


@dataclass
class ImportSource(TabularSource):
    """A file to import: its name (which tells the format), its bytes or path, and how to
    read it."""

    options: ImportOptions = field(default_factory=ImportOptions)


@dataclass
class ImportPreview:
    """What an import would do, found with nothing written."""

    file_name: str
    file_format: str
    rows_total: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    refused: int = 0
    skipped: int = 0  # empty cells and missing-value marks ("", "-", "..", "x")
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)  # how each territory name was read
    columns: list[str] = field(default_factory=list)  # the file's header
    roles: dict[str, str] = field(default_factory=dict)  # role → the column that plays it
    left_out: int = 0  # values of periods outside the period filter
    changes: list[dict] = field(default_factory=list)  # the first changed values, old → new
    skip_invalid: bool = False  # refused rows are left out instead of stopping the import

    @property
    def is_refused(self) -> bool:
        if self.rows_total == 0 or (self.error_count and not self.roles):
            return True  # unreadable, or a header that does not say what is what
        if self.skip_invalid:
            return self.accepted == 0
        return self.refused > 0 or self.error_count > 0

    @property
    def accepted(self) -> int:
        return self.new + self.changed + self.unchanged

    def as_report(self) -> TabularReport:
        """The shape every import reports in: counts, the first errors, the error CSV. With
        `skip_invalid` the refused rows are counted as left out, not as stopping it."""
        counts = {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "left_out": self.left_out,
        }
        if self.skip_invalid and not self.is_refused:
            counts["refused_left_out"] = self.refused
            return TabularReport(rows=self.rows_total, counts=counts)
        return TabularReport(
            rows=self.rows_total,
            counts=counts,
            errors=list(self.errors[:MAX_ERRORS]),
            error_count=max(self.error_count, len(self.errors)),
            refused=self.refused,
        )

    def summary(self) -> str:
        text = _(
            "%(total)s rows: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
            "%(refused)s refused, %(skipped)s empty."
        ) % {
            "total": self.rows_total,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "skipped": self.skipped,
        }
        if self.left_out:
            text += " " + _("%(count)s values of other periods left out.") % {
                "count": self.left_out
            }
        if self.skip_invalid and self.refused and not self.is_refused:
            text += " " + _("The %(count)s refused rows are left out, as chosen.") % {
                "count": self.refused
            }
        return text

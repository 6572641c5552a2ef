"""Loading KATO lists (CSV or XLSX) into the territory tree: validate all, then write all.

Two layouts are read:
- the statistics office's list, `id;parent_id;code;name` (parent by row id, Russian names
  carrying level abbreviations such as "с.о." or "Г.А.");
- Aimaq's own, `code;parent_code;name_ru;name_kk;name_en;level;population;population_year`
  (only `code`, `parent_code` and one name column are required).

`reading` turns a file into a table of raw rows, `naming` reads levels and names from
KATO's Russian names, `validation` checks the whole table, `service` plans and writes.
"""

from .naming import level_from_structure, read_russian_name
from .reading import FileRefused, RowError, Table, read_table
from .service import LoadReport, Plan, load_territories, plan_changes, write_plan
from .validation import KatoRow, Validation, validate_table

__all__ = [
    "FileRefused",
    "KatoRow",
    "LoadReport",
    "Plan",
    "RowError",
    "Table",
    "Validation",
    "level_from_structure",
    "load_territories",
    "plan_changes",
    "read_russian_name",
    "read_table",
    "validate_table",
    "write_plan",
]

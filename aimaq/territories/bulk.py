"""Writing many territories at once, with their history rows, as plain parameterised
`executemany` statements (SQLite and PostgreSQL alike).

Django's `bulk_create` / `bulk_update` (and simple-history's `*_with_history` wrappers) spend
most of a full KATO load compiling each value of each row; these write the same rows — the
same columns, the same values as the ORM would store, one historical row per unit carrying
`history_type`, `history_date`, `history_user` and `history_change_reason` as
simple-history's bulk helpers set them — at a fraction of the cost. Territories have no
save() override and nothing listens to their bulk writes, so nothing else is skipped.
Values always travel as parameters, never inside the SQL text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, connections, models
from django.utils import timezone

from .models import Territory

# Types whose Python value is what the database driver takes as it is.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "CharField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}
CREATED, CHANGED = "+", "~"
Row = dict[str, Any]  # attname → value


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """None when the value goes as it is; else what `bulk_create` would do to it."""
    if field.get_internal_type() in PLAIN_TYPES:
        return None
    database = connections[connection.alias]  # the real one: the proxy costs per access
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        adapt = database.ops.adapt_datefield_value
        seen: dict[Any, Any] = {None: None}

        def date_value(value: Any) -> Any:  # a load repeats a few dates many times
            if value not in seen:
                seen[value] = adapt(field.get_prep_value(value))
            return seen[value]

        return date_value
    return lambda value: field.get_db_prep_save(value, database)


def _values(unit: models.Model | Row, fields: Sequence[models.Field]) -> list:
    if isinstance(unit, dict):
        return [unit[field.attname] for field in fields]
    return [getattr(unit, field.attname) for field in fields]


def _convert(fields: Sequence[models.Field], rows: list[list]) -> list[list]:
    converters = [(i, c) for i, c in enumerate(map(_converter, fields)) if c is not None]
    for row in rows:
        for i, convert in converters:
            row[i] = convert(row[i])
    return rows


def _column(field: models.Field) -> str:
    return field.column or field.attname


def _concrete(model: type[models.Model], name: str) -> models.Field:
    """The stored field called `name` (its name or its attname)."""
    for field in model._meta.concrete_fields:
        if name in (field.name, field.attname):
            return field
    raise LookupError(f"{model.__name__} stores no field {name!r}")


def _insert(model: type[models.Model], fields: Sequence[models.Field], rows: list[list]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(field)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, _convert(fields, rows))


def new_unit(**values: Any) -> Row:
    """A new unit's row: `values`, and each field's default for the rest."""
    row = {
        f.attname: f.get_default()
        for f in Territory._meta.concrete_fields
        if not f.primary_key and f.attname not in values
    }
    row.update(values)
    return row


def insert_territories(units: Sequence[Territory | Row]) -> None:
    """Insert new, current units (unsaved Territories, or rows from `new_unit`) and set
    each one's key, read back by its KATO code (one current unit per code)."""
    if not units:
        return
    fields = [f for f in Territory._meta.concrete_fields if not f.primary_key]
    _insert(Territory, fields, [_values(unit, fields) for unit in units])
    ids = dict(Territory.objects.current().values_list("kato", "pk"))
    for unit in units:
        if isinstance(unit, dict):
            unit["id"] = ids[unit["kato"]]
        else:
            unit.pk = ids[unit.kato]
            unit._state.adding, unit._state.db = False, connection.alias


def update_territories(units: list[Territory], fields: Iterable[str]) -> None:
    """Store `fields` (names or attnames) of saved units, as `bulk_update` would."""
    chosen = [_concrete(Territory, name) for name in sorted(set(fields))]
    if not units or not chosen:
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(_column(field))} = %s" for field in chosen)
    sql = f"UPDATE {quote(Territory._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    rows = _convert(chosen, [_values(unit, chosen) for unit in units])
    for row, unit in zip(rows, units, strict=True):
        row.append(unit.pk)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def record_history(
    units: Sequence[Territory | Row],
    history_type: str,
    *,
    reason: str | None,
    when: datetime | None = None,
) -> None:
    """One historical row per unit (a saved Territory, or a row `insert_territories` wrote),
    as simple-history's `bulk_history_create` writes it: the tracked fields as they are now,
    `history_type` ("+" created, "~" changed), one `history_date` for the batch, the default
    history user (the request's, if any) and `reason`."""
    if not units or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = Territory.history.model
    user = historical.get_default_history_user(units[0])
    extra = {
        "history_date": when or timezone.now(),
        "history_change_reason": reason,
        "history_type": history_type,
        "history_user_id": getattr(user, "pk", None),
    }
    tracked = [f for f in historical._meta.concrete_fields if f.attname not in extra]
    unknown = {f.attname for f in tracked if not f.primary_key} - {
        f.attname for f in historical.tracked_fields
    }
    if unknown:  # a field added to the history model that this writer does not fill
        raise RuntimeError(f"history fields not written: {sorted(unknown)}")
    tracked = [f for f in tracked if not f.primary_key]
    fields = tracked + [_concrete(historical, name) for name in extra]
    constant = list(extra.values())
    _insert(historical, fields, [_values(unit, tracked) + constant for unit in units])

"""The KATO loader's fast writer (territories.bulk) stores exactly what the ORM's
simple-history bulk helpers stored before it: the same units, the same history rows (type,
reason, user), through creation in waves, updates and the reforms' re-dating."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from aimaq.territories.kato import kato_prefix, kato_subtree_q
from aimaq.territories.kato_lists import load_territories, service
from aimaq.territories.models import Territory
from aimaq.territories.reforms import service as reforms
from aimaq.testing.people import UserFactory

pytestmark = pytest.mark.django_db

HEADER = ["code", "parent_code", "name_ru", "name_kk", "name_en", "level", "population"]
FIRST = [
    HEADER,
    ["350000000", "", "Карагандинская область", "Қарағанды облысы", "Karaganda", "", "1132000"],
    ["355200000", "350000000", "Нуринский район", "Нұра ауданы", "Nura", "", "24000"],
    ["355243000", "355200000", "Жараспайский с.о.", "", "", "", ""],
    ["355243100", "355243000", "с.Жараспай", "", "", "", "800"],
    ["100000000", "", "область Абай", "Абай облысы", "Abai", "", "603000"],
    ["103600000", "100000000", "Аягозский район", "", "", "", ""],
    ["103630000", "103600000", "г.Аягоз", "", "", "town", "40000"],
]
SECOND = [
    HEADER,
    ["350000000", "", "Карагандинская область", "Қарағанды облысы", "Karaganda", "", "1140000"],
    ["355200000", "350000000", "Нуринский район (новое)", "Нұра ауданы", "Nura", "", "24000"],
    ["355243000", "355200000", "Жараспайский с.о.", "", "", "", "1200"],
    ["355249000", "355200000", "Акмешитский с.о.", "", "", "", ""],
    ["103630000", "103600000", "г.Аягоз", "", "", "town", "41000"],
]
HISTORY_SKIPPED = {"history_id", "history_date", "id", "parent_id"}


class _Undo(Exception):
    pass


def _reference_write_plan(plan, existing, *, valid_from, reason):
    """The writer as it was: simple-history's bulk helpers."""
    ids = {code: territory.pk for code, territory in existing.items()}
    waves: dict[int, list] = {}
    for row in plan.creates:
        waves.setdefault(len(kato_prefix(row.code)), []).append(row)
    for _depth, wave in sorted(waves.items()):
        objs = [
            Territory(
                kato=row.code,
                level=row.level,
                parent_id=ids.get(row.parent_code),
                population=row.population,
                population_year=row.population_year,
                **row.names,
                **({"valid_from": valid_from} if valid_from else {}),
            )
            for row in wave
        ]
        created = bulk_create_with_history(objs, Territory, default_change_reason=reason)
        ids.update({territory.kato: territory.pk for territory in created})
    fields: set[str] = set()
    objs = []
    for territory, changes, parent_code in plan.updates:
        for name, value in changes.items():
            setattr(territory, name, ids[parent_code] if name == "parent_id" else value)
        fields |= set(changes)
        objs.append(territory)
    if objs:
        bulk_update_with_history(objs, Territory, sorted(fields), default_change_reason=reason)


def _reference_begin_units(data, report):
    for code in data.began:
        units = list(
            Territory.objects.current().filter(kato_subtree_q(code), valid_from__lt=data.date)
        )
        for unit in units:
            unit.valid_from = data.date
        if units:
            bulk_update_with_history(
                units, Territory, ["valid_from"], default_change_reason=reforms.REASON
            )
            report.began += len(units)


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(cells) for cells in rows) + "\n", encoding="utf-8")
    return path


def _stored() -> tuple[list, dict]:
    """Units and their history as comparable values: keys replaced by KATO codes."""
    kato = dict(Territory.objects.values_list("pk", "kato"))
    units = sorted(
        (
            {**{k: v for k, v in row.items() if k not in ("id", "parent_id")}}
            | {"parent": kato.get(row["parent_id"])}
            for row in Territory.objects.values()
        ),
        key=lambda row: (row["kato"], row["valid_from"]),
    )
    history: dict[str, list] = {}
    for row in Territory.history.order_by("history_id").values():
        entry = {k: v for k, v in row.items() if k not in HISTORY_SKIPPED}
        entry["parent"] = kato.get(row["parent_id"])
        history.setdefault(kato[row["id"]], []).append(entry)
    return units, history


def _load_both(tmp_path: Path, user) -> tuple[list, dict, list]:
    first, second = _write(tmp_path / "a.csv", FIRST), _write(tmp_path / "b.csv", SECOND)
    reports = [load_territories(first)]
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        reports.append(load_territories(second))
    finally:
        del HistoricalRecords.context.request
    counts = [(r.created, r.updated, r.unchanged, r.reforms and r.reforms.began) for r in reports]
    return (*_stored(), counts)


def _undone(tmp_path: Path, user) -> tuple:
    try:
        with transaction.atomic():
            result = _load_both(tmp_path, user)
            raise _Undo
    except _Undo:
        return result


def test_fast_writer_stores_what_the_orm_history_helpers_stored(tmp_path, monkeypatch):
    user = UserFactory()
    fast = _undone(tmp_path, user)
    monkeypatch.setattr(service, "write_plan", _reference_write_plan)
    monkeypatch.setattr(reforms, "_begin_units", _reference_begin_units)
    reference = _undone(tmp_path, user)

    assert fast == reference
    units, history, counts = fast
    assert counts == [(8, 0, 0, 3), (1, 4, 0, 0)]
    # the loaded units, the country, and South Kazakhstan oblast as the 2018 reform ended it
    assert len(units) == 10 and all(u["parent"] or u["kato"] == "000000000" for u in units)
    nura = history["355200000"]
    assert [h["history_type"] for h in nura] == ["+", "~"]
    assert nura[-1]["history_change_reason"] == "load_territories b.csv"
    assert nura[-1]["history_user_id"] == user.pk and nura[0]["history_user_id"] is None
    assert [h["valid_from"].year for h in history["103630000"]] == [1991, 2022, 2022]

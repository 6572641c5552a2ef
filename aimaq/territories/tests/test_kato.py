"""KATO codes, the levels and names read from KATO's Russian names, and the tree rules,
with property tests over generated trees and malformed codes."""

import csv
import random
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.territories.kato import (
    COUNTRY_CODE,
    coerce_kato,
    is_consistent_child,
    is_valid_kato,
    kato_prefix,
    kato_range,
)
from aimaq.territories.kato_lists import (
    level_from_structure,
    load_territories,
    read_russian_name,
    read_table,
    validate_table,
)
from aimaq.territories.models import Level, Territory
from aimaq.territories.reforms.data import load_reforms
from aimaq.testing.data import shared_data
from aimaq.testing.properties import examples

HEADER = ["code", "parent_code", "name_ru"]


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (355200000, "355200000"),
        (355200000.0, "355200000"),
        (" 355200000 ", "355200000"),
        ("355200000.0", "355200000"),
        ("35520000", "35520000"),  # not padded: a shorter code lost digits at its end
        (None, ""),
    ],
)
def test_coerce_kato_reads_numbers_and_strings_without_padding(value, expected):
    assert coerce_kato(value) == expected


@pytest.mark.parametrize("code", ["35520000", "3552000000", "35520000a", "003552000", ""])
def test_malformed_codes_are_not_valid(code):
    assert not is_valid_kato(code)


@pytest.mark.parametrize(
    ("name", "parent_level", "level", "clean"),
    [
        ("Карагандинская область", Level.COUNTRY, Level.OBLAST, "Карагандинская область"),
        ("область Абай", Level.COUNTRY, Level.OBLAST, "область Абай"),
        ("г.Астана", Level.COUNTRY, Level.CITY_REPUBLICAN, "г. Астана"),
        ("Семей Г.А.", Level.OBLAST, Level.CITY_OBLAST, "Семей (городская администрация)"),
        ("Нуринский район", Level.OBLAST, Level.RAYON, "Нуринский район"),
        ("район Биржан сал", Level.OBLAST, Level.RAYON, "район Биржан сал"),
        ("район Есиль", Level.CITY_REPUBLICAN, Level.CITY_DISTRICT, "район Есиль"),
        ("Жараспайский с.о.", Level.RAYON, Level.RURAL_OKRUG, "Жараспайский сельский округ"),
        ("Жиеналинский с.о", Level.RAYON, Level.RURAL_OKRUG, "Жиеналинский сельский округ"),
        ("с.о.Атамекен", Level.RAYON, Level.RURAL_OKRUG, "сельский округ Атамекен"),
        ("Б.Момышулы с.о.", Level.RAYON, Level.RURAL_OKRUG, "сельский округ Б.Момышулы"),
        (
            "Карабулакская с.а.",
            Level.RAYON,
            Level.RURAL_OKRUG,
            "Карабулакская сельская администрация",
        ),
        ("с.а.Изобильный", Level.RAYON, Level.RURAL_OKRUG, "Изобильный (сельская администрация)"),
        ("п.а.Нура", Level.RAYON, Level.TOWNSHIP, "Нура (поселковая администрация)"),
        ("Чаганская п.а.", Level.CITY_OBLAST, Level.TOWNSHIP, "Чаганская поселковая администрация"),
        ("Аягоз г.а.", Level.RAYON, Level.TOWN, "Аягоз (городская администрация)"),
        (
            "Әлихан Бөкейхан р.а.",
            Level.CITY_OBLAST,
            Level.CITY_DISTRICT,
            "Әлихан Бөкейхан (районная администрация)",
        ),
        ("г.Семей", Level.CITY_OBLAST, Level.TOWN, "г. Семей"),
        ("с.Абралы", Level.RURAL_OKRUG, Level.SETTLEMENT, "с. Абралы"),
        ("с.О.Тайманова", Level.RURAL_OKRUG, Level.SETTLEMENT, "с. О.Тайманова"),
        ("зимовка Жанабаз", Level.SETTLEMENT, Level.SETTLEMENT, "зимовка Жанабаз"),
        ("уч.Талды", Level.SETTLEMENT, Level.SETTLEMENT, "уч. Талды"),
        ("ст.Акбулак", Level.RURAL_OKRUG, Level.SETTLEMENT, "ст. Акбулак"),
        ("Заречное с.", Level.RURAL_OKRUG, Level.SETTLEMENT, "Заречное с."),
        ("Бегенский лесхоз", Level.RURAL_OKRUG, None, "Бегенский лесхоз"),
    ],
)
def test_russian_kato_name_states_level_and_reads_cleanly(name, parent_level, level, clean):
    assert read_russian_name(name, parent_level) == (level, clean)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("350000000", Level.OBLAST),
        ("710000000", Level.CITY_REPUBLICAN),
        ("351000000", Level.CITY_OBLAST),
        ("355200000", Level.RAYON),
        ("355210000", Level.TOWN),
        ("355243000", Level.RURAL_OKRUG),
        ("355243100", Level.SETTLEMENT),
    ],
)
def test_level_falls_back_on_code_structure(code, level):
    assert level_from_structure(code) == level


# --- generated trees -------------------------------------------------------------------


# Oblasts a reform ended or began: the loader applies the reforms to them (a list holding
# South Kazakhstan's 51 is one of before 2018, and its unit ends), so a generated tree
# that should load unchanged leaves them out.
REFORMED_OBLASTS = {
    int(kato[:2])
    for reform in load_reforms()
    for kato in [*(unit.kato for unit in reform.ended), *reform.began]
}


@st.composite
def kato_trees(draw) -> list[tuple[str, str]]:
    """(code, parent_code) pairs of a valid KATO tree: oblasts › rayons › okrugs › villages."""
    pairs = []
    oblasts = st.integers(10, 79).filter(lambda ab: ab not in REFORMED_OBLASTS)
    for ab in draw(st.sets(oblasts, min_size=1, max_size=3)):
        oblast = f"{ab:02d}0000000"
        pairs.append((oblast, ""))
        for cd in draw(st.sets(st.integers(30, 99), max_size=3)):
            rayon = f"{ab:02d}{cd:02d}00000"
            pairs.append((rayon, oblast))
            for ef in draw(st.sets(st.integers(30, 89), max_size=2)):
                okrug = f"{rayon[:4]}{ef:02d}000"
                pairs.append((okrug, rayon))
                for hhh in draw(st.sets(st.integers(1, 999), max_size=2)):
                    pairs.append((f"{okrug[:6]}{hhh:03d}", okrug))
    return pairs


def write_csv(folder: Path, pairs: list[tuple[str, str]], *, seed: int = 0) -> Path:
    rows = [[code, parent, f"Единица {code}"] for code, parent in pairs]
    random.Random(seed).shuffle(rows)  # children may come before their parents
    path = folder / "tree.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.mark.slow
@pytest.mark.django_db
@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pairs=kato_trees(), seed=st.integers(0, 1000))
def test_generated_valid_tree_loads_whole_with_every_child_under_its_parent(pairs, seed):
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        report = load_territories(write_csv(Path(folder), pairs, seed=seed))
        assert not report.errors
        loaded = Territory.objects.current().select_related("parent")
        assert loaded.count() == len(pairs) + 1  # and the country root
        for territory in loaded.exclude(kato=COUNTRY_CODE):
            assert is_consistent_child(territory.kato, territory.parent.kato)
        transaction.set_rollback(True)


malformed_codes = st.one_of(
    st.text("0123456789", max_size=8),
    st.text("0123456789", min_size=10, max_size=12),
    st.from_regex(r"\A\d{4}[A-Za-zА-я ]\d{4}\Z"),
    st.from_regex(r"\A00[1-9]\d{6}\Z"),
)


@settings(max_examples=60, deadline=None)
@given(pairs=kato_trees(), bad_code=malformed_codes, data=st.data())
def test_malformed_code_is_refused_with_its_row_and_column(pairs, bad_code, data):
    position = data.draw(st.integers(0, len(pairs) - 1))
    code, parent = pairs[position]
    pairs = [*pairs[:position], (bad_code, parent), *pairs[position + 1 :]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tree.csv"
        rows = [HEADER] + [[c, p, f"Единица {c}"] for c, p in pairs]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        validation = validate_table(read_table(path), existing_levels={})
    row = position + 2  # the header is row 1
    messages = [str(e) for e in validation.errors if e.row == row and e.column == "code"]
    assert messages, validation.errors
    assert f"Row {row}" in messages[0]
    assert row in validation.skipped_rows
    assert all(r.parent_code != code for r in validation.rows)  # its branch is cut


# --- prefixes and ranges: a grant over a unit covers its descendants, nothing else ----------


@pytest.mark.parametrize(
    ("village", "sibling"),
    [("632400680", "632400682"), ("433239880", "433239883"), ("613645580", "613645583")],
)
def test_settlement_ending_in_one_zero_does_not_cover_its_siblings(village, sibling):
    assert kato_prefix(village) == village
    assert not sibling.startswith(kato_prefix(village))
    low, high = kato_range(kato_prefix(village))
    assert not low <= sibling <= high


def test_settlement_ending_in_00_covers_its_winter_camps():
    assert kato_prefix("355259200") == "3552592"
    assert is_consistent_child("355259203", "355259200")
    assert kato_range("3552592") == ("355259200", "355259299")


@pytest.mark.parametrize("code", ["３５５２００００0", "355200000\n", "35520000٠", " 355200000"])
def test_kato_refuses_non_ascii_digits_and_trailing_newline(code):
    assert not is_valid_kato(code)


def test_prefix_range_of_every_real_unit_holds_exactly_its_descendants() -> None:
    import bisect

    with shared_data("kato-2022", "KATO_17.10.2022_ru.csv").open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    by_id = {row["id"]: row for row in rows}
    descendants: dict[str, set[str]] = {row["code"]: set() for row in rows}
    for row in rows:
        parent = by_id.get(row["parent_id"])
        while parent is not None:
            descendants[parent["code"]].add(row["code"])
            parent = by_id.get(parent["parent_id"])
    codes = sorted(descendants)
    false_inclusions = missed = 0
    for code in codes:
        low, high = kato_range(kato_prefix(code))
        covered = set(codes[bisect.bisect_left(codes, low) : bisect.bisect_right(codes, high)])
        covered.discard(code)
        false_inclusions += len(covered - descendants[code])
        missed += len(descendants[code] - covered)
    assert len(rows) == 16264
    assert (false_inclusions, missed) == (0, 0)


@pytest.mark.django_db
def test_subtree_of_a_village_leaves_out_its_siblings():
    from aimaq.testing.territories import country

    kz = country()
    oblast = Territory.objects.create(kato="630000000", level=Level.OBLAST, parent=kz, name_ru="о")
    rayon = Territory.objects.create(
        kato="632400000", level=Level.RAYON, parent=oblast, name_ru="р"
    )
    okrug = Territory.objects.create(
        kato="632430000", level=Level.RURAL_OKRUG, parent=rayon, name_ru="x"
    )
    village = Territory.objects.create(
        kato="632430680", level=Level.SETTLEMENT, parent=okrug, name_ru="в"
    )
    Territory.objects.create(kato="632430682", level=Level.SETTLEMENT, parent=okrug, name_ru="с")
    assert list(Territory.objects.subtree(village)) == [village]
    assert Territory.objects.subtree(oblast).count() == 5

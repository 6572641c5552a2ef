"""CSV imports: what is accepted, what is refused, and that nothing lands half."""

import pytest
from django.db import transaction

from aimaq.core.permissions import TerritoryScope
from aimaq.indicators.models import ImportRun, ImportStatus, Observation, ObservationRevision
from aimaq.indicators.services import (
    ImportOptions,
    ImportSource,
    create_import_run,
    error_report_csv,
    preview_import,
    run_import,
    validate_file,
)
from aimaq.testing.indicators import ANYWHERE, IndicatorFactory, sex_dimension
from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


GOOD = (
    "indicator,kato,period,value\n"
    "unemployment,350000000,2021,4.9\n"
    "unemployment,350000000,2022,4.4\n"
    "unemployment,355200000,2022,5.1\n"
)


@pytest.fixture
def tree():
    territories = small_tree()
    IndicatorFactory(code="unemployment")
    return territories


def do_import(text: str | bytes, name: str = "data.csv", **options) -> ImportRun:
    data = text.encode() if isinstance(text, str) else text
    options.setdefault("scope", TerritoryScope.all())  # as at the command line
    source = ImportSource(file_name=name, data=data, options=ImportOptions(**options))
    run = create_import_run(source)
    return run_import(run, source=source)


def test_good_csv_lands_whole_and_counts_new(tree):
    run = do_import(GOOD)
    assert run.status == ImportStatus.DONE, run.errors
    assert (run.new, run.changed, run.unchanged, run.refused) == (3, 0, 0, 0)
    assert Observation.objects.count() == 3
    value = Observation.objects.get(territory=tree["nura"], period="2022")
    assert value.value == 5.1 and value.import_run == run and value.status == "final"


def test_preview_writes_nothing(tree):
    preview = validate_file(GOOD.encode(), file_name="data.csv", options=ANYWHERE)
    assert (preview.rows_total, preview.new, preview.refused) == (3, 3, 0)
    assert Observation.objects.count() == 0


def test_reimporting_the_same_file_changes_nothing(tree):
    do_import(GOOD)
    before = list(Observation.objects.values_list("pk", "value", "import_run_id"))
    again = do_import(GOOD)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
    assert list(Observation.objects.values_list("pk", "value", "import_run_id")) == before
    assert ObservationRevision.objects.count() == 0


def test_changed_value_is_updated_and_keeps_a_revision(tree):
    first = do_import(GOOD)
    second = do_import(GOOD.replace("4.4", "4.5"))
    assert (second.new, second.changed, second.unchanged) == (0, 1, 2)
    value = Observation.objects.get(territory=tree["karaganda"], period="2022")
    assert value.value == 4.5 and value.import_run == second
    revision = ObservationRevision.of(value).get()
    assert (revision.value, revision.import_run, revision.replaced_by) == (4.4, first, second)
    assert ObservationRevision.objects.count() == 1


def test_semicolon_decimal_comma_and_cp1251_with_russian_names(tree):
    text = "Показатель;Регион;Год;Значение\nunemployment;Карагандинская область;2022;4,4\n"
    run = do_import(text.encode("cp1251"))
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.get().value == 4.4


def test_utf8_file_declared_cp1251_is_read_and_wrong_declared_encoding_is_refused(tree):
    cyrillic = "indicator;territory;period;value\nunemployment;Карагандинская область;2022;4,4\n"
    run = do_import(cyrillic.encode("cp1251"), encoding="utf-8")
    assert run.status == ImportStatus.REFUSED
    error = run.errors[0]
    assert (error["row"], error["column"]) == (2, "territory")
    assert Observation.objects.count() == 0


def test_utf16_file_is_refused_with_row_and_column(tree):
    run = do_import(GOOD.encode("utf-16"))
    assert run.status == ImportStatus.REFUSED
    assert run.errors[0]["row"] == 1 and run.errors[0]["column"] == "encoding"
    assert Observation.objects.count() == 0


def test_unknown_territory_refuses_the_file_and_names_closest(tree):
    run = do_import(GOOD + "unemployment,Karagandy Oblysy,2020,4.0\nunemployment,Nowhere,2022,1\n")
    assert run.status == ImportStatus.REFUSED
    assert Observation.objects.count() == 0
    errors = run.errors
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [(6, "kato", "Nowhere")]
    assert "closest" in errors[0]["expected"]


def test_territory_by_name_in_any_language_and_spelling(tree):
    text = (
        "indicator,territory,period,value\n"
        "unemployment,Karagandy oblysy,2020,1\n"
        "unemployment,Карагандинская область,2021,2\n"
        "unemployment,Нуринский район,2021,3\n"
        "unemployment,Nura District,2022,4\n"
    )
    run = do_import(text, match="name")
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.filter(territory=tree["karaganda"]).count() == 2
    assert Observation.objects.filter(territory=tree["nura"]).count() == 2


def test_text_in_a_number_column_names_row_column_value_and_expectation(tree):
    run = do_import(GOOD + "unemployment,355243000,2022,four\n")
    assert run.status == ImportStatus.REFUSED
    assert run.errors == [
        {"row": 5, "column": "value", "value": "four", "expected": "a number, such as 12.5 or 12,5"}
    ]
    assert run.refused == 1 and Observation.objects.count() == 0


def test_duplicate_keys_are_refused_naming_the_first_row(tree):
    run = do_import(GOOD + "unemployment,350000000,2022,4.5\n")
    assert run.status == ImportStatus.REFUSED
    (error,) = run.errors
    assert error["row"] == 5 and error["column"] == "kato, period"
    assert "row 3" in error["expected"]
    assert Observation.objects.count() == 0
    assert (run.new, run.refused) == (3, 1)  # three keys, one of them given twice


def test_a_refused_file_still_tells_what_its_good_rows_would_change(tree):
    do_import(GOOD)
    text = GOOD.replace("4.4", "4.0") + (
        "unemployment,355200000,2023,5.0\nunemployment,nowhere,2023,1\n"
    )
    preview = validate_file(text.encode(), file_name="data.csv", options=ANYWHERE)
    assert preview.is_refused and preview.refused == 1
    assert (preview.new, preview.changed, preview.unchanged) == (1, 1, 2)
    assert Observation.objects.get(territory=tree["karaganda"], period="2022").value == 4.4


def test_unknown_indicator_wrong_period_and_status(tree):
    text = (
        "indicator,kato,period,value,status\n"
        "nothing,350000000,2022,1,final\n"
        "unemployment,350000000,2022-Q1,1,final\n"
        "unemployment,350000000,2022,1,maybe\n"
    )
    run = do_import(text)
    got = [(e["row"], e["column"]) for e in run.errors]
    assert got == [(2, "indicator"), (3, "period"), (4, "status")]
    assert "annual" in run.errors[1]["expected"]


def test_empty_file_and_header_only_file_are_refused(tree):
    for text in ("", "indicator,kato,period,value\n"):
        run = do_import(text)
        assert run.status == ImportStatus.REFUSED
        assert run.errors and run.errors[0]["row"] in (1, 2)
    assert Observation.objects.count() == 0


def test_ragged_row_is_refused_with_its_row(tree):
    run = do_import(GOOD + "unemployment,355200000\n")
    assert run.status == ImportStatus.REFUSED
    assert run.errors[0]["row"] == 5
    assert Observation.objects.count() == 0


def test_missing_value_marks_are_skipped(tree):
    run = do_import(GOOD + "unemployment,355243000,2022,..\nunemployment,355243000,2021,\n")
    assert run.status == ImportStatus.DONE
    assert (run.new, run.skipped) == (3, 2)


def test_indicator_for_the_whole_file_and_value_column_by_elimination(tree):
    text = "Region,rate,year\nKaraganda Region,4.4,2022\n"
    run = do_import(text, indicator="unemployment")
    assert run.status == ImportStatus.DONE, run.errors
    assert Observation.objects.get().territory == tree["karaganda"]


def test_wide_layout_years_as_columns(tree):
    text = "indicator,kato,2020,2021,2022\nunemployment,350000000,5,4.9,4.4\nunemployment,355200000,6,,x\n"
    run = do_import(text)
    assert run.status == ImportStatus.DONE, run.errors
    assert (run.new, run.skipped) == (4, 2)
    bad = do_import(text.replace("4.9", "lots"))
    assert (bad.errors[0]["row"], bad.errors[0]["column"]) == (2, "2021")


def test_sex_disaggregation_column(tree):
    IndicatorFactory(code="population").dimensions.add(sex_dimension())
    text = (
        "indicator,kato,period,sex,value\n"
        "population,350000000,2022,,1130000\n"
        "population,350000000,2022,F,580000\n"
        "population,350000000,2022,Мужчины,550000\n"
        "population,350000000,2022,other,1\n"
    )
    run = do_import(text)
    assert [(e["row"], e["column"]) for e in run.errors] == [(5, "sex")]
    run = do_import(text.rsplit("population,350000000,2022,other", 1)[0])
    assert run.status == ImportStatus.DONE, run.errors
    assert set(Observation.objects.values_list("disaggregation", flat=True)) == {
        "",
        "sex=female",
        "sex=male",
    }


def test_disaggregation_not_declared_for_the_indicator_is_refused(tree):
    sex_dimension()
    run = do_import("indicator,kato,period,sex,value\nunemployment,350000000,2022,female,1\n")
    assert [(e["row"], e["column"]) for e in run.errors] == [(2, "sex")]


@pytest.mark.slow  # a 10 MB file refused by its check, before the database is written
def test_large_file_with_one_bad_row_at_the_end_lands_nothing(tree, tmp_path):
    for n in range(80):
        IndicatorFactory(code=f"m{n}", periodicity="month")
    katos = ("350000000", "355200000", "355243000", "630000000", "634000000")
    path = tmp_path / "big.csv"
    rows = 0
    with path.open("w") as handle:
        handle.write("indicator,kato,period,value\n")
        while handle.tell() < 10_000_000:
            month = rows // 5
            period = f"{1900 + month % 1200 // 12}-{month % 12 + 1:02d}"
            handle.write(f"m{month // 1200},{katos[rows % 5]},{period},{rows}.5\n")
            rows += 1
        handle.write("m0,355200000,2022-01,oops\n")
    before = Observation.objects.count()
    run = do_import(path.read_bytes(), name="big.csv")
    assert run.status == ImportStatus.REFUSED
    assert Observation.objects.count() == before
    assert run.error_count == 1 and run.refused == 1, run.errors[:3]
    (error,) = run.errors
    assert (error["row"], error["column"], error["value"]) == (rows + 2, "value", "oops")


def test_error_report_csv_lists_every_error(tree):
    run = do_import(GOOD + "unemployment,Nowhere,2022,abc\n")
    report = error_report_csv(run)
    lines = report.strip().splitlines()
    assert lines[0] == "row,column,value,expected,message"
    assert len(lines) == 3 and lines[1].startswith("5,kato,Nowhere")
    assert preview_import(ImportSource("a.csv", GOOD.encode(), options=ANYWHERE)).refused == 0


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_worker_runs_a_confirmed_import(tree, settings):
    """The production path: the write waits in the database queue until `db_worker` (which
    bin/demo starts beside the web server) takes it."""
    from django.core.management import call_command

    from aimaq.indicators.services import confirm_import
    from aimaq.testing.people import UserFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    person = UserFactory(is_superuser=True)
    run = create_import_run(ImportSource("data.csv", GOOD.encode(), options=ANYWHERE), by=person)
    assert run.status == ImportStatus.PREVIEW and Observation.objects.count() == 0
    assert confirm_import(run, by=person)
    run.refresh_from_db()
    assert run.status == ImportStatus.QUEUED and Observation.objects.count() == 0
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and run.rows_done == run.rows_total == 3
    assert Observation.objects.count() == 3
    # Confirming twice does not import twice.
    assert not confirm_import(run, by=person)
    assert run_import(run).status == ImportStatus.DONE
    assert ImportRun.objects.get(pk=run.pk).new == 3


def test_preview_run_is_refused_when_the_file_has_errors(tree):
    bad = (GOOD + "unemployment,1,2022,1\n").encode()
    run = create_import_run(ImportSource("data.csv", bad, options=ANYWHERE))
    assert run.status == ImportStatus.REFUSED and run.error_count == 1


def test_full_statements_and_a_shorter_last_one_land_whole(tree):
    """Rows go in 200 a statement; what remains of a chunk in one shorter statement."""
    from django.db import IntegrityError

    lines = [
        f"unemployment,{kato},{year},{year / 10}"
        for kato in ("355200000", "350000000", "355243000")
        for year in range(1900, 2025 if kato != "355243000" else 2000)
    ]
    run = do_import("indicator,kato,period,value\n" + "\n".join(lines) + "\n")
    assert run.status == ImportStatus.DONE and run.new == 350
    assert Observation.objects.filter(territory=tree["nura"], period="2000").get().value == 200.0
    assert Observation.objects.filter(territory=tree["karaganda"], period="2020").get().value == 202
    assert Observation.objects.count() == 350
    first = Observation.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(
            indicator=first.indicator, territory=first.territory, period=first.period, value=1
        )


def test_cells_are_read_without_surrounding_spaces(tree):
    text = "indicator,kato,period,value,status,source\n unemployment , 350000000 , 2022 , 4,4 , P ,  BNS \n"
    text = text.replace(" 4,4 ", ' "4,4" ')
    run = do_import(text)
    assert run.status == ImportStatus.DONE, run.errors
    value = Observation.objects.get()
    assert (value.value, value.status, value.source) == (4.4, "provisional", "BNS")


def test_rows_outside_the_scope_are_refused_by_validation(tree):
    text = GOOD + "unemployment,634000000,2022,3.0\n"
    preview = preview_import(
        ImportSource(
            "a.csv", text.encode(), options=ImportOptions(scope=TerritoryScope(prefixes=("3552",)))
        )
    )
    assert preview.refused == 3 and preview.error_count == 3
    error = preview.errors[0]
    assert (error.row, error.column, error.value) == (2, "kato", "350000000")
    assert "may change" in error.expected
    # No scope (the CLI, superusers): every known territory is accepted.
    assert preview_import(ImportSource("a.csv", text.encode(), options=ANYWHERE)).refused == 0
    # The country's prefix ("") covers everything.
    assert (
        preview_import(
            ImportSource(
                "a.csv", text.encode(), options=ImportOptions(scope=TerritoryScope(prefixes=("",)))
            )
        ).refused
        == 0
    )


def test_the_scope_stored_with_a_run_is_checked_again_when_it_writes(tree):
    in_scope = "indicator,kato,period,value\nunemployment,355200000,2022,5.1\n"
    run = create_import_run(
        ImportSource(
            "a.csv",
            in_scope.encode(),
            options=ImportOptions(scope=TerritoryScope(prefixes=("3552",))),
        )
    )
    assert run.status == ImportStatus.PREVIEW and run.options["scope"] == {"prefixes": ["3552"]}
    # The file under the run is swapped for one reaching outside the scope: refused, nothing written.
    outside = ImportSource("a.csv", (in_scope + "unemployment,634000000,2022,3.0\n").encode())
    run = run_import(run, source=outside)
    assert run.status == ImportStatus.REFUSED and run.refused == 1
    assert Observation.objects.count() == 0
    assert ImportOptions.from_dict(run.options).scope == TerritoryScope(prefixes=("3552",))


def test_values_read_back_from_the_database_compare_exactly(tree):
    """A re-import compares with stored values as SQLite writes them out: every digit kept."""
    text = (
        "indicator,kato,period,value\n"
        "unemployment,350000000,2021,0.30000000000000004\n"
        "unemployment,350000000,2022,1e-300\n"
        "unemployment,355200000,2022,123456789.12345679\n"
    )
    assert do_import(text).new == 3
    again = preview_import(ImportSource("a.csv", text.encode(), options=ANYWHERE))
    assert (again.unchanged, again.changed, again.new) == (3, 0, 0)
    changed = preview_import(
        ImportSource("a.csv", text.replace("0.30000000000000004", "0.3").encode(), options=ANYWHERE)
    )
    assert (changed.unchanged, changed.changed) == (2, 1)


STORED_SQL = (
    "SELECT group_concat(printf('%d,%!.17g', territory_id, value), char(10)) "
    "FROM stored_rows WHERE indicator_id = ?"
)
STORED_ROWS = [(i, t, i * 1000 + t + 0.1) for i in range(1, 6) for t in range(3)]


def written_out(files: list[str]) -> dict[str, list[str]]:
    from pathlib import Path

    return {Path(f).parent.name: Path(f).read_text().splitlines() for f in files}


def test_stored_rows_are_written_out_one_folder_per_indicator(tmp_path):
    """The re-import's read of stored rows: one text per indicator, in a folder named for it
    (DuckDB reads the indicator from the folder name)."""
    from django.db import connection

    from aimaq.indicators.importing.stored_text import write_out_stored

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    connection.ensure_connection()
    connection.connection.execute(
        "CREATE TABLE stored_rows (indicator_id INTEGER, territory_id INTEGER, value REAL)"
    )
    connection.connection.executemany("INSERT INTO stored_rows VALUES (?, ?, ?)", STORED_ROWS)
    texts = written_out(write_out_stored(STORED_SQL, [1, 2, 3, 4, 5, 9], str(tmp_path)))
    assert sorted(texts) == [f"indicator_id={i}" for i in range(1, 6)]
    assert texts["indicator_id=2"] == [
        "0,2000.0999999999999",
        "1,2001.0999999999999",
        "2,2002.0999999999999",
    ]


def test_a_large_read_is_shared_by_processes_reading_the_database_file(tmp_path, monkeypatch):
    """On a database file, with nothing uncommitted, two worker processes write the texts
    out, each on its own read-only connection; what they write is what one connection
    would."""
    import sqlite3
    from contextlib import closing

    from django.db import connection

    from aimaq.indicators.importing import stored_text

    database = tmp_path / "stored.sqlite3"
    with closing(sqlite3.connect(database)) as con, con:
        con.execute(
            "CREATE TABLE stored_rows (indicator_id INTEGER, territory_id INTEGER, value REAL)"
        )
        con.executemany("INSERT INTO stored_rows VALUES (?, ?, ?)", STORED_ROWS)
    in_memory = stored_text._database_file()
    monkeypatch.setattr(stored_text, "_database_file", lambda: database.as_uri() + "?mode=ro")
    monkeypatch.setattr(stored_text.os, "cpu_count", lambda: 2)
    started = []
    real_popen = stored_text.subprocess.Popen
    monkeypatch.setattr(
        stored_text.subprocess, "Popen", lambda *a, **k: started.append(a) or real_popen(*a, **k)
    )
    folder = tmp_path / "out"
    files = stored_text.write_out_stored(
        STORED_SQL, [1, 2, 3, 4, 5, 9], str(folder), expected_rows=stored_text.SHARED_FROM_ROWS
    )
    assert len(started) == 2
    with closing(sqlite3.connect(database)) as con:
        alone = stored_text._write_out(con, STORED_SQL, [1, 2, 3, 4, 5, 9], str(tmp_path / "one"))
    assert written_out(files) == written_out(alone) and len(files) == 5
    if connection.vendor == "sqlite":  # the test database lives in memory: never shared
        assert in_memory is None


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_outside_a_transaction_checks_parents_itself_and_restores_fks(monkeypatch):
    """With no transaction open (a background import), a bulk load on SQLite turns the
    per-row foreign key checks off for its write and proves the parents exist itself."""
    from django.db import connection

    from aimaq.indicators.importing import writing

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    territories = small_tree()
    IndicatorFactory(code="unemployment")
    monkeypatch.setattr(writing, "BULK_LOAD_MIN", 10)
    checked = []
    real = writing._check_parents
    monkeypatch.setattr(writing, "_check_parents", lambda *args: checked.append(1) or real(*args))
    lines = [f"unemployment,350000000,{year},{year / 100}" for year in range(1900, 2025)]
    run = do_import("indicator,kato,period,value\n" + "\n".join(lines) + "\n")
    assert run.status == ImportStatus.DONE and run.new == 125 and checked == [1]
    assert Observation.objects.filter(territory=territories["karaganda"]).count() == 125
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_parents_check_refuses_rows_whose_territory_is_gone(tree):
    import duckdb
    from django.db import IntegrityError, connection

    from aimaq.indicators.importing.writing import _check_parents
    from aimaq.indicators.models import Indicator

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    run = ImportRun.objects.create(file_name="a.csv", file_format="csv")
    indicator = Indicator.objects.get(code="unemployment").pk
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE staged (indicator_id BIGINT, territory_id BIGINT, kind VARCHAR)"
    ).fetchall()
    con.execute(f"INSERT INTO staged VALUES ({indicator}, {tree['nura'].pk}, 'new')").fetchall()
    connection.ensure_connection()
    _check_parents(con, connection.connection, run)
    con.execute(f"INSERT INTO staged VALUES ({indicator}, 987654321, 'new')").fetchall()
    with pytest.raises(IntegrityError, match="territory_id"):
        _check_parents(con, connection.connection, run)


def test_a_year_to_come_is_refused_naming_the_last_possible_one(tree):
    from django.utils import timezone

    this_year = timezone.localdate().year
    run = do_import(GOOD + f"unemployment,355200000,{this_year + 1},5.0\n")
    assert run.status == ImportStatus.REFUSED and Observation.objects.count() == 0
    (error,) = run.errors
    assert (error["row"], error["column"], error["value"]) == (5, "period", str(this_year + 1))
    assert f"{this_year} or earlier" in error["expected"]


def test_ragged_rows_are_refused_once_each_saying_how_many_cells_they_have(tree):
    text = GOOD + "unemployment,350000000,2019,4.1,extra\nunemployment,350000000\n"
    preview = validate_file(text.encode(), file_name="data.csv", options=ANYWHERE)
    assert preview.rows_total == 5 and preview.refused == 2
    assert [(e.row, e.column) for e in preview.errors] == [(5, "all columns"), (6, "all columns")]
    assert preview.errors[0].expected.endswith("as in the header; this row has 5")
    assert preview.errors[1].expected.endswith("this row has 2")
    assert "Expected" not in " ".join(e.expected for e in preview.errors)  # no parser English


def test_a_cell_beyond_the_length_limit_is_refused_before_any_name_is_searched(
    tree, settings, monkeypatch
):
    from aimaq.indicators.importing.matching import TerritoryIndex

    settings.AIMAQ_IMPORT_MAX_CELL_CHARS = 100
    searched = []
    monkeypatch.setattr(TerritoryIndex, "closest", lambda self, token, limit=3: searched.append(1))
    text = GOOD + "unemployment," + "Ж" * 5000 + ",2022,1\n"
    preview = validate_file(text.encode("cp1251"), file_name="data.csv", options=ANYWHERE)
    assert preview.is_refused and searched == []
    (error,) = preview.errors
    assert (error.row, error.column) == (5, "kato")
    assert "at most 100 characters (this one has 5000)" in error.expected


def test_closest_names_are_searched_for_a_bounded_number_of_unknown_names(tree, settings):
    settings.AIMAQ_IMPORT_FUZZY_CELLS = 2
    text = GOOD + "".join(f"unemployment,Nowhere {i},2022,1\n" for i in range(5))
    preview = validate_file(text.encode(), file_name="data.csv", options=ANYWHERE)
    expected = [error.expected for error in preview.errors]
    assert len(expected) == 5 and sum("closest" in e for e in expected) == 2
    assert all(e.startswith("a known territory name or KATO code") for e in expected)

"""Helpers of the SQLite lock test (aimaq/indicators/tests/test_sqlite_lock.py) and of
benchmarks/import_lock.py, which run real processes on a real database file:

    python -m aimaq.testing.sqlite_lock world  FOLDER TERRITORIES INDICATORS YEARS  # + import
    python -m aimaq.testing.sqlite_lock queue  FOLDER FILE       # check now, queue the write
    python -m aimaq.testing.sqlite_lock probe  FOLDER STOP_FILE  # sign in and edit, in a loop

`probe` prints one JSON line per attempt: what was asked, the HTTP status, whether the
answer was the "busy, try again" page, and how long it took. The functions above `main`
drive those processes from the test or the benchmark (`LockWorld`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "a-long-test-password-1"
EDITOR = "lock-editor"
ROOT = "350000000"
PROJECT = Path(__file__).resolve().parents[2]
FINISHED = ("done", "failed", "refused")


def environment(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a process working on the database file in `folder`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aimaq.settings",
        "AIMAQ_SQLITE_PATH": str(folder / "aimaq.sqlite3"),
        "AIMAQ_MEDIA_ROOT": str(folder / "media"),
        "AIMAQ_SECRET_KEY": "lock-test-secret-key-that-is-long-enough-for-django",
        "AIMAQ_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "AIMAQ_LANGUAGE": "en",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


@dataclass
class LockWorld:
    """A database file in `folder` and the processes that work on it."""

    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / "aimaq.sqlite3"

    def manage(self, *args: str, **env: str) -> str:
        """`manage.py ARGS` on this database; its output (fails loudly)."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=environment(self.folder, **env),
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:] + done.stdout[-3000:])
        return done.stdout

    def helper(self, *args: str, **env: str) -> str:
        """`python -m aimaq.testing.sqlite_lock ARGS` on this database; its output."""
        done = subprocess.run(
            [sys.executable, "-m", "aimaq.testing.sqlite_lock", *args],
            cwd=PROJECT,
            env=environment(self.folder, **env),
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        return done.stdout

    def build(self, territories: int, indicators: int, years: int) -> str:
        """Its tables made from the models, with the units, indicators and editor, and the
        values of first.csv imported (again.csv holds each of them changed); the import's
        output. One process (each Django start costs seconds)."""
        return self.helper(
            "world", str(self.folder), str(territories), str(indicators), str(years),
            DJANGO_SETTINGS_MODULE="aimaq.testing.schema_settings",
        )  # fmt: skip

    def start_worker(self, log: Path, **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.3", "--no-startup-delay"],
            cwd=PROJECT,
            env=environment(self.folder, **env),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def start_probe(self, stop_file: Path, log: Path, **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "aimaq.testing.sqlite_lock", "probe", str(self.folder)]
            + [str(stop_file)],
            cwd=PROJECT,
            env=environment(self.folder, **env),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait_for_worker(self, log: Path, *, within: float = 600) -> None:
        """Until the worker started by `start_worker(log)` polls."""
        deadline = time.monotonic() + within
        while "Starting worker" not in log.read_text():
            if time.monotonic() > deadline:
                raise AssertionError(f"the worker did not start in {within} s")
            time.sleep(0.2)

    def queue(self, file: Path) -> int:
        """`file` checked now and confirmed; its write waits for a worker. The run's id."""
        return int(self.helper("queue", str(self.folder), str(file)))

    def small_file(self, name: str, value: float) -> Path:
        path = self.folder / name
        lines = [f"lock_0,{code},2024,{value}" for code in unit_codes(5)]
        path.write_text("indicator,kato,period,value\n" + "\n".join(lines) + "\n")
        return path

    def database(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=120)

    def write_job(self, run_id: int) -> tuple[str, str]:
        """(status, message) of the run's write job."""
        with self.database() as db:
            row = db.execute(
                "SELECT j.status, j.message FROM indicators_importrun r "
                "JOIN core_job j ON j.id = r.write_job_id WHERE r.id = ?",
                (run_id,),
            ).fetchone()
        return row or ("", "")

    def wait_for_write(self, run_id: int, *, within: float) -> str:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            status, _message = self.write_job(run_id)
            if status in FINISHED:
                return status
            time.sleep(0.5)
        raise AssertionError(f"the write of import {run_id} did not finish in {within} s")


def read_answers(log: Path) -> list[dict]:
    """The probe's answers, as it printed them."""
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def unit_codes(count: int) -> list[str]:
    """`count` rural okrug codes under Karaganda oblast: 99 under each rayon 3531…, 3532…"""
    return [f"35{31 + i // 99:02d}{1 + i % 99:02d}000" for i in range(count)]


def write_values(path: Path, territories: int, indicators: int, years: int, shift: float) -> int:
    """A long CSV: each indicator × rayon × year, values moved by `shift`; returns rows.
    Written by DuckDB (2 million rows in a second or two)."""
    import duckdb

    first = 2023 - years + 1
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(
        f"""COPY (
            SELECT 'lock_' || i AS indicator,
                   printf('35%02d%02d000', 31 + t // 99, 1 + t % 99) AS kato,
                   y AS period, round(y * 0.1 + {float(shift)}, 2) AS value
            FROM range({int(indicators)}) a(i), range({int(territories)}) b(t),
                 range({first}, {first + int(years)}) c(y)
            ORDER BY i, t, y
        ) TO '{path}' (HEADER, DELIMITER ',')"""
    )
    return indicators * territories * years


def build_world(folder: Path, territories: int, indicators: int) -> None:
    """Karaganda oblast with `territories` rural okrugs (in rayons of 99), `indicators`
    indicators, and an editor of the oblast who signs in with PASSWORD."""
    from aimaq.accounts.models import Role
    from aimaq.accounts.services import grant_role
    from aimaq.indicators.models import Indicator
    from aimaq.territories.models import Level, Territory
    from aimaq.testing.database import lay_out_like_migrations

    lay_out_like_migrations()
    country = Territory.objects.create(kato="000000000", level=Level.COUNTRY, name_en="Kazakhstan")
    oblast = Territory.objects.create(
        kato=ROOT, level=Level.OBLAST, parent=country, name_en="Karaganda Region"
    )
    codes = unit_codes(territories)
    rayons = {
        prefix: Territory.objects.create(
            kato=prefix + "00000", level=Level.RAYON, parent=oblast, name_en=f"Rayon {prefix[2:]}"
        )
        for prefix in sorted({code[:4] for code in codes})
    }
    Territory.objects.bulk_create(
        Territory(kato=code, level=Level.RURAL_OKRUG, parent=rayons[code[:4]], name_en=f"Okrug {n}")
        for n, code in enumerate(codes)
    )
    Indicator.objects.bulk_create(
        Indicator(
            code=f"lock_{i}",
            name_en=f"Lock {i}",
            direction="neutral",
            theme="economy",
            aggregation="sum",
        )  # fmt: skip
        for i in range(indicators)
    )
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("lock-admin", password=PASSWORD)
    editor = get_user_model().objects.create_user(EDITOR, password=PASSWORD)
    grant_role(by=admin, user=editor, role=Role.EDITOR, territory=oblast)


def queue_import(path: Path) -> int:
    """The file checked here and now, then confirmed by the editor: its write waits in the
    database queue for a worker. Returns the run's id."""
    from django.contrib.auth import get_user_model

    from aimaq.core.permissions import TerritoryScope
    from aimaq.core.tabular.flow import confirm_import
    from aimaq.indicators.importing.types import ImportOptions, ImportSource
    from aimaq.indicators.services import create_import_run

    editor = get_user_model().objects.get(username=EDITOR)
    source = ImportSource(path.name, path=path, options=ImportOptions(scope=TerritoryScope.all()))
    run = create_import_run(source, by=editor)
    assert run.new + run.changed > 0, run.errors
    confirm_import(run, by=editor)
    return run.pk


def probe(stop: Path) -> None:
    """Signs in and edits a territory's population, again and again, until `stop` exists."""
    from django.test import Client
    from django.urls import reverse

    unit = unit_codes(1)[0]
    attempt = 0
    while not stop.exists():
        attempt += 1
        client = Client(raise_request_exception=False)
        started = time.monotonic()
        response = client.post(
            reverse("accounts:login"), {"username": EDITOR, "password": PASSWORD}
        )
        _report("sign-in", response, started)
        if response.status_code != 302:
            continue
        started = time.monotonic()
        response = client.post(
            reverse("territories:edit", args=[unit]),
            {
                "name_en": f"Okrug 0 (edit {attempt})",
                "population": 1000 + attempt,
                "population_year": 2023,
            },  # fmt: skip
        )
        _report("territory edit", response, started)


def _report(what: str, response, started: float) -> None:
    body = response.content.decode(errors="replace")
    print(
        json.dumps(
            {
                "what": what,
                "status": response.status_code,
                "busy": response.status_code == 503 and 'id="busy-message"' in body,
                "retry_after": response.headers.get("Retry-After", ""),
                "seconds": round(time.monotonic() - started, 2),
                "at": time.time(),
            }
        ),
        flush=True,
    )


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, folder = argv[0], Path(argv[1])
    if command == "world":  # under aimaq.testing.schema_settings: tables from the models
        from django.core.management import call_command

        territories, indicators, years = (int(value) for value in argv[2:5])
        call_command("migrate", run_syncdb=True, verbosity=0)
        build_world(folder, territories, indicators)
        write_values(folder / "first.csv", territories, indicators, years, 0.0)
        write_values(folder / "again.csv", territories, indicators, years, 1.0)
        call_command("import_observations", str(folder / "first.csv"))
    elif command == "queue":
        print(queue_import(Path(argv[2])))
    elif command == "probe":
        probe(Path(argv[2]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])

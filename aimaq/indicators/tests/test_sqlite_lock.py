"""On SQLite, a long import does not break the rest of the site: while the background worker
writes 2 million changed values, people sign in and edit a territory (each either goes
through or gets the "busy, try again in a moment" page — never a 500), and the worker, which
also outlives a database locked longer than its own timeout, goes on taking work.

Real processes on a real database file: `manage.py migrate`, `import_observations`,
`db_worker` and a probe signing in and editing in a loop (aimaq/testing/sqlite_lock.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aimaq.testing.sqlite_lock import environment, unit_codes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="SQLite's database-wide write lock; the PostgreSQL run has none to test",
    ),
]

PROJECT = Path(__file__).resolve().parents[3]
MILLIONS = 2_000_000
UNITS, INDICATORS, YEARS = 1000, 20, 100  # 2,000,000 values


def manage(folder: Path, *args: str, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment(folder, **env),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    return done.stdout


def helper(folder: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "aimaq.testing.sqlite_lock", *args],
        cwd=PROJECT,
        env=environment(folder),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def start_worker(folder: Path, log: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.3", "--no-startup-delay"],
        cwd=PROJECT,
        env=environment(folder, **env),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "aimaq.sqlite3", timeout=60)


def write_job_of(folder: Path, run_id: int) -> tuple[str, str]:
    with database(folder) as db:
        row = db.execute(
            "SELECT j.status, j.message FROM indicators_importrun r "
            "JOIN core_job j ON j.id = r.write_job_id WHERE r.id = ?",
            (run_id,),
        ).fetchone()
    return row or ("", "")


def wait_for_write(folder: Path, run_id: int, *, within: float) -> str:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        status, _message = write_job_of(folder, run_id)
        if status in ("done", "failed", "refused"):
            return status
        time.sleep(1)
    raise AssertionError(f"the write of import {run_id} did not finish in {within} s")


def small_file(folder: Path, name: str, value: float) -> Path:
    path = folder / name
    lines = [f"lock_0,{code},2024,{value}" for code in unit_codes(5)]
    path.write_text("indicator,kato,period,value\n" + "\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """A database file with 1,000 territories, 20 indicators and 2 million stored values."""
    folder = tmp_path_factory.mktemp("sqlite-lock")
    manage(folder, "migrate", "-v", "0")
    helper(folder, "world", str(folder), str(UNITS), str(INDICATORS), str(YEARS))
    output = manage(folder, "import_observations", str(folder / "first.csv"))
    assert f"{MILLIONS} new" in output
    return folder


def test_the_worker_outlives_a_database_locked_longer_than_its_timeout(world):
    log = world / "worker-locked-out.log"
    worker = start_worker(world, log, AIMAQ_SQLITE_TIMEOUT="1")
    try:
        time.sleep(3)  # polling
        blocker = sqlite3.connect(world / "aimaq.sqlite3", isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        time.sleep(5)  # several of the worker's polls meet the lock and time out
        blocker.execute("ROLLBACK")
        blocker.close()
        assert worker.poll() is None, log.read_text()[-3000:]
        run_id = int(helper(world, "queue", str(small_file(world, "small.csv", 1.5))))
        assert wait_for_write(world, run_id, within=120) == "done"
        assert "waits" in log.read_text()  # it did meet the lock
        assert worker.poll() is None
    finally:
        stop(worker)


def test_sign_in_and_territory_edits_work_while_two_million_changed_values_are_written(world):
    run_id = int(helper(world, "queue", str(world / "again.csv")))
    worker = start_worker(world, world / "worker.log")
    stop_file = world / "stop-probe"
    probe_out = (world / "probe.log").open("w")
    probe = subprocess.Popen(
        [sys.executable, "-m", "aimaq.testing.sqlite_lock", "probe", str(world), str(stop_file)],
        cwd=PROJECT,
        env=environment(world),
        stdout=probe_out,
        stderr=subprocess.STDOUT,
    )
    try:
        writing_seen = None
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            status, message = write_job_of(world, run_id)
            if message == "Writing the values" and writing_seen is None:
                writing_seen = time.time()
            if status in ("done", "failed", "refused"):
                break
            time.sleep(1)
        finished = time.time()
        assert status == "done", (world / "worker.log").read_text()[-3000:]
        stop_file.touch()
        probe.wait(timeout=120)
        answers = [
            json.loads(line)
            for line in (world / "probe.log").read_text().splitlines()
            if line.startswith("{")
        ]
        during = [a for a in answers if writing_seen and writing_seen <= a["at"] <= finished + 1]
        assert during, "no sign-in or edit was tried while the values were written"
        assert {a["what"] for a in answers} == {"sign-in", "territory edit"}
        for answer in answers:
            assert answer["status"] in (302, 503), answer
            assert answer["status"] == 302 or answer["busy"], answer
        with database(world) as db:
            changed = db.execute(
                "SELECT count(*) FROM indicators_observation WHERE import_run_id = ?", (run_id,)
            ).fetchone()[0]
            revisions = db.execute(
                "SELECT count(*) FROM indicators_observationrevision WHERE replaced_by_id = ?",
                (run_id,),
            ).fetchone()[0]
            written_at = db.execute(
                "SELECT written_at FROM indicators_importrun WHERE id = ?", (run_id,)
            ).fetchone()[0]
        assert changed == MILLIONS and revisions == MILLIONS and written_at
        # The worker is alive and takes the next import.
        assert worker.poll() is None
        next_run = int(helper(world, "queue", str(small_file(world, "after.csv", 2.5))))
        assert wait_for_write(world, next_run, within=120) == "done"
    finally:
        stop_file.touch()
        stop(probe)
        stop(worker)
        probe_out.close()

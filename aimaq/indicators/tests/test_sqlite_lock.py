"""On SQLite, a long import does not break the rest of the site: while the background worker
writes changed values, people sign in and edit a territory (each either goes through or gets
the "busy, try again in a moment" page — never a 500), and the worker, which also outlives a
database locked longer than its own timeout, goes on taking work.

Real processes on a real database file (aimaq/testing/sqlite_lock.py): `manage.py migrate`,
`import_observations`, `db_worker`, and a probe that signs in and edits in a loop. The test
writes 20,000 changed values so the suite stays quick; AIMAQ_LOCK_VALUES=2000000 runs it at
the size the issue names, and benchmarks/import_lock.py measures that size.
"""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from aimaq.testing.sqlite_lock import FINISHED, LockWorld, read_answers, stop

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="SQLite's database-wide write lock; the PostgreSQL run has none to test",
    ),
]

VALUES = int(os.environ.get("AIMAQ_LOCK_VALUES", "20000"))
INDICATORS, YEARS = (20, 100) if VALUES >= 2_000_000 else (2, 50)
UNITS = VALUES // (INDICATORS * YEARS)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> LockWorld:
    """A database file with UNITS rural okrugs, INDICATORS indicators and VALUES values."""
    world = LockWorld(tmp_path_factory.mktemp("sqlite-lock"))
    started = time.monotonic()
    output = world.build(UNITS, INDICATORS, YEARS)
    print(f"lock world built in {time.monotonic() - started:.1f} s")
    assert f"{UNITS * INDICATORS * YEARS} new" in output
    return world


def test_a_write_that_meets_the_database_locked_gets_the_busy_page_not_a_500(world):
    blocker = sqlite3.connect(world.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # what a long import's write looks like to others
    stop_file, log = world.folder / "stop-blocked", world.folder / "probe-blocked.log"
    probe = world.start_probe(stop_file, log, AIMAQ_SQLITE_TIMEOUT="0.5")
    try:
        deadline = time.monotonic() + 120
        while not read_answers(log) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop_file.touch()
        blocker.execute("ROLLBACK")
        blocker.close()
        probe.wait(timeout=120)
        stop(probe)
    answers = read_answers(log)
    assert answers, log.read_text()[-3000:]
    blocked = answers[0]
    assert blocked["what"] == "sign-in"
    assert blocked["status"] == 503 and blocked["busy"], blocked
    assert blocked["retry_after"] == "5"
    for answer in answers:  # once the lock is gone, sign-in goes through again
        assert answer["status"] in (302, 503), answer


def test_the_worker_outlives_a_database_locked_longer_than_its_timeout(world):
    log = world.folder / "worker-locked-out.log"
    worker = world.start_worker(log, AIMAQ_SQLITE_TIMEOUT="0.5")
    try:
        world.wait_for_worker(log)
        time.sleep(0.5)  # polling
        blocker = sqlite3.connect(world.path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        time.sleep(2.5)  # several of the worker's polls meet the lock and time out
        blocker.execute("ROLLBACK")
        blocker.close()
        assert worker.poll() is None, log.read_text()[-3000:]
        run_id = world.queue(world.small_file("small.csv", 1.5))
        assert world.wait_for_write(run_id, within=180) == "done"
        assert "waits" in log.read_text()  # it did meet the lock
        assert worker.poll() is None
    finally:
        stop(worker)


def test_sign_in_and_territory_edits_work_while_changed_values_are_written(world):
    run_id = world.queue(world.folder / "again.csv")
    worker = world.start_worker(world.folder / "worker.log")
    stop_file, log = world.folder / "stop-probe", world.folder / "probe.log"
    # A busy timeout shorter than the write, so the busy page is met, not only waited out.
    probe = world.start_probe(stop_file, log, AIMAQ_SQLITE_TIMEOUT="0.2")
    try:
        writing_seen = None
        status = ""
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            status, message = world.write_job(run_id)
            if message == "Writing the values" and writing_seen is None:
                writing_seen = time.time()
            if status in FINISHED:
                break
            time.sleep(0.2)
        finished = time.time()
        assert status == "done", (world.folder / "worker.log").read_text()[-3000:]
        time.sleep(1)
        stop_file.touch()
        probe.wait(timeout=120)
        answers = read_answers(log)
        assert {a["what"] for a in answers} == {"sign-in", "territory edit"}
        during = [a for a in answers if writing_seen and writing_seen <= a["at"] <= finished]
        assert during, "no sign-in or edit was tried while the values were written"
        for answer in answers:
            assert answer["status"] in (302, 503), answer
            assert answer["status"] == 302 or answer["busy"], answer
        with world.database() as db:
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
        assert changed == VALUES and revisions == VALUES and written_at
        # The worker is alive and takes the next import.
        assert worker.poll() is None
        next_run = world.queue(world.small_file("after.csv", 2.5))
        assert world.wait_for_write(next_run, within=180) == "done"
        assert worker.poll() is None
    finally:
        stop_file.touch()
        stop(probe)
        stop(worker)

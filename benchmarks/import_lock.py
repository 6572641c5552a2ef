"""SQLite during a long import: how long the write lock is held, and what people meet meanwhile.

    .venv/bin/python benchmarks/import_lock.py [--values 2000000] [--probe-timeout 20] [--keep]

Builds a database file (the lock test's world, aimaq/testing/sqlite_lock.py: rural okrugs ×
indicators × years of values, imported once), then queues a re-import that changes every
value and runs, as separate processes, the background worker (`manage.py db_worker`) and a
probe that signs in and edits a territory in a loop with the busy timeout given. Meanwhile
this process watches the lock: every 20 ms it tries `BEGIN IMMEDIATE` without waiting, so the
longest run of refusals is the longest time any writer had to wait. Prints:

  check            the re-import's check (the preview), in its own process
  write job        the worker's write: staging, revisions, the swap
  lock held        the longest time the database refused a writer, and the total
  answers          sign-ins and edits during the write: 302 (went through), 503 (busy page),
                   anything else (must be none); their longest time
  worker           alive after the write, and taking the next import
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aimaq.testing.sqlite_lock import FINISHED, LockWorld, read_answers, stop  # noqa: E402


class LockWatch(threading.Thread):
    """Tries to take the write lock every `step` seconds without waiting; records the spans
    during which it could not."""

    def __init__(self, path: Path, step: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.path, self.step = path, step
        self.spans: list[float] = []
        self.running = True

    def run(self) -> None:
        db = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        locked_since: float | None = None
        while self.running:
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
                if locked_since is not None:
                    self.spans.append(time.monotonic() - locked_since)
                    locked_since = None
            except sqlite3.OperationalError:
                if locked_since is None:
                    locked_since = time.monotonic()
            time.sleep(self.step)
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=2_000_000)
    parser.add_argument("--probe-timeout", default="20", help="the probe's busy timeout, s")
    parser.add_argument("--keep", action="store_true", help="keep the database folder")
    args = parser.parse_args()
    indicators, years = 20, 100
    units = max(1, args.values // (indicators * years))
    folder = Path(tempfile.mkdtemp(prefix="aimaq-lock-"))
    world = LockWorld(folder)
    try:
        started = time.monotonic()
        world.build(units, indicators, years)
        print(f"world        {units * indicators * years:,} values imported "
              f"in {time.monotonic() - started:.1f} s")  # fmt: skip

        started = time.monotonic()
        run_id = world.queue(folder / "again.csv")
        print(f"check        {time.monotonic() - started:.1f} s (every value changed)")

        watch = LockWatch(world.path)
        watch.start()
        stop_file, probe_log = folder / "stop", folder / "probe.log"
        probe = world.start_probe(stop_file, probe_log, AIMAQ_SQLITE_TIMEOUT=args.probe_timeout)
        worker_log = folder / "worker.log"
        worker = world.start_worker(worker_log)
        try:
            world.wait_for_worker(worker_log)
            started = time.monotonic()
            status = world.wait_for_write(run_id, within=7200)
            took = time.monotonic() - started
            time.sleep(1)
            stop_file.touch()
            probe.wait(timeout=300)
            watch.running = False
            watch.join()
            answers = read_answers(probe_log)
            print(f"write job    {status} in {took:.1f} s")
            spans = sorted(watch.spans, reverse=True)
            print(
                f"lock held    longest {spans[0] if spans else 0:.2f} s, total "
                f"{sum(spans):.2f} s in {len(spans)} spans"
            )
            by_status: dict[int, int] = {}
            for answer in answers:
                by_status[answer["status"]] = by_status.get(answer["status"], 0) + 1
            longest = max((a["seconds"] for a in answers), default=0.0)
            print(
                f"answers      {len(answers)} (sign-ins and edits, busy timeout "
                f"{args.probe_timeout} s): {dict(sorted(by_status.items()))}, "
                f"longest {longest:.2f} s"
            )
            alive = worker.poll() is None
            next_run = world.queue(world.small_file("after.csv", 2.5))
            after = world.wait_for_write(next_run, within=600) if alive else "—"
            print(f"worker       alive: {alive}; the next import: {after}")
            if any(a["status"] not in (302, 503) for a in answers) or status not in FINISHED:
                raise SystemExit(1)
        finally:
            stop_file.touch()
            stop(probe)
            stop(worker)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""`manage.py db_worker`: django-tasks-db's worker, made to outlive a locked database.

The package's worker catches "database is locked" only around taking a task; met anywhere
else (beginning its polling transaction, recording a task's end) it ends the process, and
every later import then waits "queued" for ever. On SQLite a long import holds the write
lock for seconds, so this worker catches the lock wherever it meets it, waits (1 s, then
longer, at most 30 s), and goes on polling. A task interrupted that way is finished by its
own runner (`aimaq.core.jobs`) or shows as stalled, with "run it again".
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import CommandError
from django.db import OperationalError, close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as package
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("django_tasks_db")

FIRST_WAIT, LONGEST_WAIT = 1.0, 30.0


class SteadyWorker(package.Worker):
    """The package's worker, run again after a locked database instead of dying on it."""

    def run(self) -> None:
        wait = FIRST_WAIT
        while self.running:
            try:
                return super().run()
            except OperationalError as exc:
                if not is_locked_database_exception(exc):
                    raise
                logger.warning("Database locked; the worker waits %.0f s and goes on.", wait)
                close_old_connections()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
                self.startup_delay = False
        return None


class Command(package.Command):
    help = package.Command.help + " (it waits out a locked database and goes on)"

    def handle(self, *, verbosity: int, reload: bool, batch: bool, **options) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SteadyWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            import os

            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

"""Loads the demo data: whatever each installed app registered (territories, people with
their roles, demo indicators …), in INSTALLED_APPS order.

Idempotent: each loader creates what is missing and leaves what is there alone. The demo
people share a published password, so the command refuses a server database (PostgreSQL)
unless told that this really is a demo installation.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import translation

from aimaq.core.registries import DemoOutcome, demo_loaders


class Command(BaseCommand):
    help = "Load the demo data of every installed app (territories, people and roles, statistics)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo-server",
            action="store_true",
            help="Load the demo (with its published passwords) into a server database too.",
        )

    def handle(self, *args, demo_server: bool = False, **options) -> None:
        if connection.vendor != "sqlite" and not demo_server:
            raise CommandError(
                "The demo creates accounts with a published password. Refusing to load it into "
                f"a {connection.vendor} database; pass --demo-server if this is a demo server."
            )
        logins: list[str] = []
        # The demo's terminal report is in English: it is read by whoever installs the demo.
        with translation.override("en"), transaction.atomic():
            for loader in demo_loaders():
                outcome = loader.load()
                if not isinstance(outcome, DemoOutcome):
                    outcome = DemoOutcome(str(outcome))
                self.stdout.write(f"  {loader.label}: {outcome.summary}")
                logins += outcome.logins
        if logins:
            self.stdout.write(self.style.SUCCESS("Demo logins (username / password — role):"))
            for login in logins:
                self.stdout.write(f"  {login}")

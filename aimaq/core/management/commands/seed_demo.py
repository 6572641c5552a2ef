"""Loads the demo data: territories, people with their roles, demo indicators.

Idempotent: each loader creates what is missing and leaves what is there alone.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from aimaq.accounts.demo import load_demo_people
from aimaq.indicators.demo import load_demo_indicators
from aimaq.territories.demo import load_demo_territories


class Command(BaseCommand):
    help = "Load the demo data (territories, people and roles, demo statistics)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            territories = load_demo_territories()
            self.stdout.write(f"  territories: {territories}")
            logins = load_demo_people()
            indicators = load_demo_indicators()
            self.stdout.write(f"  indicators: {indicators}")
        self.stdout.write(self.style.SUCCESS("Demo logins (username / password — role):"))
        for login in logins:
            self.stdout.write(f"  {login}")

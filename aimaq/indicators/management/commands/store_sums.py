"""`manage.py store_sums`: writes the stored sums the pivot reads (`indicators/sums.py`) and
the values computed from below the profile reads (`sums_below.py`) for every indicator whose
ones are missing or out of date — after figures were loaded some other
way than an import, or after the territory tree was edited. Imports keep them up to date."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from aimaq.indicators.models import Indicator
from aimaq.indicators.sums import out_of_date, store_sums


class Command(BaseCommand):
    help = "Write the pivot's stored sums where they are missing or out of date."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="rewrite every indicator's sums")

    def handle(self, *args, **options) -> None:
        ids = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
        if not options["all"]:
            ids = out_of_date(ids)
        for pk in ids:  # one short transaction per indicator
            with transaction.atomic():
                store_sums([pk])
        self.stdout.write(_("Stored sums written for %(count)d indicators.") % {"count": len(ids)})

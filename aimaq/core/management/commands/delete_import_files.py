"""manage.py delete_import_files: remove the files of uploads that were never written."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from aimaq.core.tabular.flow import delete_unwritten_files, keep_unwritten_for


class Command(BaseCommand):
    help = _(
        "Delete the kept files of imports refused, failed or left unconfirmed for longer than "
        "AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS (7 by default); files of written imports are kept. "
        "Run it daily from cron or a systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=float, help=_("delete files of uploads older than this many days")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("count, delete nothing"))

    def handle(self, *args, **options) -> None:
        from datetime import timedelta

        older_than = (
            timedelta(days=options["days"]) if options["days"] is not None else keep_unwritten_for()
        )
        count = delete_unwritten_files(older_than=older_than, dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(_("Files that would be deleted: %(count)s") % {"count": count})
        else:
            self.stdout.write(_("Files deleted: %(count)s") % {"count": count})

"""`manage.py import_observations FILE`: the import page's twin for the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from aimaq.core.permissions import TerritoryScope
from aimaq.indicators.importing.types import ROLES, ImportOptions, ImportPreview, ImportSource
from aimaq.indicators.models import ImportRun, ImportStatus, ObservationStatus
from aimaq.indicators.services import preview_import, run_import


class Command(BaseCommand):
    help = "Import observations from CSV, XLSX or SDMX: check the whole file, then write all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--indicator", default="", help="indicator code when the file has no indicator column"
        )
        parser.add_argument("--layout", choices=["auto", "long", "wide"], default="auto")
        parser.add_argument("--sheet", default="", help="XLSX sheet name (default: the first)")
        parser.add_argument("--match", choices=["auto", "code", "name"], default="auto")
        parser.add_argument(
            "--encoding", default="", help="CSV encoding: utf-8 or cp1251 (default: detect)"
        )
        parser.add_argument("--source", default="", help="source recorded on each value")
        parser.add_argument(
            "--status",
            choices=[status.value for status in ObservationStatus],
            default="final",
            help="status of values when the file has no status column (projection: a "
            "forecast, kept apart from reported figures)",
        )
        for role in ROLES:
            parser.add_argument(
                f"--{role}-column",
                default="",
                metavar="HEADER",
                help=f"the file's column that holds the {role} (default: found by its header)",
            )
        parser.add_argument(
            "--periods",
            default="",
            help="import only these years, e.g. 2000-2023 or 2010,2015-2020 (others left out)",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="leave refused rows out and write the others (the report counts them)",
        )
        parser.add_argument(
            "--name",
            action="append",
            default=[],
            metavar="NAME=KATO",
            help="read a territory name of the file as this unit (repeatable)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report; write nothing"
        )

    @staticmethod
    def picks(pairs: list[str]) -> dict[str, str]:
        picks = {}
        for pair in pairs:
            name, sep, code = pair.rpartition("=")
            if not sep or not name.strip() or not code.strip().isdigit():
                raise CommandError(
                    _("--name expects NAME=KATO, such as “Алматы=750000000”; got “%(pair)s”")
                    % {"pair": pair}
                )
            picks[name.strip()] = code.strip()
        return picks

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        source = ImportSource(
            file_name=path.name,
            path=path,
            options=ImportOptions(
                indicator=options["indicator"],
                layout=options["layout"],
                sheet=options["sheet"],
                match=options["match"],
                encoding=options["encoding"],
                source=options["source"],
                status=options["status"],
                columns={
                    role: options[f"{role}_column"] for role in ROLES if options[f"{role}_column"]
                },
                periods=options["periods"],
                skip_invalid=options["skip_invalid"],
                names=self.picks(options["name"]),
                # The operator at the command line may load figures for any territory.
                scope=TerritoryScope.all(),
            ),
        )
        if options["dry_run"]:
            preview = preview_import(source)
            self.report(preview.summary(), preview.errors, preview.error_count)
            self.report_matches(preview.matches)
            if preview.is_refused:
                raise CommandError(_("Refused: nothing would be written."), returncode=1)
            self.stdout.write(self.style.SUCCESS(_("Dry run: nothing written.")))
            return
        run = ImportRun.objects.create(
            file_name=path.name, file_format=source.extension, options=source.options.as_dict()
        )
        run = run_import(run, source=source)
        preview = ImportPreview(
            file_name=run.file_name,
            file_format=run.file_format,
            rows_total=run.rows_total,
            new=run.new,
            changed=run.changed,
            unchanged=run.unchanged,
            refused=run.refused,
            skipped=run.skipped,
            left_out=run.left_out,
            skip_invalid=source.options.skip_invalid,
        )
        self.report(preview.summary(), run.errors, run.error_count)
        self.report_matches(run.matches)
        if run.status != ImportStatus.DONE:
            raise CommandError(
                _("Import %(id)s %(status)s: nothing written.")
                % {"id": run.pk, "status": run.get_status_display()},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(_("Import %(id)s done.") % {"id": run.pk}))

    def report_matches(self, matches: list[dict]) -> None:
        """The names to look at: read other than as written, or shared by several levels."""
        asked = [entry for entry in matches if entry["asked"] and entry["kato"]]
        if not asked:
            return
        self.stdout.write(_("Names to look at (pass --name NAME=KATO to read one otherwise):"))
        for entry in asked:
            others = ", ".join(c["label"] for c in entry["choices"] if c["kato"] != entry["kato"])
            line = f"  «{entry['name']}» → {entry['unit']}, {entry['level']}"
            if entry["note"]:
                line += f": {entry['note']}"
            if others:
                line += " " + _("(also: %(units)s)") % {"units": others}
            self.stdout.write(line)

    def report(self, summary: str, errors, error_count: int) -> None:
        self.stdout.write(summary)
        for error in errors:
            from aimaq.indicators.importing.types import RowError

            error = error if isinstance(error, RowError) else RowError(**error)
            self.stdout.write(f"  {error.message()}")
        if error_count > len(errors):
            self.stdout.write(
                _("  … and %(count)s more errors.") % {"count": error_count - len(errors)}
            )

"""manage.py load_territories FILE: load a KATO list (CSV or XLSX) into the territory tree."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aimaq.territories.kato_lists import LoadReport, load_territories

QUIRK_LABELS = {
    "nested_settlement": gettext_noop(
        "settlements listed under another settlement (KATO nests winter camps and small "
        "villages under a village)"
    ),
    "skips_level": gettext_noop(
        "units hanging more than one code level below their parent (e.g. city districts, "
        "villages directly under a city administration)"
    ),
}


class Command(BaseCommand):
    help = _(
        "Load a KATO list into the territory tree. Accepts the statistics office's "
        "id;parent_id;code;name CSV or a code;parent_code;name_ru;name_kk;name_en;level;"
        "population CSV/XLSX (comma or semicolon, UTF-8 or Windows-1251). The whole file is "
        "checked first; nothing is written if a row is refused. Example: manage.py "
        "load_territories KATO_17.10.2022_ru.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("a .csv or .xlsx file"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("load the valid rows, leaving out refused rows and the rows below them"),
        )
        parser.add_argument(
            "--valid-from",
            type=date.fromisoformat,
            help=_("YYYY-MM-DD: the date new units are valid from"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("check and count, write nothing")
        )
        parser.add_argument(
            "--max-errors", type=int, default=20, help=_("how many refused rows to list")
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        report = load_territories(
            path,
            skip_invalid=options["skip_invalid"],
            valid_from=options["valid_from"],
            dry_run=options["dry_run"],
        )
        self.print_report(report, options["max_errors"])
        if report.refused:
            raise CommandError(
                _("Nothing was written: %(count)s problem(s) in %(file)s.")
                % {"count": len(report.errors), "file": report.source}
            )

    def print_report(self, report: LoadReport, max_errors: int) -> None:
        out = self.stdout.write
        out(_("File: %(file)s") % {"file": report.source})
        out(_("Rows read: %(n)s") % {"n": report.rows_read})
        if not report.refused:
            out(
                _("Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        if report.country_created:
            out(_("(created includes the country root, 000000000, which was missing)"))
        sources = report.level_sources
        out(
            _(
                "Level read from: the level column %(column)s, the name %(name)s, the code structure %(structure)s (no level word in the name)"
            )
            % {
                "column": sources.get("column", 0),
                "name": sources.get("name", 0),
                "structure": sources.get("structure", 0),
            }
        )
        for quirk, count in sorted(report.quirks.items()):
            examples = "; ".join(report.quirk_examples.get(quirk, []))
            out(
                _("Accepted KATO quirk: %(count)s %(what)s, e.g. row %(examples)s")
                % {"count": count, "what": _(QUIRK_LABELS.get(quirk, quirk)), "examples": examples}
            )
        if report.errors:
            out(_("Refused: %(n)s row problem(s)") % {"n": len(report.errors)})
            for error in report.errors[:max_errors]:
                out(f"  {error}")
            if len(report.errors) > max_errors:
                out(_("  … and %(n)s more") % {"n": len(report.errors) - max_errors})
        if report.skip_invalid and report.skipped_rows:
            out(
                _("Skipped (refused or below a refused row): %(n)s rows")
                % {"n": len(report.skipped_rows)}
            )
        if report.kept_names:
            out(
                _("Kept %(n)s name(s) corrected by people (the file gives others):")
                % {"n": len(report.kept_names)}
            )
            for code, name, kept, given in report.kept_names[:max_errors]:
                out(
                    _("  %(code)s %(field)s: kept “%(kept)s”, the file has “%(given)s”")
                    % {"code": code, "field": name, "kept": kept, "given": given}
                )
        if report.reforms is not None:
            reforms = report.reforms
            out(
                _(
                    "Territorial reforms applied: %(reforms)s; units ended %(ended)s, "
                    "units dated from their reform %(began)s, former names %(names)s, "
                    "successions %(successions)s"
                )
                % {
                    "reforms": reforms.reforms,
                    "ended": reforms.ended,
                    "began": reforms.began,
                    "names": reforms.names,
                    "successions": reforms.successions,
                }
            )
            if reforms.missing:
                out(
                    _("Not in the registry yet (their part of a reform waits): %(codes)s")
                    % {"codes": ", ".join(sorted(set(reforms.missing)))}
                )
        timings = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings.items())
        out(_("Time: %(timings)s") % {"timings": timings})
        if report.dry_run and not report.refused:
            out(self.style.WARNING(_("Dry run: nothing was written.")))
        elif report.written:
            out(self.style.SUCCESS(_("Loaded.")))

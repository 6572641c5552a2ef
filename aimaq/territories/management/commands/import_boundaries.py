"""manage.py import_boundaries FILE: store territory boundaries from a GIS file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from aimaq.territories.boundaries import BoundaryReport, import_boundaries
from aimaq.territories.boundary_names import LANGUAGES, parse_fill_names
from aimaq.territories.models import Level

EXAMPLE = (
    "manage.py import_boundaries kaz_admbnda_adm1_2024.shp --level oblast,city_republican "
    "--match code --code-field KATO --fill-names "
    '--source "geokz, A. Rodionov, data of the Bureau of National Statistics of Kazakhstan '
    '(CC BY 4.0)"'
)


class Command(BaseCommand):
    help = _(
        "Import boundaries from a GeoJSON file, a shapefile or a zipped shapefile, matching "
        "features to current territories of the given levels by KATO code or by name. "
        "Nothing is written if a feature is unmatched or its geometry refused, unless "
        "--skip-unmatched. Example: %(example)s"
    ) % {"example": EXAMPLE}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_(".geojson, .shp or .zip"))
        parser.add_argument(
            "--level",
            required=True,
            help=_("level(s) to match, comma-separated: %(levels)s")
            % {"levels": ", ".join(Level.values)},
        )
        parser.add_argument("--match", choices=["code", "name"], default="code")
        parser.add_argument(
            "--code-field", default="KATO", help=_("field with the KATO code (default KATO)")
        )
        parser.add_argument(
            "--name-field",
            help=_("field(s) with names, comma-separated (default: ADMn_RU/KK/EN or NAME*)"),
        )
        parser.add_argument(
            "--skip-unmatched",
            action="store_true",
            help=_("store the matched features even if others are unmatched or refused"),
        )
        parser.add_argument(
            "--source", default="", help=_("the credit shown with the map, e.g. its licence")
        )
        parser.add_argument(
            "--simplify-tolerance",
            type=float,
            default=0.01,
            help=_("degrees; tolerance of the web geometry (default 0.01, about 1 km)"),
        )
        parser.add_argument(
            "--fill-names",
            nargs="?",
            const="",
            metavar="kk=FIELD,en=FIELD",
            help=_(
                "fill the empty Kazakh/English names of matched territories from the file, "
                "never replacing a stored name; without a value the fields ADMn_KK/ADMn_EN "
                "(or NAME_KK/NAME_EN) of the most detailed level n are used"
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("check, write nothing"))

    def handle(self, *args, **options) -> None:
        levels = [level.strip() for level in options["level"].split(",") if level.strip()]
        unknown = [level for level in levels if level not in Level.values]
        if unknown or not levels:
            raise CommandError(
                _("Unknown level(s) %(unknown)s; expected %(levels)s.")
                % {"unknown": ", ".join(unknown), "levels": ", ".join(Level.values)}
            )
        names = options["name_field"]
        try:
            fill = (
                None if options["fill_names"] is None else parse_fill_names(options["fill_names"])
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = import_boundaries(
            options["file"],
            levels=levels,
            match=options["match"],
            code_field=options["code_field"],
            name_fields=[n.strip() for n in names.split(",")] if names else None,
            skip_unmatched=options["skip_unmatched"],
            source=options["source"],
            simplify_tolerance=options["simplify_tolerance"],
            fill_names=fill,
            dry_run=options["dry_run"],
        )
        self.print_report(report)
        if report.refused:
            raise CommandError(_("Nothing was written."))

    def print_report(self, report: BoundaryReport) -> None:
        out = self.stdout.write
        for error in report.file_errors:
            out(error)
        if report.file_errors:
            return
        out(
            _("%(file)s: %(n)s features; matched %(matched)s, unmatched %(unmatched)s")
            % {
                "file": report.source_file,
                "n": report.features,
                "matched": len(report.matched),
                "unmatched": len(report.unmatched),
            }
        )
        for unmatched in report.unmatched:
            out("  " + _("Unmatched: %(feature)s") % {"feature": unmatched})
        for line in report.refused_geometries:
            out("  " + _("Refused geometry: %(feature)s") % {"feature": line})
        for line in report.repaired:
            out("  " + _("Repaired geometry: %(feature)s") % {"feature": line})
        for line in report.names_not_filled:
            out("  " + _("Name not filled: %(feature)s") % {"feature": line})
        if report.left_without_boundary:
            out(
                _("Territories of level %(levels)s left without a boundary: %(n)s")
                % {"levels": ", ".join(report.levels), "n": len(report.left_without_boundary)}
            )
            for code, name in report.left_without_boundary:
                out(f"  {code} {name}")
        if report.matched:
            out(
                _(
                    "Sizes: full %(full)s KB, web %(web)s KB in all, largest web geometry "
                    "%(largest)s KB; centres filled: %(centres)s"
                )
                % {
                    "full": round(report.full_bytes / 1024),
                    "web": round(report.web_bytes / 1024),
                    "largest": round(report.largest_web_bytes / 1024, 1),
                    "centres": report.centres_filled,
                }
            )
        if report.names_filled is not None:
            counts = ", ".join(
                f"{language} {report.names_filled[language]}"
                for language in LANGUAGES
                if language in report.names_filled
            )
            label = _("names filled") if report.written else _("names to fill")
            out(f"{label}: {counts or '—'}")
        if report.written:
            out(self.style.SUCCESS(_("Stored %(n)s boundaries.") % {"n": len(report.matched)}))
        elif not report.refused:
            out(self.style.WARNING(_("Dry run: nothing was written.")))

"""`puantaj export` and `puantaj import`: the month's files and imports, headless."""

from __future__ import annotations

import argparse
import calendar
import sys
from pathlib import Path

from puantaj.cli.texts import EXIT_OK, EXIT_USAGE, CliText
from puantaj.core import import_map, sheet, validators
from puantaj.core.tables import ALL_REGIONS
from puantaj.import_words import word
from puantaj.services.export import FORMATS, ExportService
from puantaj.services.import_files import read_table
from puantaj.services.overview import OverviewService
from puantaj.services.session import SYSTEM


def add_parsers(sub) -> None:
    export = sub.add_parser("export", help="the month's cetvel or payroll file")
    export.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-12")
    export.add_argument("--format", choices=tuple(FORMATS), default="xlsx")
    export.add_argument("--region", help="one region (default: this PC's)")
    export.add_argument("--all", action="store_true", help="every region (HQ's PC)")
    export.add_argument("--out", help="file or folder (default: Documents)")
    imp = sub.add_parser("import", help="employees and a month's codes from a sheet")
    imp.add_argument("file")
    imp.add_argument("--month", required=True, help="YYYY-MM")
    imp.add_argument("--region", help="the region (default: this PC's)")
    imp.add_argument("--dry-run", action="store_true", help="report only (default)")
    imp.add_argument("--yes", action="store_true", help="write the accepted rows")
    imp.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="C=FIELD",
        help="correct a recognised column: C=name, D=hire, F=day:1, G=- (ignore);"
        f" fields: {', '.join(import_map.FIELDS)}, day:N",
    )


def run_export(args: argparse.Namespace, services, text: CliText) -> int:
    """Raises PuantajError for a refused value (the caller prints it)."""
    year, month = validators.parse_month(args.month)
    regions = _regions(args, services)
    if not regions:
        print(text("export.no_region"), file=sys.stderr)
        return EXIT_USAGE
    settings = services.settings
    exports = ExportService(services.timesheets, services.store, settings.company)
    name = exports.default_name(regions, year, month, args.format)
    out = Path(args.out) if args.out else settings.export_folder
    path = out / name if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int, of: int) -> None:
        print(text("export.progress", done=done, total=of), file=sys.stderr)

    written = exports.export(
        SYSTEM, args.format, regions, year, month, path, progress=progress
    )
    print(text("export.written", path=written))
    return EXIT_OK


def _mapping(
    headings: list, corrections: list[str], year: int, month: int, index: int
) -> dict | None:
    """The recognised columns with the `--column C=FIELD` corrections; None
    (after saying why) for a correction that names no column or field."""
    mapping = import_map.guess_mapping(headings, year, month)
    days = calendar.monthrange(year, month)[1]
    for text in corrections:
        letter, _, field = text.partition("=")
        field = "" if field.strip() == "-" else field.strip()
        try:
            column = sheet.column_number(letter.strip()) - 1
        except ValueError:
            column = -1
        if column < 0 or (field and not import_map.is_field(field, days)):
            print(word("imp.bad_column", index, text=text), file=sys.stderr)
            return None
        mapping = import_map.assign(mapping, column, field)
    return mapping


def _regions(args: argparse.Namespace, services) -> list[str]:
    own = services.settings.region
    if args.region:
        return [args.region]
    if args.all or not own or own == ALL_REGIONS:
        return OverviewService(services.store).regions()
    return [own]


def run_import(args: argparse.Namespace, services, text: CliText) -> int:
    """The dry-run report; with --yes the accepted rows are written too."""
    year, month = validators.parse_month(args.month)
    region = args.region or services.settings.region
    if not region or region == ALL_REGIONS:
        print(text("import.no_region"), file=sys.stderr)
        return EXIT_USAGE
    importer = services.importer
    table = read_table(Path(args.file))
    index = text.index
    mapping = _mapping(table.headings, args.column, year, month, index)
    if mapping is None:
        return EXIT_USAGE
    plan = importer.plan(SYSTEM, region, year, month, table, mapping)
    write = args.yes and not args.dry_run
    if write:
        importer.apply(SYSTEM, plan)
    print(plan.render(dry_run=not write, index=index))
    if not write:
        print(word("imp.hint_yes", index))
    return EXIT_OK

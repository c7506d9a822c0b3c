"""Command line of the desktop: parse arguments, load settings, run a command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from puantaj.cli import export as export_cli
from puantaj.cli import help_texts
from puantaj.cli import monthcheck as monthcheck_cli
from puantaj.cli import users as users_cli
from puantaj.cli.texts import EXIT_CODES_HELP, EXIT_USAGE, CliText
from puantaj.config import load_settings
from puantaj.errors import PuantajError

log = logging.getLogger("puantaj")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="puantaj", description="Puantaj desktop", epilog=EXIT_CODES_HELP
    )
    parser.add_argument(
        "--home", help="data folder (default: PUANTAJ_HOME or platform dir)"
    )
    parser.add_argument("--db", help="database file (default: HOME/puantaj.db)")
    parser.add_argument("--lang", choices=("tr", "en"), help="interface language")
    parser.add_argument(
        "--region", help="office region (only for upgrading an old database)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="seed the demo users and say so on the login screen",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command")
    sync = sub.add_parser("sync", help="one sync run, headless")
    sync.add_argument("--once", action="store_true", help="one run (the default)")
    sync.add_argument("--test", action="store_true", help="test the connection only")
    sync.add_argument("--url", help="server URL (saved in the settings)")
    sync.add_argument("--token", help="sync token (saved in the keyring)")
    sync.add_argument("--resync", action="store_true", help="pull everything again")
    sync.add_argument(
        "--verify",
        action="store_true",
        help="compare every row with the server afterwards and repair what differs",
    )
    backup = sub.add_parser("backup", help="consistent snapshot into backups/")
    backup.add_argument("--list", action="store_true", help="list backups")
    backup.add_argument("--restore", metavar="FILE", help="restore this backup")
    backup.add_argument("--yes", action="store_true", help="confirm the restore")
    check = sub.add_parser(
        "check", help="integrity, schema version, counts, unsent changes"
    )
    monthcheck_cli.add_arguments(check)  # --month: the month's checks (issue 13)
    erase = sub.add_parser(
        "erase-employee",
        help="KVKK erasure: blank an employee's personal fields everywhere sync reaches",
    )
    erase.add_argument("employee_id")
    erase.add_argument("--yes", action="store_true", help="confirm the erasure")
    users_cli.add_parser(sub)
    export_cli.add_parsers(sub)  # export / import (issue 14)
    demo = sub.add_parser("demo", help="seed the demo users (demo password)")
    demo.add_argument("--quiet", action="store_true")
    return parser


def _language(argv: Sequence[str] | None) -> str:
    """The language to parse in: --lang, else PUANTAJ_LANG or the settings."""
    # no abbreviations (`backup --l` is --list) and no errors of its own: a
    # wrong argument is the real parser's to word
    early = argparse.ArgumentParser(
        add_help=False, allow_abbrev=False, exit_on_error=False
    )
    early.add_argument("--lang")
    early.add_argument("--home")
    try:
        known, _ = early.parse_known_args(argv)
    except argparse.ArgumentError:
        known = argparse.Namespace(lang=None, home=None)
    if known.lang in ("tr", "en"):
        return known.lang
    try:
        return load_settings(flags={"home": known.home}).language
    except (PuantajError, OSError):
        return "tr"


def main(argv: Sequence[str] | None = None) -> int:
    language = _language(argv)
    with help_texts.argparse_words(language):
        parser = _parser()
        if language != "en":
            help_texts.in_turkish(parser)
        args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = load_settings(
            flags={
                "home": args.home,
                "db": args.db,
                "language": args.lang,
                "region": args.region,
            }
        )
        return _run(args, settings)
    except PuantajError as exc:
        language = args.lang or load_settings(flags={"home": args.home}).language
        print(CliText(language).error(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def gui() -> int:
    """The start-menu entry (a GUI script: no console window on Windows): the
    app, logging to HOME/logs/puantaj.log; an error that stops it is shown in a
    message box, as nobody would read a console."""
    from puantaj import app
    from puantaj.store.files import private_folder

    settings = load_settings()
    logs = private_folder(settings.home / "logs")
    logging.basicConfig(
        filename=logs / "puantaj.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return app.run_desktop(app.build_services(settings))
    except PuantajError as exc:
        log.error("the app could not start: %s", exc)
        _show_error(CliText(settings.language).error(exc))
        return EXIT_USAGE


def _show_error(text: str) -> None:
    import tkinter as tk
    from tkinter import messagebox

    try:
        root = tk.Tk()
    except tk.TclError:
        print(text, file=sys.stderr)  # no screen either: the console is all there is
        return
    root.withdraw()
    messagebox.showerror("Puantaj", text, parent=root)
    root.destroy()


def _run(args: argparse.Namespace, settings) -> int:
    from puantaj import app
    from puantaj.services.checks import run_checks
    from puantaj.store.database import Store

    text = CliText(settings.language)
    if args.command == "check":
        report = run_checks(Store(settings.db_path), _token_notes(settings))
        print(report.render())
        if args.month:
            found = monthcheck_cli.run(
                args, app.build_services(settings), settings.language
            )
            return max(found, 0 if report.ok else 1)
        return 0 if report.ok else 1
    if args.command == "sync":
        from puantaj.cli import sync as sync_cli

        return sync_cli.run(args, app.build_services(settings), text)
    services = app.build_services(settings)
    if args.command == "backup":
        return _backup(args, services, text)
    if args.command == "user":
        return users_cli.run(args, services, text)
    if args.command == "erase-employee":
        return _erase(args, services, text)
    if args.command == "export":
        return export_cli.run_export(args, services, text)
    if args.command == "import":
        return export_cli.run_import(args, services, text)
    if args.command == "demo":
        made = services.users.seed_demo()
        if not args.quiet:
            print(text("demo.users", names=", ".join(made)))
        return 0
    return app.run_desktop(services, demo=args.demo)


def _token_notes(settings) -> list[str]:
    from puantaj.sync.secrets import TokenStore

    return [TokenStore(settings.home).describe()]


def _backup(args: argparse.Namespace, services, text: CliText) -> int:
    if args.list:
        for info in services.backups.list():
            taken = f"{info.taken_at:%Y-%m-%d %H:%M:%S}"
            print(text("backup.row", path=info.path, size=info.size, taken=taken))
        return 0
    if args.restore:
        if not args.yes:
            print(text("backup.confirm"), file=sys.stderr)
            return 2
        aside = services.backups.restore(Path(args.restore))
        print(text("backup.restored", source=args.restore, aside=aside.path))
        return 0
    info = services.backups.backup()
    print(text("backup.written", path=info.path, size=info.size))
    return 0


def _erase(args: argparse.Namespace, services, text: CliText) -> int:
    from puantaj.services.erasure import ErasureService
    from puantaj.services.session import SYSTEM

    if not args.yes:
        print(text("erase.confirm"), file=sys.stderr)
        return 2
    done = ErasureService(services.store).erase_employee(SYSTEM, args.employee_id)
    print(text("erase.done", id=done.employee_id, sicil=done.sicil_no))
    return 0


if __name__ == "__main__":
    sys.exit(main())

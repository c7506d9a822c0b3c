"""Upgrade a desktop database to the current schema, or move server data.

python migrate_db.py [--db PATH] [--region NAME]
python migrate_db.py --from sqlite:///a.db --to postgresql://... [--validate-only]
"""

from __future__ import annotations

import argparse
import sys

from puantaj.config import load_settings
from puantaj.errors import PuantajError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="desktop database (default: the configured one)")
    parser.add_argument("--home", help="desktop data folder")
    parser.add_argument("--region", help="region of an old single-office database")
    parser.add_argument(
        "--from", dest="source", help="server database URL to copy from"
    )
    parser.add_argument("--to", dest="target", help="server database URL to copy to")
    parser.add_argument(
        "--validate-only",
        action="store_true",
        help="compare --from and --to without writing",
    )
    args = parser.parse_args(argv)
    try:
        if args.source or args.target:
            if not (args.source and args.target):
                parser.error("--from and --to go together")
            from server.transfer import run_transfer

            return run_transfer(args.source, args.target, args.validate_only)
        return _desktop(args)
    except PuantajError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _desktop(args: argparse.Namespace) -> int:
    from puantaj.services.backup import BackupService
    from puantaj.store import migrations
    from puantaj.store.database import Store

    settings = load_settings(flags={"db": args.db, "home": args.home})
    store = Store(settings.db_path)
    if store.path.exists():
        with store.connection() as conn:
            pending = migrations.needs_upgrade(conn)
        if not pending:
            print(
                f"{store.path}: already at schema {migrations.SCHEMA_VERSION}, nothing to do"
            )
            return 0
        folder = store.path.parent / "backups" if args.db else settings.backups_dir
        info = BackupService(store, folder, settings.backup_keep).backup(
            "before-migrate"
        )
        print(f"backup taken: {info.path}")
    done = store.open(args.region or settings.region or None)
    for line in done:
        print(line)
    print(f"{store.path}: schema {migrations.SCHEMA_VERSION} ✓")
    return 0


if __name__ == "__main__":
    sys.exit(main())

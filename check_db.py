"""Check a desktop database: integrity, schema version, counts per table and region.

python check_db.py [--db PATH] [--home DIR]     exit code 1 when anything is wrong
"""

from __future__ import annotations

import argparse
import sys

from puantaj.__main__ import main as puantaj_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database file (default: the configured one)")
    parser.add_argument("--home", help="desktop data folder")
    args = parser.parse_args(argv)
    forwarded = [f"--{k}={v}" for k, v in vars(args).items() if v]
    return puantaj_main([*forwarded, "check"])


if __name__ == "__main__":
    sys.exit(main())

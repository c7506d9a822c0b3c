"""`puantaj check --month 2026-01 [--region R]`: the month's checks, headless.

The same rules as the grid's Ayı denetle and the submit dialog, printed in
Turkish by default (English with --lang en); exit 1 when a region's month has
an error that would stop its submission.
"""

from __future__ import annotations

import argparse

from puantaj.core import validators
from puantaj.core.monthcheck import ERROR, shown_values
from puantaj.errors import PuantajError
from puantaj.messages import MESSAGES, word_error
from puantaj.payroll_words import WORDS
from puantaj.services.overview import OverviewService
from puantaj.services.session import SYSTEM

_CATALOGUE = {**MESSAGES, **WORDS}


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--month", help="also run the month's checks (YYYY-MM), as before submitting"
    )
    check.add_argument("--region", dest="check_region", help="only this region")


def run(args: argparse.Namespace, services, language: str) -> int:
    """Print every region's findings; 1 if any month has an error, else 0."""
    index = 1 if language == "en" else 0

    def say(key: str, **values: object) -> str:
        return _CATALOGUE[key][index].format(**values)

    try:
        year, month = validators.parse_month(args.month, "month")
    except PuantajError as exc:
        print(word_error(exc, index, _CATALOGUE))
        return 2
    regions = (
        [args.check_region]
        if args.check_region
        else OverviewService(services.store).regions()
    )
    failed = False
    for region in regions:
        check = services.monthchecks.run(SYSTEM, region, year, month)
        where = f"{region} — {say(f'month.{month}')} {year}"
        summary = (
            say("check.summary", errors=len(check.errors), warnings=len(check.warnings))
            if check.findings
            else say("check.none")
        )
        print(f"{where}: {summary}")
        for finding in check.findings:
            mark = "✗" if finding.severity == ERROR else "!"
            who = check.who(finding)
            text = say(f"check.{finding.kind}", **shown_values(finding.values))
            print(f"  {mark} {who + ': ' if who else ''}{text}")
        failed = failed or bool(check.errors)
    return 1 if failed else 0

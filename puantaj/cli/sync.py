"""`puantaj sync`: one headless run, or the connection test, printed in words.

A new URL or token is tested before it is kept: one that fails never replaces
settings that work.
"""

from __future__ import annotations

import argparse
import sys

from puantaj.cli.texts import (
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SETTINGS,
    EXIT_TOKEN,
    CliText,
    word_divergence,
)
from puantaj.errors import PuantajError
from puantaj.messages import MESSAGES, word_error, word_refusal_detail
from puantaj.store import refusals
from puantaj.sync import divergence, setup
from puantaj.sync.probe import ProbeResult

SHOWN_REFUSALS = 20


def run(args: argparse.Namespace, services, text: CliText) -> int:
    from puantaj import app  # the composition root builds the engine

    settings = services.settings
    token = args.token or app.sync_token(services)
    url = args.url or settings.sync_url
    if not url or not token:
        print(text("sync.not_configured"), file=sys.stderr)
        return EXIT_SETTINGS
    if args.test or args.url or args.token:
        connected = setup.connect(services, url, token, None)
        _print_steps(connected.probe, text)
        if not connected.ok:
            if connected.bad_settings:
                return EXIT_SETTINGS
            return EXIT_TOKEN if connected.token_refused else EXIT_OFFLINE
        if args.test:
            return EXIT_OK
    engine = app.build_sync(services)
    if args.resync:
        print(text("sync.resync", n=engine.resync()))
    last = [0, 0]

    def progress(done: int, total: int) -> None:
        if total and (done == total or done - last[0] >= max(total // 10, 1)):
            last[:] = [done, total]
            print(text("sync.progress", done=done, total=total), flush=True)

    report = engine.run(progress, verify=True if args.verify else None)
    print(
        text(
            "sync.report",
            state=text(f"state.{report.state}"),
            pushed=report.pushed,
            pulled=report.pulled,
            refused=report.refused,
            pending=report.pending,
        )
        + (f" — {_why(report, text)}" if report.message else "")
    )
    compared = divergence.last_report(services.store)
    if report.divergence and compared is not None:
        print(text("sync.comparison", result=word_divergence(compared, text)))
    if report.scope:
        scope = text("sync.all") if report.scope == "*" else report.scope
        print(text("sync.scope", scope=scope, url=services.settings.sync_url))
    return _report_exit(report, services, text)


def _why(report, text: CliText) -> str:
    """Why the run did not end well, in the chosen language where it is coded."""
    coded = PuantajError(report.message, code=report.code, **report.values)
    return word_error(coded, text.index)


def _report_exit(report, services, text: CliText) -> int:
    with services.store.connection() as conn:
        kept = refusals.listed(conn)
    if kept:
        print(text("sync.refused_head", n=len(kept)))
        for r in kept[:SHOWN_REFUSALS]:
            why = word_refusal_detail(r.detail, text.index)
            print(f"  {r.rejected_at} {r.table} {r.row_id}: {r.reason} {why}")
    if report.state == "offline":
        return EXIT_OFFLINE
    if report.state == "token_rejected":
        return EXIT_TOKEN
    if not report.ok:
        return EXIT_SETTINGS
    return EXIT_REFUSED if kept else EXIT_OK


def _print_steps(result: ProbeResult, text: CliText) -> None:
    for step in result.steps:
        values = {
            name: word_error(value, text.index)
            if isinstance(value, Exception)
            else value
            for name, value in step.values.items()
        }
        words = MESSAGES[f"probe.{step.key}"][text.index].format(**values)
        print(("✓ " if step.ok else "✗ ") + words)
    print(text("sync.test_passed" if result.ok else "sync.test_failed"))

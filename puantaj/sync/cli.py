"""`puantaj sync`: one headless run, or the connection test, printed in words."""

from __future__ import annotations

import argparse
import sys

from puantaj.config import save_settings
from puantaj.errors import SyncRejected, SyncUnavailable
from puantaj.store import changelog
from puantaj.sync.client import SyncClient
from puantaj.sync.probe import probe


def run(args: argparse.Namespace, services) -> int:
    from puantaj import app

    if args.url:
        services.settings = save_settings(services.settings, sync_url=args.url)
    if args.token:
        services.tokens.set(args.token)
    settings = services.settings
    if args.test:
        return _test(services, app.sync_token(services))
    engine = app.build_sync(services)
    if args.resync:
        print(f"resync: {engine.resync()} rows queued, pulling everything again")
    last = [0, 0]

    def progress(done: int, total: int) -> None:
        if total and (done == total or done - last[0] >= max(total // 10, 1)):
            last[:] = [done, total]
            print(f"  pushed {done}/{total} rows", flush=True)

    report = engine.run(progress, verify=True if args.verify else None)
    print(
        f"sync {report.state}: pushed {report.pushed}, pulled {report.pulled}, "
        f"refused {report.refused}, still unsent {report.pending}"
        + (f" — {report.message}" if report.message else "")
    )
    if report.divergence:
        print(f"comparison with the server: {report.divergence}")
    if report.scope:
        print(
            f"scope: {'all regions (admin)' if report.scope == '*' else report.scope}; "
            f"server {settings.sync_url}"
        )
    with services.store.connection() as conn:
        refused = conn.execute(
            "SELECT tbl, row_id, reason, detail, rejected_at FROM _rejected ORDER BY id"
        ).fetchall()
    if refused:
        print(f"{len(refused)} change(s) refused by the server (kept locally):")
        for row in refused[-20:]:
            print(
                f"  {row['rejected_at']} {row['tbl']} {row['row_id']}: "
                f"{row['reason']} {row['detail']}"
            )
    return 0 if report.ok else (3 if report.state == "offline" else 4)


def _test(services, token: str | None) -> int:
    settings = services.settings
    if not settings.sync_url or not token:
        print(
            "not configured: give --url and --token (or set PUANTAJ_SYNC_URL and "
            "PUANTAJ_SYNC_TOKEN)",
            file=sys.stderr,
        )
        return 4
    try:
        client = SyncClient(
            settings.sync_url, token, settings.timeout_s, settings.allow_http
        )
    except (SyncRejected, SyncUnavailable) as exc:
        print(f"✗ {exc}")
        return 4
    try:
        with services.store.connection() as conn:
            site = changelog.site_id(conn)
        result = probe(client, site)
    finally:
        client.close()
    for step in result.steps:
        print(("✓ " if step.ok else "✗ ") + step.english())
    print("connection test passed ✓" if result.ok else "connection test failed ✗")
    return 0 if result.ok else 3

"""Shared bench plumbing: a real server process, tokens, timing summaries."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402  (the same launcher the tests use)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> str:
    return (f"p50 {percentile(values, 50):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
            f"mean {statistics.fmean(values):.1f} ms")


def make_tokens(env: servers.ServerEnv, scopes: list[str]) -> dict[str, str]:
    """Many tokens at once through the server's own code (the CLI does one per call)."""
    import os

    from server import auth
    from server.app import create_app

    overrides = {"database_url": env.database_url}
    saved = dict(os.environ)
    os.environ.update(env.env())
    try:
        app = create_app(overrides)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    context = app.extensions["puantaj"]
    with context.write() as conn:
        tokens = {s: auth.create_token(conn, context.tables, s, "bench") for s in scopes}
    context.engine.dispose()
    return tokens


__all__ = ["ROOT", "make_tokens", "percentile", "servers", "summary"]

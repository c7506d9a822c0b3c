"""Shared bench plumbing: a real server process, tokens, timing summaries."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402  (the same launcher the tests use)


def gauge() -> str:
    """How fast this machine is right now (the VM's speed drifts between runs and
    other sessions share its cores): a fixed amount of Python, best of 5, and
    the load average; print it beside each figure."""
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        sum(i * i for i in range(200_000))
        times.append((time.perf_counter() - t0) * 1000)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"[gauge: {min(times):.1f} ms of Python (lower is faster), "
        f"load {load:.1f} on {os.cpu_count()} cores]"
    )


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
        f"mean {statistics.fmean(values):.1f} ms"
    )


__all__ = ["ROOT", "gauge", "percentile", "servers", "summary"]

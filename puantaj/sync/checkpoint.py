"""Storing one sync reply in the local file, in one transaction: the outbox
acknowledged, refusals kept, pulled changes applied, cursor and clock moved.

A run killed at any point resumes from the last stored reply without loss or
duplication.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from puantaj.core.hlc import Stamp
from puantaj.errors import PuantajError, SyncRejected
from puantaj.store import changelog, clock, identity, refusals
from puantaj.store.engine import transaction
from puantaj.sync.client import Reply
from puantaj.sync.report import SyncReport

CLOCK_TOLERANCE_MS = 60_000  # local stamps further ahead than this are renewed


def store_reply(
    conn: sqlite3.Connection,
    db_path: Path,
    page: changelog.OutboxPage,
    reply: Reply,
    report: SyncReport,
) -> tuple[bool, set[tuple[str, str]]]:
    """Store what one reply says in one transaction. Returns whether it
    rewrote local rows (pulled changes applied, or stamps renewed) and the
    rows refused as stamped ahead of the server's clock."""
    data = reply.data
    try:
        server = Stamp.parse(data.get("server_time"), "server_time")
    except PuantajError:
        raise SyncRejected("the server sent no valid server_time", "protocol") from None
    sent: set[tuple[str, str]] = {(c["table"], c["id"]) for c in page.changes}
    rejected = [r for r in data.get("rejected") or [] if isinstance(r, dict)]
    refused = {(str(r.get("table")), str(r.get("id"))) for r in rejected}
    future = {
        (str(r.get("table")), str(r.get("id")))
        for r in rejected
        if r.get("reason") == "clock_ahead"
    } & sent
    kept = [r for r in rejected if r.get("reason") != "clock_ahead"]
    taken = [c for c in page.changes if (c["table"], c["id"]) not in refused]
    with transaction(conn):
        pulled = refusals.take(conn, data.get("changes") or [])
        changelog.acknowledge(conn, page)
        report.refused += refusals.record(conn, kept, page.changes)
        refusals.clear(conn, sent - refused)
        if taken:  # fixed-width stamps: the greatest string is the newest
            clock.raise_floor(conn, Stamp.parse(max(c["hlc"] for c in taken)))
        report.pulled += changelog.apply_remote(conn, pulled)
        retried = 0
        if any(c.table == "reports" for c in pulled):
            retried = refusals.retry(conn)  # a month may have been unlocked
        changelog.set_state(conn, "cursor", str(data.get("cursor") or ""))
        changelog.set_state(conn, "scope", str(data.get("scope") or ""))
        shift = _correct_clock(conn, reply)
        now_ms = int(time.time() * 1000) + clock.clock_offset(conn)
        clock.observe(conn, server)
        local = clock.local_stamp(conn)
        restamped = 0
        if future or local.ms > max(clock.floor(conn).ms, now_ms) + CLOCK_TOLERANCE_MS:
            restamped = clock.rebase(conn, now_ms, shift or now_ms - local.ms, future)
        identity.advance(conn)
    identity.record(conn, db_path)
    report.pushed += int(data.get("accepted") or 0)
    report.scope = str(data.get("scope") or "")
    report.bytes_sent += reply.bytes_sent
    report.bytes_received += reply.bytes_received
    return bool(pulled or restamped or retried), future


def _correct_clock(conn: sqlite3.Connection, reply: Reply) -> int:
    """Measure the PC clock against the server's physical clock (never its
    hybrid stamp, which may run ahead of real time); store the correction.

    Returns how far the correction moved the clock, in ms (0: not moved).
    """
    server_ms = reply.data.get("server_ms")
    if type(server_ms) is not int:
        return 0  # an older server: keep the offset measured before
    offset = clock.clock_offset(conn)
    midpoint = (reply.sent_ms + reply.received_ms) / 2
    error = int(server_ms - (midpoint + offset))
    round_trip = reply.received_ms - reply.sent_ms
    if abs(error) <= max(1000.0, round_trip):
        return 0
    clock.set_clock_offset(conn, offset + error)
    return error

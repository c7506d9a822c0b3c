"""What sync could not settle, kept in the file: changes the server refused, and
pulled changes this version cannot take in full.

A refused row is kept once (its newest refusal) with the change that was sent,
retried when the reason may have gone (a month unlocked), and forgotten once a
newer write of the row is accepted. A pulled change naming a table or column
this version does not know has its known columns applied and is kept whole
for after the upgrade, so the cursor never moves past data that was not taken.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from puantaj.core.changes import Change, ChangeError, parse_change
from puantaj.core.ddl import q
from puantaj.core.tables import TABLES
from puantaj.store.clock import queue
from puantaj.syncproto.refusals import PARENTS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """One row the server refused, as the clerk is shown it."""

    table: str
    row_id: str
    reason: str
    detail: str
    rejected_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(conn: sqlite3.Connection, rejected: list[dict], sent: list[dict]) -> int:
    """Keep the refusals of rows in `sent` (others are ignored: a server may not
    refuse what was not sent); returns how many rows were refused."""
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for change in sent:
        by_key[(change["table"], change["id"])].append(change)
    now = _now()
    rows = {}  # one per row: a row travels as several changes
    for r in rejected:
        key = (r.get("table"), r.get("id"))
        if key not in by_key:
            log.warning("the server refused a change that was not sent: %r", r)
            continue
        rows[key] = (
            *key,
            str(r.get("reason", ""))[:60],
            str(r.get("detail", ""))[:500],
            json.dumps(by_key[key], ensure_ascii=False),
            now,
        )
    conn.executemany(
        "INSERT INTO _rejected (tbl, row_id, reason, detail, change, rejected_at)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (tbl, row_id) DO UPDATE SET"
        " reason = excluded.reason, detail = excluded.detail,"
        " change = excluded.change, rejected_at = excluded.rejected_at",
        rows.values(),
    )
    return len(rows)


def clear(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Forget the refusals of rows whose newer write the server took."""
    conn.executemany("DELETE FROM _rejected WHERE tbl = ? AND row_id = ?", keys)


def retry(conn: sqlite3.Connection) -> int:
    """Queue again the rows refused as period_locked whose month is no longer
    locked here (the unlock has been pulled); returns how many."""
    keys = conn.execute(
        """SELECT r.tbl, r.row_id FROM _rejected r
        LEFT JOIN timesheets t ON r.tbl = 'timesheets' AND t.id = r.row_id
        LEFT JOIN reports m ON r.tbl = 'reports' AND m.id = r.row_id
        WHERE r.reason = 'period_locked' AND NOT EXISTS (
            SELECT 1 FROM reports l WHERE l.status = 'locked' AND l.deleted = 0
            AND l.region = coalesce(t.region, m.region)
            AND l.month = coalesce(substr(t.work_date, 1, 7), m.month))"""
    ).fetchall()
    queue(conn, [tuple(k) for k in keys])
    return len(keys)


def retry_orphans(conn: sqlite3.Connection) -> int:
    """Queue again the rows refused because the row they name was not on the
    server yet (it went in a later page), once that row is here and neither
    unsent nor refused; returns how many."""
    keys = []
    for table, (column, parent) in PARENTS.items():
        keys += conn.execute(
            f"""SELECT r.tbl, r.row_id FROM _rejected r JOIN {q(table)} c
            ON c.id = r.row_id
            WHERE r.tbl = ? AND r.reason = 'invalid_row'
            AND r.detail LIKE 'orphan:%'
            AND EXISTS (SELECT 1 FROM {q(parent)} p WHERE p.id = c.{q(column)})
            AND NOT EXISTS (SELECT 1 FROM _outbox o
                WHERE o.tbl = ? AND o.row_id = c.{q(column)})
            AND NOT EXISTS (SELECT 1 FROM _rejected p
                WHERE p.tbl = ? AND p.row_id = c.{q(column)})""",
            (table, parent, parent),
        ).fetchall()
    queue(conn, [tuple(k) for k in keys])
    return len(keys)


def listed(conn: sqlite3.Connection) -> list[Refusal]:
    """Every refused row kept here, newest first."""
    return [
        Refusal(*row)
        for row in conn.execute(
            "SELECT tbl, row_id, reason, detail, rejected_at FROM _rejected"
            " ORDER BY rejected_at DESC, id DESC"
        ).fetchall()
    ]


def take(conn: sqlite3.Connection, raw_changes: Iterable[object]) -> list[Change]:
    """Parse pulled changes; what this version cannot take in full is kept in
    `_deferred` and only its known columns (if any) are returned."""
    taken: list[Change] = []
    kept = []
    for raw in raw_changes:
        try:
            taken.append(parse_change(raw))
            continue
        except ChangeError as exc:
            reason = f"{exc.reason}: {exc}"
        known = _known_part(raw)
        if known is not None:
            taken.append(known)
        kept.append((json.dumps(raw, ensure_ascii=False), reason[:500], _now()))
    if kept:
        log.warning(
            "kept %d pulled change(s) this version cannot take in full", len(kept)
        )
        conn.executemany(
            "INSERT INTO _deferred (change, reason, received_at) VALUES (?,?,?)", kept
        )
    return taken


def _known_part(raw: object) -> Change | None:
    """The columns of `raw` this version knows, if they make a valid change."""
    if not isinstance(raw, dict) or raw.get("table") not in TABLES:
        return None
    row = raw.get("row")
    if not isinstance(row, dict):
        return None
    spec = TABLES[raw["table"]]
    known = {k: v for k, v in row.items() if spec.column(k) is not None}
    if not known or len(known) == len(row):
        return None
    try:
        return parse_change({**raw, "row": known})
    except ChangeError:
        return None


def replay(conn: sqlite3.Connection) -> list[Change]:
    """Deferred changes this version can now take in full (after an upgrade);
    they leave `_deferred`. The caller applies them in the same transaction."""
    out: list[Change] = []
    done: list[tuple[int]] = []
    for row_id, text in conn.execute("SELECT id, change FROM _deferred").fetchall():
        try:
            out.append(parse_change(json.loads(text)))
        except (ChangeError, ValueError):
            continue
        done.append((row_id,))
    conn.executemany("DELETE FROM _deferred WHERE id = ?", done)
    return out

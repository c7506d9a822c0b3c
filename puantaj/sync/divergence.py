"""Is this file in step with the server? Compare digests of every region and
table in scope, count the rows that differ, and repair by taking the scope
afresh.

The comparison is exact while others keep writing: the server leaves out rows
numbered after this file's cursor (not pulled yet) and the rows this file has
not settled (unsent, refused, kept for a newer version), and so does this side.
Runs on a worker thread; never touches Tk.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import asdict

from puantaj.core import stamps as core_stamps
from puantaj.core.changes import ChangeError, parse_change
from puantaj.core.ddl import q
from puantaj.core.tables import TABLES
from puantaj.errors import SyncRejected
from puantaj.store import changelog, clock
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.sync.client import SyncClient
from puantaj.syncproto.digest import (
    Difference,
    DivergenceReport,
    ScopeDigest,
    compare,
    keys_of,
    parse_scope,
    row_digest,
)

log = logging.getLogger(__name__)
STATE_KEY = "divergence"  # the _sync_state key (puantaj check reads it)
FETCH_CHUNK = 2000


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _unsettled(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Rows this file has not settled with the server: refused, or kept whole for
    a newer version (unsent rows stop the check before it starts)."""
    keys = {tuple(r) for r in conn.execute("SELECT tbl, row_id FROM _rejected")}
    for (text,) in conn.execute("SELECT change FROM _deferred"):
        try:
            change = json.loads(text)
            keys.add((str(change["table"]), str(change["id"])))
        except (ValueError, KeyError, TypeError):
            continue
    return keys


def local_digest(
    conn: sqlite3.Connection,
    leave_out: set[tuple[str, str]],
    rows_of: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> ScopeDigest:
    """Digests of this file's rows but those in `leave_out`."""
    digest = ScopeDigest()
    for name, spec in TABLES.items():
        cols = ", ".join(q(c) for c in spec.data_columns)
        cursor = conn.execute(f"SELECT id, region, _hlc, {cols} FROM {q(name)}")
        cursor.row_factory = None
        for row in cursor:
            if (name, row[0]) in leave_out:
                continue
            values = dict(zip(spec.data_columns, row[3:], strict=True))
            digest.add_row(
                name,
                row[1],
                row[0],
                values,
                core_stamps.read(row[2], spec.data_columns),
                keep_rows=(row[1], name) in rows_of,
            )
    return digest


def check(
    store: Store, client: SyncClient
) -> tuple[DivergenceReport, dict[tuple[str, str], int | None]]:
    """Compare this file with the server; store the report and return it with
    the (table, id) of the rows that differ and the server's digest of each
    (None: the server lacks the row).

    Raises SyncUnavailable / SyncRejected for network or server trouble.
    """
    report = DivergenceReport(checked_at=_now())
    keys: dict[tuple[str, str], int | None] = {}
    with store.connection() as conn:
        pending = changelog.pending_count(conn)
        if pending:
            report.message = f"{pending} unsent rows: sync first"
            return save(store, report), keys
        cursor = changelog.get_state(conn, "cursor")
        unsettled = _unsettled(conn)
    body = {"cursor": cursor, "exclude": [list(k) for k in sorted(unsettled)]}
    data = client.digest(body).data
    try:
        remote = parse_scope(data.get("digests"))
        later = keys_of(data.get("later") or [])
    except ValueError as exc:
        raise SyncRejected(f"the server sent a bad digest: {exc}", "protocol") from None
    leave_out = unsettled | later
    with store.connection() as conn:
        local = local_digest(conn, leave_out)
        differing = compare(local.tables, remote)
        if differing:
            data = client.digest({**body, "rows": [list(k) for k in differing]}).data
            local = local_digest(conn, leave_out, set(differing))
    for region, table in differing:
        theirs = ((data.get("rows") or {}).get(region) or {}).get(table) or {}
        try:
            remote_rows = {str(i): int(d, 16) for i, d in theirs.items()}
        except (TypeError, ValueError):
            remote_rows = {}
        later_here = {i for t, i in later if t == table}
        mine = {
            i: d
            for i, d in local.rows.get((region, table), {}).items()
            if i not in later_here
        }
        rows = {
            i for i in set(mine) | set(remote_rows) if mine.get(i) != remote_rows.get(i)
        }
        keys.update(((table, i), remote_rows.get(i)) for i in rows)
        report.differences.append(asdict(Difference(region, table, len(rows))))
    report.state = "differ" if differing else "in_step"
    return save(store, report), keys


def repair(
    store: Store, client: SyncClient, keys: dict[tuple[str, str], int | None]
) -> int:
    """Take the server's copy of each row that differs (its value wins even under
    the same stamp); a row that still differs from the server's digest after
    that holds something newer here, and is queued to go back.
    Returns how many rows were taken."""
    taken = 0
    ordered = sorted(keys)
    for start in range(0, len(ordered), FETCH_CHUNK):
        chunk = ordered[start : start + FETCH_CHUNK]
        data = client.digest({"fetch": [list(k) for k in chunk]}).data
        changes = []
        for raw in data.get("changes") or []:
            try:
                changes.append(parse_change(raw))
            except ChangeError as exc:
                log.warning("repair: skipping a row the server sent: %s", exc)
        with store.connection() as conn, transaction(conn):
            taken += changelog.apply_remote(conn, changes, ties=True)
            newer_here = [
                (table, row_id)
                for table, row_id in chunk
                if table in TABLES
                and _row_digest(conn, table, row_id)
                not in (None, keys[(table, row_id)])
            ]
            clock.queue(conn, newer_here)
    return taken


def _row_digest(conn: sqlite3.Connection, table: str, row_id: str) -> int | None:
    """This file's digest of one row (None: it has no such row)."""
    spec = TABLES[table]
    cols = ", ".join(q(c) for c in spec.data_columns)
    row = conn.execute(
        f"SELECT _hlc, {cols} FROM {q(table)} WHERE id = ?", (row_id,)
    ).fetchone()
    if row is None:
        return None
    values = dict(zip(spec.data_columns, tuple(row)[1:], strict=True))
    return row_digest(
        table, row_id, values, core_stamps.read(row[0], spec.data_columns)
    )


def save(store: Store, report: DivergenceReport) -> DivergenceReport:
    with store.connection() as conn:
        changelog.set_state(conn, STATE_KEY, report.to_json())
    log.info("divergence check: %s", report.describe())
    return report


def last_report(store: Store) -> DivergenceReport | None:
    with store.connection() as conn:
        return DivergenceReport.from_json(changelog.get_state(conn, STATE_KEY))

"""The desktop's hybrid clock in `_clock`: observing stamps, its floor, re-stamping.

DESIGN.md §3: the clock never moves backwards below a stamp this site wrote
that left the file, or a stamp it saw. The *floor* is the newest such stamp.
A stamp this site wrote above the floor has never left the file (it waits in
the outbox or among the refusals), so when the PC clock turns out to have run
ahead, those stamps can be moved to the real moment they were typed and the
clock brought back to the floor, without any other copy disagreeing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from puantaj.core import stamps as core_stamps
from puantaj.core.ddl import NEXT_OUTBOX_SEQ, q, queue_row
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from puantaj.syncproto.clock import adopt as adopt_stamps
from puantaj.syncproto.clock import may_move
from puantaj.syncproto.clock import rebase as rebase_stamps


def site_id(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT site_id FROM _clock").fetchone()[0]


def local_stamp(conn: sqlite3.Connection) -> Stamp:
    """The newest stamp this site wrote or saw."""
    row = conn.execute("SELECT ms, counter, site_id FROM _clock").fetchone()
    return Stamp(row[0], row[1], row[2])


def floor(conn: sqlite3.Connection) -> Stamp:
    """The newest stamp known beyond this file (written and sent, or seen)."""
    row = conn.execute("SELECT floor_ms, floor_counter, site_id FROM _clock").fetchone()
    return Stamp(row[0], row[1], row[2])


def observe(conn: sqlite3.Connection, stamp: Stamp) -> None:
    """Advance the clock, and its floor, past a stamp seen from elsewhere."""
    conn.execute(
        "UPDATE _clock SET ms = ?, counter = ? WHERE ms < ? OR (ms = ? AND counter < ?)",
        (stamp.ms, stamp.counter, stamp.ms, stamp.ms, stamp.counter),
    )
    raise_floor(conn, stamp)


def raise_floor(conn: sqlite3.Connection, stamp: Stamp) -> None:
    """Record that `stamp` is known beyond this file (the server took it)."""
    conn.execute(
        "UPDATE _clock SET floor_ms = ?, floor_counter = ?"
        " WHERE floor_ms < ? OR (floor_ms = ? AND floor_counter < ?)",
        (stamp.ms, stamp.counter, stamp.ms, stamp.ms, stamp.counter),
    )


def clock_offset(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT offset_ms FROM _clock").fetchone()[0]


def set_clock_offset(conn: sqlite3.Connection, offset_ms: int) -> None:
    conn.execute("UPDATE _clock SET offset_ms = ?", (offset_ms,))


def rebase(
    conn: sqlite3.Connection,
    now_ms: int,
    shift_ms: int,
    extra: Iterable[tuple[str, str]] = (),
) -> int:
    """Move this site's stamps that no server has taken (above the floor and
    further ahead of `now_ms` than a server takes) by `shift_ms`, never past
    `now_ms`, after every stamp that stays, order kept; set the clock to the
    last stamp kept or given out and queue the rows touched. Returns how many
    rows were re-stamped (syncproto.clock.rebase).

    For writes made while the PC clock ran ahead: each keeps its value and gets
    the real moment it was typed, so such a PC neither wins nor loses every
    conflict. `extra` names rows no longer queued whose stamps may be above the
    floor (the server refused them as clock_ahead).
    """
    extra = list(extra)
    if not extra and not may_move(local_stamp(conn), now_ms):
        return 0  # nothing this far ahead: nothing to read
    rows = _candidate_rows(conn, extra)
    mapping, last = rebase_stamps(
        (text for stamps in rows.values() for text in stamps.values()),
        site_id(conn),
        floor(conn),
        now_ms,
        shift_ms,
    )
    conn.execute("UPDATE _clock SET ms = ?, counter = ?", (last.ms, last.counter))
    refused = set(extra)
    touched = 0
    for (table, row_id), stamps in rows.items():
        renewed = {c: mapping.get(s, s) for c, s in stamps.items()}
        if renewed != stamps:
            conn.execute(
                f"UPDATE {q(table)} SET _hlc = ? WHERE id = ?",
                (core_stamps.write(renewed, TABLES[table].data_columns), row_id),
            )
        elif (table, row_id) not in refused:
            continue
        queue(conn, [(table, row_id)])  # a refused row is always sent again
        touched += 1
    return touched


def adopt(conn: sqlite3.Connection, old_site: str, now_ms: int) -> int:
    """Take this file's writes under its former site id `old_site` above the
    floor as the current site's (syncproto.clock.adopt), stamped no later than
    `now_ms`, so a restored or copied file can re-stamp them like its own.
    Runs inside the caller's transaction; returns how many rows changed."""
    base = floor(conn)
    needle = f':{old_site}"'  # a site id holds no quote (core.hlc.STAMP_RE)
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for table in TABLES:
        for row_id, text in conn.execute(
            f"SELECT id, _hlc FROM {q(table)} WHERE instr(_hlc, ?) > 0", (needle,)
        ):
            rows[(table, row_id)] = core_stamps.read(text, TABLES[table].data_columns)
    mapping, last = adopt_stamps(
        (text for stamps in rows.values() for text in stamps.values()),
        old_site,
        site_id(conn),
        Stamp(base.ms, base.counter, old_site),
        now_ms,
    )
    if not mapping:
        return 0
    conn.execute("UPDATE _clock SET ms = ?, counter = ?", (last.ms, last.counter))
    touched = 0
    for (table, row_id), stamps in rows.items():
        renewed = {c: mapping.get(s, s) for c, s in stamps.items()}
        if renewed != stamps:
            conn.execute(
                f"UPDATE {q(table)} SET _hlc = ? WHERE id = ?",
                (core_stamps.write(renewed, TABLES[table].data_columns), row_id),
            )
            touched += 1
    return touched


def _candidate_rows(
    conn: sqlite3.Connection, extra: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, str]]:
    """Stamps of every row that may hold an unsent stamp of this site."""
    keys = set(extra)
    keys.update(conn.execute("SELECT tbl, row_id FROM _outbox").fetchall())
    keys.update(conn.execute("SELECT tbl, row_id FROM _rejected").fetchall())
    out = {}
    for table, row_id in keys:
        if table not in TABLES:
            continue
        row = conn.execute(
            f"SELECT _hlc FROM {q(table)} WHERE id = ?", (row_id,)
        ).fetchone()
        if row is not None:
            out[(table, row_id)] = core_stamps.read(row[0], TABLES[table].data_columns)
    return out


def queue(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Queue rows for push, numbered past every entry (see ddl.NEXT_OUTBOX_SEQ)."""
    insert = queue_row("?", "?")
    for key in keys:
        conn.execute(NEXT_OUTBOX_SEQ)
        conn.execute(insert, key)

"""What a pull sends to whom: rows after a cursor, a page at a time, as changes.

A row is sent unless the caller created it and nobody has written it since (it
holds every column already); a row sent to a site leaves out the columns that
site stamped itself. A cursor past a version does not prove the caller saw it:
the reply that carried it may have been lost (issue 10 #11), so a row someone
else touched is sent again whoever wrote it last.
"""

from __future__ import annotations

from typing import Any

from puantaj.syncproto.storage import ServerStore
from puantaj.syncproto.wire import row_changes


def is_sent(writer: str | None, prev_seq: int | None, site_id: str) -> bool:
    """Whether a pull by `site_id` sends a row whose last version `writer`
    wrote over the version numbered `prev_seq` (0: it created the row)."""
    return writer is None or writer != site_id or (prev_seq or 0) > 0


def next_page(
    found: list[tuple[str, str, int]], limit: int, top: int, after: int
) -> tuple[list[tuple[str, str, int]], int, bool]:
    """The page of `found` (up to limit + 1 rows after `after`, oldest first) a
    pull returns, its new cursor and whether more is left. With nothing more,
    the cursor moves to `top` (past rows left out), never backwards."""
    more = len(found) > limit
    taken = found[:limit]
    cursor = taken[-1][2] if more else max(top, after)
    return taken, cursor, more


def pull(
    store: ServerStore, after: int, limit: int, site_id: str
) -> tuple[list[dict[str, Any]], int, bool]:
    """Rows written after number `after` in the store's scope, as wire changes
    for `site_id`; returns (changes, new cursor number, more)."""
    found, top = store.rows_after(after, limit + 1, site_id)
    taken, cursor, more = next_page(found, limit, top, after)
    by_table: dict[str, list[str]] = {}
    for table, row_id, _ in taken:
        by_table.setdefault(table, []).append(row_id)
    changes: list[dict[str, Any]] = []
    for table, ids in by_table.items():
        for row_id, region, groups, values in store.fetch_rows(table, ids):
            changes.extend(row_changes(table, row_id, region, groups, values, site_id))
    return changes, cursor, more

"""Admin operations shared by the HTTP routes and the CLI: conflicts, month locks."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, delete, select, update

from puantaj.core import personal, validators
from puantaj.core.tables import natural_id
from puantaj.errors import ValidationError
from puantaj.syncproto import push
from puantaj.syncproto.errors import WriteLostError
from server import conflict_view, regions
from server.auth import Caller, now_text
from server.context import ServerContext
from server.errors import Malformed, NotFound, WriteLost
from server.store import SqlStore

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def list_conflicts(
    conn: Connection,
    context: ServerContext,
    caller: Caller,
    region: str | None = None,
    table: str | None = None,
    row_id: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Conflict history, newest first, in the caller's scope; each value says
    who wrote it, when and from which PC (server.conflict_view)."""
    c = context.tables["conflicts"]
    query = select(c).order_by(c.c.id.desc()).limit(min(max(limit, 1), 5000))
    if not caller.is_admin:
        query = query.where(c.c.region == caller.scope)
    for column, value in (("region", region), ("tbl", table), ("row_id", row_id)):
        if value and _CONTROL_RE.search(value):
            raise Malformed(f"{column}: holds a control character")
        if value:
            query = query.where(c.c[column] == value)
    out = []
    for row in conn.execute(query).mappings():
        item = dict(row)
        item["value"] = json.loads(item["value"]) if item["value"] is not None else None
        item["winner"] = (
            json.loads(item["winner"]) if item["winner"] is not None else None
        )
        out.append(item)
    conflict_view.describe(conn, context, out)
    return out


def server_write(
    conn: Connection,
    context: ServerContext,
    caller: Caller,
    table: str,
    row_id: str,
    region: str,
    row: dict[str, Any],
) -> None:
    """Write as the server through the normal merge, stamped past every stamp
    the row holds (syncproto.push.server_write), so the write wins whatever
    clock wrote the row before.

    The row stays locked from the first read to COMMIT (FOR UPDATE on
    PostgreSQL, the writer's lock on SQLite). Raises WriteLost, never reports
    success, if a column did not take the write.
    """
    store = SqlStore(conn, context.queries, caller)
    try:
        result = push.server_write(
            store, caller, context.clock, table, row_id, region, row
        )
    except WriteLostError as exc:
        raise WriteLost(str(exc)) from None
    if result.rejected:
        raise Malformed(result.rejected[0]["detail"], code=result.rejected[0]["reason"])


def restore_conflict(
    conn: Connection, context: ServerContext, caller: Caller, conflict_id: int, by: str
) -> dict[str, Any]:
    """Make a kept value current again; the value it replaces is kept in turn."""
    caller.require_admin()
    c = context.tables["conflicts"]
    row = conn.execute(select(c).where(c.c.id == conflict_id)).mappings().first()
    if row is None:
        raise NotFound(f"no conflict {conflict_id}")
    value = json.loads(row["value"]) if row["value"] is not None else None
    server_write(
        conn,
        context,
        caller,
        row["tbl"],
        row["row_id"],
        row["region"],
        {row["column_name"]: value, "updated_by": by, "updated_at": now_text()},
    )
    conn.execute(
        update(c)
        .where(c.c.id == conflict_id)
        .values(restored_at=now_text(), restored_by=by)
    )
    return {
        "restored": conflict_id,
        "table": row["tbl"],
        "id": row["row_id"],
        "column": row["column_name"],
        "value": value,
    }


def set_month(
    conn: Connection,
    context: ServerContext,
    caller: Caller,
    region: str,
    month: str,
    action: str,
    reason: str,
    by: str,
) -> dict[str, Any]:
    """Lock or unlock a (region, month); unlocking needs a reason."""
    caller.require_admin()
    try:
        validators.parse_month(month)
    except ValidationError as exc:
        raise Malformed(str(exc)) from None
    if not month.isascii():
        raise Malformed(f"month: not a month (YYYY-MM): {month!r}")
    if action not in ("lock", "unlock"):
        raise Malformed("action: lock or unlock")
    regions.check_known(conn, context.tables, region)
    if action == "unlock" and not reason.strip():
        raise Malformed("reason: unlocking needs a written reason")
    now = now_text()
    row: dict[str, Any] = {
        "month": month,
        "status": "locked" if action == "lock" else "draft",
        "reason": reason,
        "deleted": 0,
        "updated_at": now,
        "updated_by": by,
    }
    if action == "lock":
        row.update(locked_by=by, locked_at=now)
    server_write(
        conn,
        context,
        caller,
        "reports",
        natural_id("reports", region, month),
        region,
        row,
    )
    return {"region": region, "month": month, "status": row["status"]}


def erase_history(conn: Connection, context: ServerContext, row_id: str) -> dict:
    """KVKK: drop what the history keeps of an employee erased on a desktop (the
    values it held before); refused while the row still names the person."""
    employees = context.tables["employees"]
    row = conn.execute(select(employees).where(employees.c.id == row_id)).mappings()
    found = row.first()
    if found is None:
        raise NotFound(f"no employee {row_id}")
    if not personal.is_erased(dict(found)):
        raise Malformed(
            "the employee still holds personal data here: erase it on a desktop"
            " (puantaj erase-employee) and sync first",
            code="not_erased",
        )
    removed = {}
    for name in ("conflicts", "rejections"):
        table = context.tables[name]
        removed[name] = conn.execute(
            delete(table).where(table.c.row_id == row_id)
        ).rowcount
    return {"erased": row_id, "removed": removed}

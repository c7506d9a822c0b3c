"""Admin endpoints: conflict history and restore, month locks."""

from __future__ import annotations

from flask import Blueprint, g, request

from server import admin
from server.context import ctx
from server.errors import Malformed
from server.wire import json_response, read_json

bp = Blueprint("admin", __name__)


@bp.get("/conflicts")
def conflicts():
    context = ctx()
    try:
        limit = int(request.args.get("limit", 200))
    except ValueError:
        raise Malformed("limit: must be a number") from None
    with context.snapshot() as conn:
        items = admin.list_conflicts(
            conn,
            context,
            g.caller,
            request.args.get("region"),
            request.args.get("table"),
            request.args.get("id"),
            limit,
        )
    return json_response({"conflicts": items}, 200, request)


@bp.post("/conflicts/<int:conflict_id>/restore")
def restore(conflict_id: int):
    context = ctx()
    g.caller.require_admin()
    body = read_json(request, 4096) if request.content_length else {}
    by = str((body or {}).get("by") or "admin")[:80]
    with context.write() as conn:
        result = admin.restore_conflict(conn, context, g.caller, conflict_id, by)
    return json_response(result, 200, request)


@bp.post("/locks")
def locks():
    context = ctx()
    g.caller.require_admin()
    body = read_json(request, 16_384)
    if not isinstance(body, dict):
        raise Malformed("body must be an object")
    fields = {k: body.get(k) for k in ("region", "month", "action", "reason", "by")}
    if not isinstance(fields["region"], str) or not fields["region"]:
        raise Malformed("region: required")
    with context.write() as conn:
        result = admin.set_month(
            conn,
            context,
            g.caller,
            fields["region"],
            str(fields["month"] or ""),
            str(fields["action"] or ""),
            str(fields["reason"] or ""),
            str(fields["by"] or "admin"),
        )
    return json_response(result, 200, request)

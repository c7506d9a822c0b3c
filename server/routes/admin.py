"""Admin endpoints: conflict history and restore, month locks."""

from __future__ import annotations

import re

from flask import Blueprint, g, request

from puantaj.core.tables import ALL_REGIONS
from server import admin
from server.context import ctx
from server.errors import Malformed
from server.hub import ROWS, Change
from server.wire import json_response, read_json

bp = Blueprint("admin", __name__)
MAX_ID = 2**63 - 1  # an id past any BIGINT is simply not found (404 by routing)
_TEXT_RE = re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*")


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


@bp.post(f"/conflicts/<int(max={MAX_ID}):conflict_id>/restore")
def restore(conflict_id: int):
    context = ctx()
    g.caller.require_admin()
    body = _object(read_json(request, 4096)) if request.content_length else {}
    by = _text(body, "by", 80) or "admin"
    with context.write() as conn:
        result = admin.restore_conflict(conn, context, g.caller, conflict_id, by)
    # the restored row's region is not at hand: every region looks (rare)
    context.events.announce(Change(frozenset({ROWS}), frozenset({ALL_REGIONS})))
    return json_response(result, 200, request)


@bp.post("/locks")
def locks():
    context = ctx()
    g.caller.require_admin()
    body = _object(read_json(request, 16_384))
    region = _text(body, "region", 64)
    if not region or region != region.strip() or not region.isprintable():
        raise Malformed("region: required, a name without surrounding spaces")
    with context.write() as conn:
        result = admin.set_month(
            conn,
            context,
            g.caller,
            region,
            _text(body, "month", 7),
            _text(body, "action", 6),
            _text(body, "reason", 2000),
            _text(body, "by", 80) or "admin",
        )
    context.events.announce(Change(frozenset({ROWS}), frozenset({region})))
    return json_response(result, 200, request)


def _object(body: object) -> dict:
    if not isinstance(body, dict):
        raise Malformed("body must be a JSON object")
    return body


def _text(body: dict, key: str, max_len: int) -> str:
    """An optional text field: a string without control characters, or absent."""
    value = body.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not _TEXT_RE.fullmatch(value):
        raise Malformed(f"{key}: must be text without control characters")
    if len(value) > max_len:
        raise Malformed(f"{key}: at most {max_len} characters")
    return value

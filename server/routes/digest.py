"""POST /sync/digest: digests of the caller's scope, to find rows that differ,
and those rows as they stand here, to repair them."""

from __future__ import annotations

from flask import Blueprint, g, request

from puantaj.syncproto.digest import keys_of
from server.context import ctx
from server.digest import scope_digest
from server.errors import Malformed, TooLarge
from server.pull import fetch_changes, parse_cursor
from server.wire import json_response, read_json

bp = Blueprint("digest", __name__)
MAX_KEYS = 20_000  # rows a caller may leave out (its unsent and refused ones)


@bp.post("/sync/digest")
def digest():
    context = ctx()
    settings = context.settings
    body = read_json(request, settings.max_body_bytes, settings.max_json_nodes)
    if not isinstance(body, dict):
        raise Malformed("body must be a JSON object")
    exclude, rows_of = body.get("exclude", []), body.get("rows", [])
    fetch = body.get("fetch", [])
    if not all(isinstance(x, list) for x in (exclude, rows_of, fetch)):
        raise Malformed("exclude, rows, fetch: lists of [table, id] / [region, table]")
    if len(exclude) > MAX_KEYS or len(rows_of) > 1000 or len(fetch) > MAX_KEYS:
        raise TooLarge(f"at most {MAX_KEYS} rows left out or fetched")
    if fetch:
        with context.snapshot() as conn:
            changes = fetch_changes(conn, context.queries, g.caller, keys_of(fetch))
        return json_response(
            {"scope": g.caller.scope, "changes": changes}, 200, request
        )
    after = parse_cursor(body.get("cursor"))
    with context.snapshot() as conn:
        found, later = scope_digest(
            conn, context.tables, g.caller, after, keys_of(exclude), keys_of(rows_of)
        )
    rows: dict[str, dict[str, dict[str, str]]] = {}
    for (region, table), digests in found.rows.items():
        rows.setdefault(region, {})[table] = {
            i: f"{d:032x}" for i, d in digests.items()
        }
    return json_response(
        {
            "scope": g.caller.scope,
            "digests": found.to_wire(),
            "later": later,
            "rows": rows,
        },
        200,
        request,
    )

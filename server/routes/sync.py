"""POST /sync: push and pull in one round trip (DESIGN.md §4)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from flask import Blueprint, g, request
from sqlalchemy.exc import IntegrityError

from puantaj.core import jsonfast
from puantaj.core.changes import PROTOCOL
from puantaj.core.tables import TABLES
from server import request_log
from server.auth import Caller, now_text
from server.context import ServerContext, ctx
from server.errors import Forbidden, Malformed, SiteTaken, TooLarge
from server.hub import ROWS, SITES, Change
from server.merge import PushResult
from server.pull import make_cursor, parse_cursor, pull
from server.rows import driver_query
from server.wire import json_response, read_json

bp = Blueprint("sync", __name__)
_SITE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # fullmatch: no trailing newline
_BATCH_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")  # fullmatch: stored as text


@dataclass(frozen=True)
class SyncRequest:
    site_id: str
    batch_id: str
    changes: list
    after: int
    limit: int
    pending: int | None  # the caller's unsent rows, for /status (optional)
    divergence: str | None  # its last comparison with the server, as JSON


@bp.post("/sync")
def sync():
    context = ctx()
    settings = context.settings
    body = read_json(request, settings.max_body_bytes, settings.max_json_nodes)
    caller: Caller = g.caller
    req = _parse(body, caller, context)
    try:
        return _exchange(context, caller, req)
    except IntegrityError:
        # two requests raced to insert the same new row or batch id: the loser
        # retries once and then sees the winner's rows (or its stored result)
        return _exchange(context, caller, req)


def _exchange(context: ServerContext, caller: Caller, req: SyncRequest):
    result = None
    with context.write() as conn:
        # pull first: it needs no writers' lock, and this caller's own changes
        # coming back next time are a no-op on its side
        pulled, cursor, more = pull(
            conn, context.queries, caller, req.after, req.limit, req.site_id
        )

        def record_site(pushed: PushResult | None) -> None:
            now = now_text()
            if pushed is None and req.pending is None and req.divergence is None:
                _touch_site(conn, context, caller, req.site_id, now)
                return
            bound = driver_query(
                conn,
                context.queries.upsert_site,
                (
                    req.site_id,
                    caller.scope,
                    now,
                    now if pushed else None,
                    pushed.accepted if pushed else 0,
                    len(pushed.rejected) if pushed else 0,
                    req.pending,
                    caller.token_id,
                    req.divergence,
                ),
            )
            if not bound:  # the whole exchange rolls back
                raise SiteTaken(f"site_id {req.site_id!r} belongs to another token")

        if req.changes:
            result = context.merger.push(
                conn, caller, req.site_id, req.batch_id, req.changes, record_site
            )
        else:
            record_site(None)
    context.events.announce(_changed(caller, req, result))
    request_log.count(
        accepted=result.accepted if result else 0,
        rejected=len(result.rejected) if result else 0,
        pulled=len(pulled),
    )
    return json_response(
        {
            "protocol": PROTOCOL,
            "accepted": result.accepted if result else 0,
            "rejected": result.rejected if result else [],
            "changes": pulled,
            "cursor": make_cursor(cursor),
            "more": more,
            "scope": caller.scope,
            "server_time": str(context.clock.tick()),
            # physical time, which a desktop measures its clock's offset against
            "server_ms": context.clock.physical_ms(),
        },
        200,
        request,
    )


def _changed(caller: Caller, req: SyncRequest, result: PushResult | None) -> Change:
    """What this exchange changed, for the event streams: the site's last sync
    (admins see it) and, when rows were accepted, the rows of their regions."""
    if not (result and result.accepted):
        return Change(frozenset({SITES}), frozenset(), req.site_id)
    if caller.is_admin:
        regions = {
            c["region"]
            for c in req.changes
            if isinstance(c, dict) and isinstance(c.get("region"), str)
        }
    else:
        regions = {caller.scope}
    return Change(frozenset({ROWS, SITES}), frozenset(regions), req.site_id)


def _touch_site(
    conn, context: ServerContext, caller: Caller, site_id: str, now: str
) -> None:
    """A bare exchange (no changes, nothing reported): a connection test, made
    perhaps with a wrong token, so it never creates or claims the site."""
    queries = context.queries
    if driver_query(conn, queries.touch_site, (now, site_id, caller.token_id)):
        return
    if driver_query(
        conn, queries.site_refused, (site_id, caller.token_id, caller.scope)
    ):
        raise SiteTaken(f"site_id {site_id!r} belongs to another token")


def _parse(body, caller: Caller, context: ServerContext) -> SyncRequest:
    if not isinstance(body, dict):
        raise Malformed("body must be a JSON object")
    if body.get("protocol") != PROTOCOL:
        raise Malformed(f"protocol must be {PROTOCOL}", code="unsupported_protocol")
    site_id = body.get("site_id")
    if not isinstance(site_id, str) or not _SITE_RE.fullmatch(site_id):
        raise Malformed("site_id: must be an id string")
    region = body.get("region")
    if region is not None and not isinstance(region, str):
        raise Malformed("region: must be a string")
    if region and not caller.is_admin and region != caller.scope:
        raise Forbidden(f"this token is for region {caller.scope}, not {region}")
    changes = body.get("changes", [])
    if not isinstance(changes, list):
        raise Malformed("changes: must be a list")
    if len(changes) > context.settings.max_changes:
        raise TooLarge(f"at most {context.settings.max_changes} changes per request")
    batch_id = body.get("batch_id")
    if changes and not (isinstance(batch_id, str) and _BATCH_RE.fullmatch(batch_id)):
        raise Malformed("batch_id: required with changes, up to 64 characters")
    return SyncRequest(
        site_id=site_id,
        batch_id=batch_id or str(uuid.uuid4()),
        changes=changes,
        after=parse_cursor(body.get("cursor")),
        limit=min(_count(body, "limit", 5000, minimum=1), context.settings.max_pull),
        pending=_count(body, "pending", None, minimum=0),
        divergence=_divergence(body.get("divergence")),
    )


def _count(body: dict, key: str, default, minimum: int):
    value = body.get(key, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Malformed(f"{key}: must be an integer ≥ {minimum}")
    return min(value, 2**62)


_STATES = ("in_step", "differ", "repaired", "not_checked")


def _divergence(data: object) -> str | None:
    """A site's report of its last comparison, checked and stored as JSON."""
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("state") not in _STATES:
        raise Malformed(f"divergence: an object with state one of {_STATES}")
    differences = data.get("differences", [])
    checked_at = data.get("checked_at", "")
    if not isinstance(differences, list) or len(differences) > 100:
        raise Malformed("divergence.differences: a list of at most 100")
    clean = []
    for item in differences:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("region"), str)
            and 0 < len(item["region"]) <= 64
            and item.get("table") in TABLES
            and type(item.get("rows")) is int
            and -1 <= item["rows"] <= 2**53
        ):
            raise Malformed("divergence.differences: {region, table, rows} each")
        clean.append({k: item[k] for k in ("region", "table", "rows")})
    if not isinstance(checked_at, str) or len(checked_at) > 40:
        raise Malformed("divergence.checked_at: a time stamp")
    return jsonfast.dumps_text(
        {"state": data["state"], "differences": clean, "checked_at": checked_at}
    )

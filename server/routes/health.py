"""GET /health: is the database reachable, which schema, what time is it."""

from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from server import __version__
from server.context import ctx
from server.storage import schema_version_number
from server.wire import json_response

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    context = ctx()
    body = {
        "status": "ok",
        "database": "ok",
        "schema_version": schema_version_number(context.schema_revision),
        "version": __version__,
        "server_time": str(context.clock.tick()),
        "server_ms": context.clock.physical_ms(),
    }
    try:
        with context.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        body.update(status="error", database="error")
        return json_response(body, 503, request)
    return json_response(body, 200, request)

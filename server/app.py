"""create_app(): the sync server's composition root."""

from __future__ import annotations

import gc
import logging
import time
import uuid
from collections.abc import Callable, Mapping

from flask import Flask, g, request
from sqlalchemy.exc import DataError, SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from puantaj.core.hlc import HybridClock
from server import auth, limiter, logs, request_log, storage
from server.checkpoint import Checkpointer
from server.config import load_server_settings
from server.context import ServerContext, ctx
from server.errors import (
    APIError,
    DatabaseDown,
    Malformed,
    TooManyRequests,
    Unauthorized,
)
from server.merge import Merger
from server.notify import Events
from server.queries import Queries
from server.routes import admin, digest, download, events, health, status, sync
from server.schema import build_metadata
from server.wire import json_response

log = logging.getLogger(__name__)
PUBLIC = {"health.health"}
GC_GEN0_THRESHOLD = 50_000


def create_app(
    overrides: Mapping[str, object] | None = None,
    env: Mapping[str, str] | None = None,
    now_ms: Callable[[], int] | None = None,
) -> Flask:
    """Build the app; raises SchemaError when the database is not ours or not current.

    An empty database is migrated first, so a fresh install needs no extra step.
    `now_ms` is the physical clock (tests inject one; default: the system's).
    """
    settings = load_server_settings(env, overrides)
    logs.configure(settings.log_format, settings.log_level)
    engine = storage.make_engine(settings)
    metadata = build_metadata()
    tables = {name.split(".")[-1]: t for name, t in metadata.tables.items()}
    # workers and instances starting together migrate and register API_KEY one
    # at a time; each step finds what an earlier one did
    with storage.first_start_lock(engine, settings):
        storage.ensure_namespace(engine, settings)
        if storage.is_empty(engine):
            storage.migrate(engine, settings)
        revision = storage.check_schema(engine)
        with engine.begin() as conn:
            outcome = auth.register_api_key(conn, tables, settings.api_key)
    if outcome:
        log.warning("API_KEY: %s", outcome)
    # each server process is a site of its own: its writes never share stamps
    # with another worker's or instance's
    now_ms = now_ms or (lambda: int(time.time() * 1000))
    clock = HybridClock(f"server-{uuid.uuid4().hex}", now_ms)
    queries = Queries(tables, engine.dialect)
    context: ServerContext
    bad_tokens = limiter.build(
        settings, engine, lambda: context.write(), tables["auth_failures"], now_ms
    )
    context = ServerContext(
        settings=settings,
        engine=engine,
        tables=tables,
        queries=queries,
        clock=clock,
        merger=Merger(queries, clock, settings.clock_ahead_ms),
        limiter=bad_tokens,
        schema_revision=revision,
        events=Events(engine, settings.db_schema),
        checkpointer=Checkpointer(settings.sqlite_file)
        if settings.sqlite_file
        else None,
    )
    # a push builds ~10 objects per row; the default thresholds would run a
    # full collection over every live object many times per large batch
    gc.set_threshold(GC_GEN0_THRESHOLD, 20, 20)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    if settings.trusted_proxies:
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.extensions["puantaj"] = context
    for module in (health, sync, download, digest, status, admin):
        app.register_blueprint(module.bp)
    if settings.events:  # elsewhere /events is a 404: desktops keep to the schedule
        app.register_blueprint(events.bp)
    app.before_request(_authenticate)
    request_log.install(app)
    _register_errors(app)
    return app


def serving_app(overrides: Mapping[str, object] | None = None) -> Flask:
    """create_app for a process that then serves for days: what starting it
    made (Flask, SQLAlchemy, the tables: ~200k objects) is left out of the
    collector's full passes (gc.freeze), one of which came in the middle of
    every large push and walked them all (28 ms; 0.4 ms frozen)."""
    app = create_app(overrides)
    gc.collect()
    gc.freeze()
    return app


def _authenticate():
    # a wrong path or method is answered as such (404, 405) before any token
    if request.routing_exception is not None or request.endpoint in PUBLIC:
        return None
    context = ctx()
    try:
        g.caller = context.caller(request.headers.get("Authorization"))
    except Unauthorized:
        # only failures are limited: a valid token always passes, whoever else
        # guessed wrong from the same address
        key = limiter.client_key(request.remote_addr)
        failures = context.limiter.failed(key)
        if failures == context.limiter.limit:  # counted once; refused from now on
            log.warning("bad tokens: %s reached the limit (%d)", key, failures)
        if failures > context.limiter.limit:
            raise TooManyRequests(
                "too many bad tokens from this address; wait a minute",
                int(context.limiter.window_s),
            ) from None
        raise
    return None


def _register_errors(app: Flask) -> None:
    @app.errorhandler(APIError)
    def _api(exc: APIError):
        response = json_response({"error": exc.code, "detail": exc.detail}, exc.status)
        if isinstance(exc, TooManyRequests):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = {413: "too_large", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.code or 500, "http_error"
        )
        return json_response(
            {"error": code, "detail": exc.description or ""}, exc.code or 500
        )

    @app.errorhandler(SQLAlchemyError)
    def _db(exc: SQLAlchemyError):
        # named, never quoted: the parameters and PostgreSQL's DETAIL carry
        # sicil numbers, TC numbers and names
        log.warning("database error: %s", logs.describe_db_error(exc))
        if isinstance(exc, DataError):  # a value the database cannot take
            error: APIError = Malformed("a value is out of the database's range")
        else:
            error = DatabaseDown("database unavailable or busy; retry later")
        return json_response(
            {"error": error.code, "detail": error.detail}, error.status
        )

    @app.errorhandler(Exception)
    def _internal(exc: Exception):
        log.error("unhandled error: %s", logs.describe_unhandled(exc))
        return json_response(
            {"error": "internal", "detail": "internal server error"}, 500
        )

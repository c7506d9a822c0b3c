"""One log line per request: method, route, status, duration, token, region, counts."""

from __future__ import annotations

import logging
import os
import re
import time

from flask import Flask, Response, g, request

from server import limiter

log = logging.getLogger("server.request")
_RULE_ARG_RE = re.compile(
    r"<(?:[^:>]+:)?(\w+)>"
)  # <int(max=…):conflict_id> → <conflict_id>


def install(app: Flask) -> None:
    """Time every request from its first hook and log it after its response."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)


def count(**counts: int) -> None:
    """Add counts (accepted, rejected, pulled, …) to this request's log line."""
    g.setdefault("log_counts", {}).update(counts)


def _start() -> None:
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    started = g.get("started")
    fields: dict[str, object] = {
        "event": "request",
        "method": request.method,
        # the rule, not the path: ids and query strings stay out of the log
        "route": _RULE_ARG_RE.sub(r"<\1>", request.url_rule.rule)
        if request.url_rule
        else "-",
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1)
        if started
        else None,
    }
    fields["worker"] = os.getpid()  # how work spreads over gunicorn's workers
    caller = g.get("caller")
    if caller is not None:
        fields.update(token_id=caller.token_id, region=caller.scope)
    if response.status_code in (401, 429):
        fields["client"] = limiter.client_key(request.remote_addr)
    fields["bytes_in"] = request.content_length or 0
    fields.update(g.get("log_counts", {}))
    level = logging.INFO
    if response.status_code >= 500:
        level = logging.ERROR
    elif fields["route"] == "/health" and response.status_code == 200:
        level = logging.DEBUG  # a load balancer asks every few seconds
    message = f"{fields['method']} {fields['route']} {fields['status']}"
    if fields["duration_ms"] is not None:
        message += f" {fields['duration_ms']}ms"
    log.log(level, message, extra={"fields": fields})
    return response

"""GET /events: a server-sent event stream telling a desktop that something in its
scope changed (issue 16); it carries no row data, the data moves through /sync.

The token is checked like any request's (before_request) and again every
`events_recheck_s` while the stream is open: a revoked token's stream ends.
"""

from __future__ import annotations

import json
import time
from collections.abc import Generator, Iterator

from flask import Blueprint, Response, g, request
from sqlalchemy.exc import SQLAlchemyError

from server.context import ServerContext, ctx
from server.errors import Unauthorized
from server.hub import Subscription

bp = Blueprint("events", __name__)
RETRY_MS = 5000  # EventSource clients' reconnect delay; ours back off themselves


@bp.get("/events")
def events():
    context = ctx()
    header = request.headers.get("Authorization")
    subscription = context.events.subscribe(g.caller.scope)
    return Response(
        _Closing(_stream(context, subscription, header), subscription, context),
        mimetype="text/event-stream",
        headers={
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # nginx passes each event on at once
        },
    )


class _Closing:
    """The stream as a WSGI body whose close() also ends the subscription, even
    when the client left before the first event was sent."""

    def __init__(
        self, stream: Generator[str], subscription: Subscription, context: ServerContext
    ) -> None:
        self._stream = stream
        self._subscription = subscription
        self._context = context

    def __iter__(self) -> Iterator[str]:
        return self._stream

    def close(self) -> None:
        self._stream.close()
        self._context.events.hub.unsubscribe(self._subscription)


def frame(kind: str, data: dict) -> str:
    """One SSE event."""
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stream(
    context: ServerContext, subscription: Subscription, header: str | None
) -> Generator[str]:
    settings = context.settings
    hello = {"scope": subscription.scope, "heartbeat_s": settings.events_heartbeat_s}
    try:
        yield f"retry: {RETRY_MS}\n" + frame("hello", hello)
        recheck_at = time.monotonic() + settings.events_recheck_s
        while True:
            news = subscription.take(settings.events_heartbeat_s)
            if time.monotonic() >= recheck_at:
                try:
                    context.caller(header)
                except Unauthorized:
                    yield frame("bye", {"reason": "token_rejected"})
                    return
                except SQLAlchemyError:  # cannot tell: the client reconnects
                    return
                recheck_at = time.monotonic() + settings.events_recheck_s
            if not news:
                yield ": keep-alive\n\n"
                continue
            yield "".join(frame(k, {"origin": o}) for k, o in sorted(news.items()))
            # a burst of syncs becomes one event a gap per stream, not one each
            time.sleep(settings.events_gap_s)
    finally:
        context.events.hub.unsubscribe(subscription)

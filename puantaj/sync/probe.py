"""The connection test behind `puantaj sync --test` and the Settings tab's button."""

from __future__ import annotations

from dataclasses import dataclass, field

from puantaj.core.changes import PROTOCOL
from puantaj.core.hlc import Stamp
from puantaj.errors import PuantajError, SyncRejected, SyncUnavailable
from puantaj.sync.checkpoint import CLOCK_TOLERANCE_MS
from puantaj.sync.client import SyncClient


@dataclass(frozen=True)
class Step:
    """One step of the test: passed or not, a message key ("probe.<key>" in
    puantaj.messages) and its values (an error is kept as the exception, so
    each screen words it in its language)."""

    ok: bool
    key: str
    values: dict = field(default_factory=dict)


@dataclass
class ProbeResult:
    """The steps that ran, in order (reach, token, protocol, clock); ok only if
    every check passed."""

    steps: list[Step] = field(default_factory=list)
    ok: bool = False
    scope: str = ""
    offset_ms: int = 0

    @classmethod
    def unreachable(cls, error: object) -> ProbeResult:
        # a coded error says in full what failed ("Sunucuya ulaşılamadı: …")
        coded = isinstance(error, PuantajError) and bool(error.code)
        return cls(
            [Step(False, "failed" if coded else "unreachable", {"error": error})]
        )


def probe(client: SyncClient, site_id: str) -> ProbeResult:
    """Reach /health, authenticate with an empty exchange, compare clocks."""
    try:
        health = client.health()
    except (SyncUnavailable, SyncRejected) as exc:
        return ProbeResult.unreachable(exc)
    data = health.data
    result = ProbeResult(
        [
            Step(
                True,
                "reached",
                {
                    "version": data.get("version", "?"),
                    "schema": data.get("schema_version", "?"),
                    "database": data.get("database", "?"),
                },
            )
        ]
    )
    try:
        # the server's physical clock; an older server only gives its hybrid one
        server_ms = data.get("server_ms")
        if type(server_ms) is not int:
            server_ms = Stamp.parse(data.get("server_time")).ms
        result.offset_ms = int(server_ms - (health.sent_ms + health.received_ms) / 2)
        near = abs(result.offset_ms) <= CLOCK_TOLERANCE_MS
        clock = Step(
            near,
            "clock" if near else "clock_off",
            {"seconds": f"{result.offset_ms / 1000:+.1f}"},
        )
    except PuantajError:
        clock = Step(False, "no_time")
    try:
        reply = client.sync(
            {"site_id": site_id, "cursor": "", "changes": [], "limit": 1}
        )
    except SyncRejected as exc:
        result.steps += [Step(False, "refused", {"error": exc}), clock]
        return result
    except SyncUnavailable as exc:
        result.steps += [Step(False, "unchecked", {"error": exc}), clock]
        return result
    result.scope = str(reply.data.get("scope", ""))
    result.steps.append(
        Step(True, "admin")
        if result.scope == "*"
        else Step(True, "region", {"region": result.scope})
    )
    protocol = reply.data.get("protocol")
    result.steps.append(
        Step(True, "protocol", {"protocol": protocol})
        if protocol == PROTOCOL
        else Step(False, "mismatch", {"server": protocol, "ours": PROTOCOL})
    )
    result.steps.append(clock)
    result.ok = protocol == PROTOCOL
    return result

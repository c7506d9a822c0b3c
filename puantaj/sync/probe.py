"""The connection test behind `puantaj sync --test` and the Settings tab's button."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core.changes import PROTOCOL
from puantaj.core.hlc import Stamp
from puantaj.errors import PuantajError, SyncRejected, SyncUnavailable
from puantaj.sync.client import SyncClient


@dataclass
class ProbeResult:
    """Each step of the test in words; ok only if every step passed."""

    reach: str = ""
    auth: str = ""
    protocol: str = ""
    clock: str = ""
    ok: bool = False
    scope: str = ""
    offset_ms: int = 0

    def lines(self) -> list[str]:
        return [
            line for line in (self.reach, self.auth, self.protocol, self.clock) if line
        ]


def probe(client: SyncClient, site_id: str) -> ProbeResult:
    """Reach /health, authenticate with an empty exchange, compare clocks."""
    result = ProbeResult()
    try:
        health = client.health()
    except (SyncUnavailable, SyncRejected) as exc:
        result.reach = f"server unreachable: {exc}"
        return result
    data = health.data
    result.reach = (
        f"server reached: version {data.get('version', '?')}, "
        f"database {data.get('database', '?')}"
    )
    try:
        server_ms = Stamp.parse(data.get("server_time")).ms
        result.offset_ms = int(server_ms - (health.sent_ms + health.received_ms) / 2)
        result.clock = (
            f"clock offset to the server: {result.offset_ms / 1000:+.1f} s"
            + (
                " (the PC clock is off; stamps are corrected by it)"
                if abs(result.offset_ms) > 60_000
                else ""
            )
        )
    except PuantajError:
        result.clock = "the server sent no valid time"
    try:
        reply = client.sync(
            {"site_id": site_id, "cursor": "", "changes": [], "limit": 1}
        )
    except SyncRejected as exc:
        result.auth = f"token not accepted: {exc}"
        return result
    except SyncUnavailable as exc:
        result.auth = f"authentication could not be checked: {exc}"
        return result
    result.scope = str(reply.data.get("scope", ""))
    who = "admin (all regions)" if result.scope == "*" else f"region {result.scope}"
    result.auth = f"token accepted for {who}"
    protocol = reply.data.get("protocol")
    result.protocol = (
        f"protocol {protocol} ✓"
        if protocol == PROTOCOL
        else f"protocol mismatch: server {protocol}, this program {PROTOCOL}"
    )
    result.ok = protocol == PROTOCOL
    return result

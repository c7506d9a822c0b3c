"""HTTP client of the sync server; turns every transport failure into our errors."""

from __future__ import annotations

import contextlib
import gzip
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import requests

from puantaj import __version__
from puantaj.core import jsonfast, validators
from puantaj.core.changes import PROTOCOL
from puantaj.errors import SyncRejected, SyncUnavailable, ValidationError
from puantaj.sync import sse

GZIP_MIN_BYTES = 2048
GZIP_LEVEL = 1  # JSON compresses ~8x even at 1; higher levels cost CPU time
SNAPSHOT_CHUNK = 1 << 20
SNAPSHOT_WAIT_S = 600.0  # for the first byte of a snapshot (1M rows: ~20 s)


class PackedChanges:
    """A sync body's changes, compressed ahead of time (while the previous
    request is on the wire); the rest of the body, known only once its reply
    is in, is added when it is sent. The body is one gzip stream of
    `{"changes": [...], <the rest>}`."""

    def __init__(self, changes: list[dict[str, Any]]) -> None:
        self._packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # gzip
        self._parts = [self._packer.compress(b'{"changes":' + jsonfast.dumps(changes))]

    def finish(self, rest: dict[str, Any]) -> bytes:
        """The whole gzipped body, `rest` (no "changes") after the changes;
        as often as asked (a request sent again)."""
        tail = jsonfast.dumps(rest)  # b"{...}": its members follow the changes
        tail = b"," + tail[1:] if len(tail) > 2 else b"}"
        packer = self._packer.copy()
        return b"".join([*self._parts, packer.compress(tail), packer.flush()])


@dataclass(frozen=True)
class Snapshot:
    """A downloaded snapshot: the cursor it corresponds to, the snapshot
    format it is written in, the scope and the bytes on the wire."""

    cursor: str
    format: str
    scope: str
    bytes_received: int


@dataclass(frozen=True)
class Reply:
    """A decoded JSON reply and when it was asked and answered (epoch ms)."""

    data: dict[str, Any]
    sent_ms: float
    received_ms: float
    bytes_sent: int
    bytes_received: int


class SyncClient:
    """One server, one token; every request has a timeout."""

    def __init__(
        self, base_url: str, token: str, timeout_s: float, allow_http: bool = False
    ) -> None:
        try:  # the token goes only over TLS, or to this machine
            validators.check_sync_url(base_url, allow_http)
        except ValidationError as exc:
            value = str(exc.values.get("value", ""))
            raise SyncRejected(str(exc), exc.code, value=value) from None
        if not base_url.strip():
            raise SyncRejected("no server URL is set", "bad_url", code="no_url")
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._http = requests.Session()
        self._http.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "Accept-Encoding": "gzip",
                "User-Agent": f"puantaj-desktop/{__version__}",
            }
        )

    _stream: requests.Response | None = None  # the open event stream

    def close(self) -> None:
        """Close the session; also ends an event stream another thread is reading."""
        stream = self._stream
        shutdown = getattr(stream.raw, "shutdown", None) if stream else None
        if shutdown is not None:  # urllib3 2.3+: wakes a blocked read
            with contextlib.suppress(ValueError):  # the stream ended meanwhile
                shutdown()
        self._http.close()

    def events(self, read_timeout_s: float) -> Iterator[sse.ServerEvent]:
        """GET /events: yield the server's events as they arrive.

        Raises SyncRejected when the server refuses (401/403: the token; 404: a
        server without an event channel) and SyncUnavailable when it cannot be
        reached, or the stream breaks or says nothing for `read_timeout_s`
        (the server sends a keep-alive far more often).
        """
        try:
            response = self._http.get(
                self.base_url + "/events",
                headers={"Accept": "text/event-stream", "Accept-Encoding": "identity"},
                stream=True,
                timeout=(self.timeout_s, read_timeout_s),
            )
        except requests.exceptions.RequestException as exc:
            raise SyncUnavailable(
                f"no event stream: {_reason(exc)}", code="no_events"
            ) from exc
        self._stream = response
        with response:
            if response.status_code != 200:
                self._decode(response, 0, 0, 0)  # raises for every error status
            if not response.headers.get("Content-Type", "").startswith(
                "text/event-stream"
            ):
                raise SyncRejected("the server sent no event stream", "no_events")
            response.encoding = "utf-8"  # requests would guess Latin-1 for text/*
            try:
                # a byte at a time: a line is handed on the moment it is complete,
                # whatever the framing (chunked or not); events are a few bytes
                lines = response.iter_lines(chunk_size=1, decode_unicode=True)
                yield from sse.parse(str(line) for line in lines)
            except requests.exceptions.RequestException as exc:
                raise SyncUnavailable(
                    f"event stream lost: {_reason(exc)}", code="events_lost"
                ) from exc
            finally:
                self._stream = None

    def health(self) -> Reply:
        return self._call("GET", "/health", None)

    def sync(self, body: dict[str, Any], packed: PackedChanges | None = None) -> Reply:
        """POST /sync; `packed`: the body's changes, compressed already."""
        body = {"protocol": PROTOCOL, **body}
        if packed is None:
            return self._call("POST", "/sync", body)
        data = packed.finish(body)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._send_body("POST", "/sync", data, headers)

    def digest(self, body: dict[str, Any]) -> Reply:
        return self._call("POST", "/sync/digest", body)

    def status(self) -> Reply:
        return self._call("GET", "/status", None)

    def conflicts(self, limit: int = 200) -> Reply:
        return self._call("GET", f"/conflicts?limit={int(limit)}", None)

    def restore_conflict(self, conflict_id: int, by: str) -> Reply:
        return self._call("POST", f"/conflicts/{int(conflict_id)}/restore", {"by": by})

    def _call(self, method: str, path: str, body: dict | None) -> Reply:
        headers = {}
        data = None
        if body is not None:
            data = jsonfast.dumps(body)
            headers["Content-Type"] = "application/json"
            if len(data) >= GZIP_MIN_BYTES:
                data = gzip.compress(data, compresslevel=GZIP_LEVEL)
                headers["Content-Encoding"] = "gzip"
        return self._send_body(method, path, data, headers)

    def _send_body(
        self, method: str, path: str, data: bytes | None, headers: dict
    ) -> Reply:
        sent = time.time() * 1000
        response = self._send(method, path, data=data, headers=headers)
        received = time.time() * 1000
        return self._decode(response, sent, received, len(data or b""))

    def snapshot(self, dest: Path) -> Snapshot | None:
        """Download the scope's snapshot into the SQLite file `dest` (unpacked as
        it streams in). None: this server has no snapshots (an older one)."""
        sent = time.time() * 1000
        # the server writes the whole file before the first byte: a big scope
        # takes longer than a sync exchange may (connecting still may not)
        wait = (self.timeout_s, max(self.timeout_s, SNAPSHOT_WAIT_S))
        response = self._send("GET", "/sync/snapshot", stream=True, timeout=wait)
        with response:
            if response.status_code == 404:
                return None
            if response.status_code != 200:
                self._decode(response, sent, time.time() * 1000, 0)  # raises
            try:
                cursor = response.headers["X-Puantaj-Cursor"]
                layout = response.headers["X-Puantaj-Snapshot"]
            except KeyError:
                raise SyncRejected(
                    "the server's snapshot names no cursor", "protocol"
                ) from None
            unpack = zlib.decompressobj(31)
            size = 0
            try:
                with dest.open("wb") as out:
                    for chunk in response.iter_content(SNAPSHOT_CHUNK):
                        size += len(chunk)
                        out.write(unpack.decompress(chunk))
                    out.write(unpack.flush())
            except zlib.error as exc:
                raise SyncRejected(
                    f"the server's snapshot is damaged: {exc}", "protocol"
                ) from None
            except requests.exceptions.RequestException as exc:
                raise SyncUnavailable(
                    f"network error: {exc}", code="sync_network"
                ) from exc
            if not unpack.eof:
                raise SyncUnavailable(
                    "the snapshot download was cut off", code="sync_network"
                )
        return Snapshot(
            cursor, layout, unquote(response.headers.get("X-Puantaj-Scope", "")), size
        )

    def _send(self, method: str, path: str, **kw: Any) -> requests.Response:
        try:
            kw.setdefault("timeout", self.timeout_s)
            return self._http.request(method, self.base_url + path, **kw)
        except requests.exceptions.SSLError as exc:
            raise SyncUnavailable(
                f"TLS error talking to the server: {exc}", code="sync_tls"
            ) from exc
        except requests.exceptions.Timeout as exc:
            raise SyncUnavailable(
                f"the server did not answer in {self.timeout_s:g} s",
                code="sync_timeout",
                seconds=f"{self.timeout_s:g}",
            ) from exc
        except requests.exceptions.ConnectionError as exc:
            code, reason = _failure(exc)
            raise SyncUnavailable(
                f"cannot reach the server: {reason}", code=code, detail=reason
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise SyncUnavailable(f"network error: {exc}", code="sync_network") from exc

    @staticmethod
    def _decode(
        response: requests.Response, sent: float, received: float, size: int
    ) -> Reply:
        try:
            data = jsonfast.loads(response.content)
        except ValueError:
            data = {}
        detail = data.get("detail", "") if isinstance(data, dict) else ""
        status = response.status_code
        if status in (401, 403):
            raise SyncRejected(
                f"token rejected ({status}): {detail}", "token_rejected", status=status
            )
        if status == 429 or status >= 500:
            raise SyncUnavailable(
                f"server busy or failing ({status}): {detail}",
                code="sync_busy",
                status=status,
            )
        if status != 200 or not isinstance(data, dict):
            code = data.get("error", "") if isinstance(data, dict) else ""
            raise SyncRejected(
                f"server refused the request ({status} {code}): {detail}",
                code or "bad_request",
                code="sync_refused",
                status=status,
            )
        wire = response.headers.get("Content-Length")
        return Reply(
            data,
            sent,
            received,
            size,
            int(wire) if wire and wire.isdigit() else len(response.content),
        )


def _reason(exc: Exception) -> str:
    """Why a connection failed, in English (logs)."""
    return _failure(exc)[1]


def _failure(exc: Exception) -> tuple[str, str]:
    """Why a connection failed: the message code and its English words."""
    text = str(exc)
    if (
        "Name or service not known" in text
        or "getaddrinfo" in text
        or "resolve" in text
    ):
        return "sync_dns", "the server name could not be resolved (DNS)"
    if "Connection refused" in text:
        return "sync_down", "connection refused (is the server running?)"
    return "sync_unreachable", text[:200]

"""One sync run: push the outbox in pages, pull with the cursor, apply, checkpoint.

Each exchange is checkpointed in one local transaction (outbox acknowledged,
refusals kept, pulled changes applied, cursor and clock offset stored), so a run
killed at any point resumes without loss or duplication. Runs on a worker thread;
never touches Tk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from puantaj.core.changes import ChangeError, parse_change
from puantaj.core.hlc import Stamp
from puantaj.errors import PuantajError, StoreError, SyncRejected, SyncUnavailable
from puantaj.store import changelog
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.sync.client import Reply, SyncClient

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
CLOCK_TOLERANCE_MS = 60_000  # local stamps further ahead than this are renewed
MAX_EXCHANGES = 100_000
CHECKPOINT_AFTER_ROWS = 1000


@dataclass
class SyncReport:
    """How a run ended: state is ok, offline, token_rejected or error."""

    state: str = "ok"
    message: str = ""
    pushed: int = 0
    pulled: int = 0
    refused: int = 0
    pending: int = 0
    scope: str = ""
    clock_offset_ms: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    started_at: str = ""
    finished_at: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SyncReport | None:
        try:
            return cls(**json.loads(text)) if text else None
        except (TypeError, ValueError):
            return None


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SyncEngine:
    """Runs sync exchanges for one store against one server."""

    def __init__(
        self,
        store: Store,
        client_factory: Callable[[], SyncClient],
        page_size: int = 2000,
        backup: Callable[[], object] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._store = store
        self._client_factory = client_factory
        self.page_size = page_size
        self._backup = backup
        self._today = today

    def run(self, progress: Progress | None = None) -> SyncReport:
        """One full run; never raises for network, server or token trouble."""
        report = SyncReport(started_at=_now_text())
        try:
            self._daily_backup()
            client = self._client_factory()
            try:
                self._exchange_all(
                    client, report, progress or (lambda done, total: None)
                )
            finally:
                client.close()
        except SyncUnavailable as exc:
            report.state, report.message = "offline", str(exc)
        except SyncRejected as exc:
            token = exc.reason == "token_rejected"
            report.state = "token_rejected" if token else "error"
            report.message = str(exc)
        except PuantajError as exc:
            report.state, report.message = "error", str(exc)
        report.finished_at = _now_text()
        self._save(report)
        if report.pulled >= CHECKPOINT_AFTER_ROWS:
            # a big pull leaves a big WAL: copy it back here, on the worker, so the
            # Tk thread never has to (otherwise the worker's autocheckpoint does)
            try:
                self._store.checkpoint()
            except sqlite3.Error as exc:
                log.warning("WAL checkpoint skipped: %s", exc)
        log.info(
            "sync %s: pushed %s, pulled %s, refused %s %s",
            report.state,
            report.pushed,
            report.pulled,
            report.refused,
            report.message,
        )
        return report

    def resync(self) -> int:
        """Queue every local row again and pull everything from the start."""
        with self._store.connection() as conn, transaction(conn):
            changelog.set_state(conn, "cursor", "")
            return changelog.requeue_all(conn)

    def _exchange_all(
        self, client: SyncClient, report: SyncReport, progress: Progress
    ) -> None:
        """Exchange page after page, keeping both ends busy: while a page is on the
        wire the next one is read from the outbox, and once only pulling is left
        the next pull is asked for before the current one is applied. Each reply is
        still checkpointed in order, in one local transaction."""
        with (
            self._store.connection() as conn,
            ThreadPoolExecutor(1, thread_name_prefix="sync-send") as sender,
        ):
            total = changelog.pending_count(conn)
            site = changelog.site_id(conn)
            progress(0, total)
            done = 0
            page = changelog.read_page(conn, self.page_size)
            cursor = changelog.get_state(conn, "cursor")
            scope = changelog.get_state(conn, "scope")
            in_flight = sender.submit(
                client.sync, self._body(site, cursor, scope, page, total - page.count)
            )
            for _ in range(MAX_EXCHANGES):
                ahead = None
                if page.count == self.page_size:  # a full page: more may be queued
                    ahead = changelog.read_page(conn, self.page_size, page.top)
                reply = in_flight.result()
                more = bool(reply.data.get("more"))
                pull_only = more and ahead is None
                if pull_only:
                    # nothing more to push: ask for the next pull right away
                    ahead = changelog.OutboxPage(0, page.top, [], page.top)
                    in_flight = sender.submit(
                        client.sync,
                        self._body(
                            site,
                            str(reply.data.get("cursor") or ""),
                            str(reply.data.get("scope") or ""),
                            ahead,
                            0,
                        ),
                    )
                changed_here = self._checkpoint(conn, page, reply, report)
                done += page.count
                progress(min(done, max(total, done)), max(total, done))
                if pull_only:
                    page = ahead
                    continue
                if ahead is None or changed_here:
                    # the reply rewrote local rows: read what is queued afresh
                    ahead = changelog.read_page(conn, self.page_size)
                page = ahead
                if not page.count and not more:
                    break
                in_flight = sender.submit(
                    client.sync,
                    self._body(
                        site,
                        changelog.get_state(conn, "cursor"),
                        changelog.get_state(conn, "scope"),
                        page,
                        max(total - done - page.count, 0),
                    ),
                )
            report.pending = changelog.pending_count(conn)

    def _body(
        self,
        site: str,
        cursor: str,
        scope: str,
        page: changelog.OutboxPage,
        pending: int,
    ) -> dict:
        body = {
            "site_id": site,
            "cursor": cursor,
            "changes": page.changes,
            "limit": self.page_size,
            "batch_id": _batch_id(site, page.changes),
            # what is still waiting here, so the admin's /status can show it
            "pending": max(pending, 0),
        }
        if scope and scope != "*":
            body["region"] = scope
        return body

    def _checkpoint(
        self, conn, page: changelog.OutboxPage, reply: Reply, report: SyncReport
    ) -> bool:
        """Store what one reply says in one transaction; True if it rewrote local
        rows (pulled changes applied, or stamps renewed)."""
        data = reply.data
        pulled = []
        for raw in data.get("changes") or []:
            try:
                pulled.append(parse_change(raw))
            except ChangeError as exc:
                log.warning(
                    "ignoring a pulled change the server should not have sent: %s", exc
                )
        rejected = [r for r in data.get("rejected") or [] if isinstance(r, dict)]
        future = {
            (r.get("table"), r.get("id"))
            for r in rejected
            if r.get("reason") == "clock_ahead"
        }
        kept = [r for r in rejected if r.get("reason") != "clock_ahead"]
        try:
            server = Stamp.parse(data.get("server_time"), "server_time")
        except PuantajError:
            raise SyncRejected(
                "the server sent no valid server_time", "protocol"
            ) from None
        with transaction(conn):
            changelog.acknowledge(conn, page)
            if kept:
                changelog.record_rejections(conn, kept, page.changes)
            report.pulled += changelog.apply_remote(conn, pulled)
            changelog.set_state(conn, "cursor", str(data.get("cursor") or ""))
            changelog.set_state(conn, "scope", str(data.get("scope") or ""))
            now_ms = self._correct_clock(conn, reply, server)
            changelog.observe(conn, server)
            if future:
                changelog.restamp(conn, future, now_ms + CLOCK_TOLERANCE_MS, now_ms)
            elif changelog.local_stamp(conn).ms > now_ms + CLOCK_TOLERANCE_MS:
                changelog.pull_back_clock(conn, now_ms)
        report.pushed += int(data.get("accepted") or 0)
        report.refused += len(kept)
        report.scope = str(data.get("scope") or "")
        report.bytes_sent += reply.bytes_sent
        report.bytes_received += reply.bytes_received
        return bool(pulled or future)

    @staticmethod
    def _correct_clock(conn, reply: Reply, server: Stamp) -> int:
        """Measure the PC clock against the server's; store the correction.

        Returns the corrected current time in ms.
        """
        offset = changelog.clock_offset(conn)
        midpoint = (reply.sent_ms + reply.received_ms) / 2
        error = server.ms - (midpoint + offset)
        round_trip = reply.received_ms - reply.sent_ms
        if abs(error) > max(1000.0, round_trip):
            offset += int(error)
            changelog.set_clock_offset(conn, offset)
        return int(time.time() * 1000) + offset

    def _daily_backup(self) -> None:
        if self._backup is None:
            return
        today = self._today().isoformat()
        with self._store.connection() as conn:
            if changelog.get_state(conn, "last_backup_day") == today:
                return
        try:
            self._backup()
        except StoreError as exc:
            log.error("pre-sync backup failed: %s", exc)
            return
        with self._store.connection() as conn:
            changelog.set_state(conn, "last_backup_day", today)

    def _save(self, report: SyncReport) -> None:
        try:
            with self._store.connection() as conn:
                changelog.set_state(conn, "last_report", report.to_json())
                if report.ok:
                    changelog.set_state(conn, "last_success_at", report.finished_at)
        except (sqlite3.Error, StoreError):
            log.exception("could not store the sync report")


def _batch_id(site: str, changes: list[dict]) -> str:
    """The same page sent again carries the same id, so the server can spot it.

    A stamp fixes the values it covers, so (table, id, stamp, columns) is enough —
    and far cheaper than serialising the whole page (which would hold the GIL).
    """
    digest = hashlib.sha256(site.encode())
    for c in changes:
        digest.update(
            f"{c['table']}|{c['id']}|{c['hlc']}|{','.join(c['row'])}\n".encode()
        )
    return str(uuid.UUID(bytes=digest.digest()[:16], version=5))

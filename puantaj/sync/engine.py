"""One sync run: push the outbox in pages, pull with the cursor, apply, checkpoint.

Each exchange is checkpointed in one local transaction (outbox acknowledged,
refusals kept, pulled changes applied, cursor and clock offset stored), so a run
killed at any point resumes without loss or duplication. Runs on a worker thread;
never touches Tk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sqlite3
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from puantaj.errors import PuantajError, StoreError, SyncRejected, SyncUnavailable
from puantaj.store import changelog, identity, refusals
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.sync import bootstrap, checkpoint, divergence
from puantaj.sync.client import PackedChanges, SyncClient
from puantaj.sync.report import SyncReport

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
# a request sent before the last reply is stored: page, pending, batch id, and
# the changes packed already (None: in the body)
Early = tuple[changelog.OutboxPage, int, str, "PackedChanges | None"]
MAX_EXCHANGES = 100_000
CHECKPOINT_AFTER_ROWS = 1000
VERIFY_EVERY = dt.timedelta(hours=24)


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _keep_error(report: SyncReport, exc: PuantajError) -> None:
    """The English message for logs, and its code and values for the window."""
    report.message, report.code = str(exc), exc.code
    report.values = {name: str(value) for name, value in exc.values.items()}


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

    def run(
        self, progress: Progress | None = None, verify: bool | None = None
    ) -> SyncReport:
        """One full run; never raises for network, server or token trouble.

        `verify`: compare the file with the server afterwards and repair it if
        they differ (None: when the last comparison is a day old).
        """
        report = SyncReport(started_at=_now_text())
        progress = progress or (lambda done, total: None)
        try:
            self._daily_backup()
            client = self._client_factory()
            try:
                bootstrap.bootstrap(self._store, client, report)
                self._exchange_all(client, report, progress)
                if self._retry_orphans():  # their parent rows went in a later page
                    self._exchange_all(client, report, progress)
                if verify or (verify is None and self._verify_due()):
                    self._verify(client, report, progress)
            finally:
                client.close()
        except SyncUnavailable as exc:
            report.state = "offline"
            _keep_error(report, exc)
        except SyncRejected as exc:
            token = exc.reason == "token_rejected"
            report.state = "token_rejected" if token else "error"
            _keep_error(report, exc)
        except PuantajError as exc:
            report.state = "error"
            _keep_error(report, exc)
        report.finished_at = _now_text()
        # what is still queued however the run ended: an offline run reported 0
        # while its rows waited (issue 15)
        report.pending = self._pending()
        self._save(report)
        if report.pulled >= CHECKPOINT_AFTER_ROWS:
            # a big pull leaves a big WAL: copy it back here, on the worker, so the
            # Tk thread never has to (otherwise the worker's autocheckpoint does);
            # and the memory it took goes back (an admin's PC holds it all day)
            try:
                self._store.checkpoint()
                self._store.release_memory()
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
        """Become a new site: queue every local row and pull the whole scope again
        (the server then leaves none of this file's rows out)."""
        with self._store.connection() as conn:
            with transaction(conn):
                queued = identity.become_new_site(conn)
            identity.record(conn, self._store.path)
        return queued

    def _exchange_all(
        self, client: SyncClient, report: SyncReport, progress: Progress
    ) -> None:
        """Exchange page after page, keeping both ends busy: while a page is on the
        wire the next one is read from the outbox, and sent as soon as the reply
        comes if that reply changes nothing here; once only pulling is left the
        next pull is asked for before the current one is applied. Each reply is
        still checkpointed in order, in one local transaction."""
        with (
            self._store.connection() as conn,
            ThreadPoolExecutor(1, thread_name_prefix="sync-send") as sender,
        ):
            self._take_deferred(conn, report)
            total = changelog.pending_count(conn)
            site = changelog.site_id(conn)
            progress(0, total)
            done = 0
            page = changelog.read_page(conn, self.page_size)
            cursor = changelog.get_state(conn, "cursor")
            scope = changelog.get_state(conn, "scope")
            first = self._body(site, cursor, scope, page, total - page.count)
            last_check = divergence.last_report(self._store)
            if last_check is not None:  # for the admin's /status
                first["divergence"] = last_check.to_wire()
            in_flight = sender.submit(client.sync, first)
            ahead_refused: set = set()
            for _ in range(MAX_EXCHANGES):
                ahead = packed = None
                if page.count == self.page_size:  # a full page: more may be queued
                    ahead = changelog.read_page(conn, self.page_size, page.top)
                    if ahead.count:  # packed now, sent at once if the reply allows
                        packed = (PackedChanges(ahead.changes), _batch_id(site, ahead))
                reply = in_flight.result()
                more = bool(reply.data.get("more"))
                next_cursor = str(reply.data.get("cursor") or "")
                if more and next_cursor == cursor and not page.count:
                    raise SyncRejected(
                        "the server says there is more to pull but its cursor"
                        " does not move",
                        "protocol",
                    )
                cursor = next_cursor
                pull_only = more and ahead is None
                # a reply that brings nothing and refuses nothing rewrites no
                # row here: the page read ahead goes out before this reply is
                # stored, so the server is not kept waiting for it
                push_early = (
                    packed is not None
                    and not reply.data.get("changes")
                    and not reply.data.get("rejected")
                )
                early: Early | None = None  # what goes out now
                if push_early:
                    assert ahead is not None and packed is not None
                    pending = total - done - page.count - ahead.count
                    early = (ahead, pending, packed[1], packed[0])
                elif pull_only:
                    # nothing more to push: ask for the next pull right away
                    ahead = changelog.OutboxPage(0, page.top, [], page.top)
                    early = (ahead, 0, "", None)
                if early is not None:
                    now_in = str(reply.data.get("scope") or "")
                    sent, pending, batch_id, changes = early
                    body = self._body(site, cursor, now_in, sent, pending, batch_id)
                    in_flight = sender.submit(client.sync, body, changes)
                changed_here, future = checkpoint.store_reply(
                    conn, self._store.path, page, reply, report
                )
                if future & ahead_refused:
                    raise SyncRejected(
                        "the server refused changes as stamped ahead of its clock"
                        " twice; check the PC's date, time and time zone",
                        "clock_ahead",
                    )
                ahead_refused |= future
                done += page.count
                progress(min(done, max(total, done)), max(total, done))
                if pull_only or push_early:
                    assert ahead is not None  # made or read ahead, and sent
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
            else:
                raise SyncRejected(
                    f"stopped after {MAX_EXCHANGES} exchanges", "protocol"
                )
            report.pending = changelog.pending_count(conn)

    def _pending(self) -> int:
        """Rows still queued here (-1 when the file cannot be read)."""
        try:
            with self._store.connection() as conn:
                return changelog.pending_count(conn)
        except sqlite3.Error:
            log.exception("could not count the unsent rows")
            return -1

    def _retry_orphans(self) -> int:
        with self._store.connection() as conn, transaction(conn):
            return refusals.retry_orphans(conn)

    def _verify_due(self) -> bool:
        last = divergence.last_report(self._store)
        if last is None or not last.checked_at:
            return True
        checked = dt.datetime.fromisoformat(last.checked_at)
        return dt.datetime.now(dt.UTC) - checked > VERIFY_EVERY

    def _verify(
        self, client: SyncClient, report: SyncReport, progress: Progress
    ) -> None:
        """Compare with the server; if they differ, repair the rows that do
        (the server's copy taken, newer values here sent back) and compare once
        more. The outcome is in report.divergence."""
        try:
            found, rows = divergence.check(self._store, client)
        except SyncRejected as exc:  # an older server: no digests to compare
            report.divergence = f"not checked: {exc}"
            return
        if found.state == "differ":
            log.warning("this file and the server differ: %s", found.describe())
            report.pulled += divergence.repair(self._store, client, rows)
            self._exchange_all(client, report, progress)
            again, _ = divergence.check(self._store, client)
            if again.state == "in_step":
                again.state, again.differences = "repaired", found.differences
            elif again.state == "differ":
                again.message = "still different after the repair"
            found = divergence.save(self._store, again)
        report.divergence = found.describe()

    def _take_deferred(self, conn, report: SyncReport) -> None:
        """Apply pulled changes kept for a newer version, now that it is here."""
        if conn.execute("SELECT 1 FROM _deferred LIMIT 1").fetchone() is None:
            return
        with transaction(conn):
            report.pulled += changelog.apply_remote(conn, refusals.replay(conn))

    def _body(
        self,
        site: str,
        cursor: str,
        scope: str,
        page: changelog.OutboxPage,
        pending: int,
        packed_id: str = "",
    ) -> dict:
        """A sync request's body; `packed_id`: the page's batch id, its changes
        sent packed (PackedChanges) and left out of this."""
        body = {
            "site_id": site,
            "cursor": cursor,
            **({} if packed_id else {"changes": page.changes}),
            "limit": self.page_size,
            "batch_id": packed_id or _batch_id(site, page),
            # what is still waiting here, so the admin's /status can show it
            "pending": max(pending, 0),
        }
        if scope and scope != "*":
            body["region"] = scope
        return body

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


def _batch_id(site: str, page: changelog.OutboxPage) -> str:
    """The same page sent again carries the same id, so the server can spot it;
    the same rows queued again (a refusal retried) are a new batch.

    The outbox numbers tell the two apart; a stamp fixes the values it covers,
    so (table, id, stamp, columns) is enough for the content — and far cheaper
    than serialising the whole page (which would hold the GIL).
    """
    digest = hashlib.sha256(f"{site}|{page.after}|{page.top}\n".encode())
    for c in page.changes:
        digest.update(
            f"{c['table']}|{c['id']}|{c['hlc']}|{','.join(c['row'])}\n".encode()
        )
    return str(uuid.UUID(bytes=digest.digest()[:16], version=5))

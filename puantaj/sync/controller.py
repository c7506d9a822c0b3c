"""The desktop's sync lifecycle: scheduler on/off, sync now, connection test, backup.

Lives beside the UI but never touches Tk: results go out through `post`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from puantaj.errors import PuantajError
from puantaj.store import changelog
from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine
from puantaj.sync.live import LiveChannel
from puantaj.sync.probe import ProbeResult, probe
from puantaj.sync.report import SyncReport
from puantaj.sync.scheduler import SyncEvent, SyncScheduler
from puantaj.sync.setup import Connected

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupDone:
    path: Path | None
    error: str = ""  # English, for the log
    problem: PuantajError | None = None  # worded by the window


@dataclass(frozen=True)
class ServerView:
    """What the admin tab shows from the server, or why it could not."""

    status: dict | None
    conflicts: list[dict]
    error: str = ""  # English, for the log
    problem: PuantajError | None = None  # worded by the window


@dataclass(frozen=True)
class RegionStep:
    """Whether a region's sites last found their data equal to the server's:
    state is in_step, differ or unknown (no site has compared yet)."""

    state: str
    rows: int = 0  # rows that differ (-1: not counted)
    where: str = ""  # "Ankara/timesheets, …"


def region_step(sites: list[dict]) -> RegionStep:
    """Sum up the last comparison each site of a region reported in /status."""
    checks = [s["divergence"] for s in sites if s.get("divergence")]
    checks = [c for c in checks if c.get("state") != "not_checked"]
    if not checks:
        return RegionStep("unknown")
    differing = [c for c in checks if c.get("state") == "differ"]
    if not differing:
        return RegionStep("in_step")
    found = [d for c in differing for d in c.get("differences", [])]
    rows = -1 if any(d["rows"] < 0 for d in found) else sum(d["rows"] for d in found)
    where = ", ".join(sorted({f"{d['region']}/{d['table']}" for d in found}))
    return RegionStep("differ", rows, where)


class SyncController:
    """Owns the scheduler; every slow call runs on a worker thread."""

    def __init__(
        self,
        engine_factory: Callable[[], SyncEngine],
        client_factory: Callable[[], SyncClient],
        site_id: Callable[[], str],
        backup: Callable[[], Any],  # returns a BackupInfo (its .path is shown)
        post: Callable[[object], None],
        interval_min: Callable[[], float],
        enabled: Callable[[], bool],
        connect: Callable[[str, str], Connected] | None = None,
    ) -> None:
        self._engine_factory = engine_factory
        self._connect = connect
        self._client_factory = client_factory
        self._site_id = site_id
        self._backup = backup
        self._post = post
        self._interval_min = interval_min
        self._enabled = enabled
        self.scheduler: SyncScheduler | None = None
        self.live: LiveChannel | None = None

    def start(self) -> None:
        """Start the background schedule and the server's event channel if sync
        is enabled (after the window exists)."""
        self.stop()
        if not self._enabled():
            return
        self.scheduler = SyncScheduler(
            self._engine_factory(), self._interval_min(), self._post
        )
        self.scheduler.start()
        self.live = LiveChannel(
            self._client_factory, self._site_id, self._sync_on_event, self._post
        )
        self.live.start()

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None

    def sync_now(self) -> None:
        if self.scheduler is not None:
            self.scheduler.sync_now()
        else:
            self._spawn(self._run_once)

    def _sync_on_event(self) -> None:
        scheduler = self.scheduler  # the live thread may outlive a stop()
        if scheduler is not None:
            scheduler.sync_now()

    def _run_once(self) -> None:
        self._post(SyncEvent("started"))
        report = self._engine_factory().run(
            lambda done, total: self._post(SyncEvent("progress", done, total))
        )
        self._post(SyncEvent("finished", report=report))

    def first_contact(self, url: str, token: str) -> None:
        """Test a URL and token, keep them if they work, run the first sync;
        posts a Connected (a first run learns its role from the token)."""
        if self._connect is None:
            raise PuantajError(
                "this controller cannot connect a new PC", code="cannot_connect"
            )
        connect = self._connect
        self._spawn(lambda: self._post(connect(url, token)))

    def test_connection(self) -> None:
        def work() -> None:
            try:
                client = self._client_factory()
            except PuantajError as exc:
                self._post(ProbeResult.unreachable(exc))
                return
            try:
                self._post(probe(client, self._site_id()))
            finally:
                client.close()

        self._spawn(work)

    def backup_now(self) -> None:
        def work() -> None:
            try:
                info = self._backup()
                self._post(BackupDone(info.path))
            except PuantajError as exc:
                self._post(BackupDone(None, str(exc), exc))

        self._spawn(work)

    def fetch_server_view(self) -> None:
        def work() -> None:
            try:
                client = self._client_factory()
                try:
                    status = client.status().data
                    conflicts = client.conflicts().data.get("conflicts", [])
                finally:
                    client.close()
                self._post(ServerView(status, conflicts))
            except PuantajError as exc:
                self._post(ServerView(None, [], str(exc), exc))

        self._spawn(work)

    def restore_conflict(self, conflict_id: int, by: str) -> None:
        def work() -> None:
            try:
                client = self._client_factory()
                try:
                    client.restore_conflict(conflict_id, by)
                finally:
                    client.close()
            except PuantajError as exc:
                self._post(ServerView(None, [], str(exc), exc))
                return
            self.sync_now()
            self.fetch_server_view()

        self._spawn(work)

    @staticmethod
    def _spawn(work: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                work()
            except Exception:  # noqa: BLE001 - worker wrapper: log, never kill the app
                log.exception("background task failed")

        threading.Thread(target=guarded, daemon=True).start()


def last_report(store) -> SyncReport | None:
    with store.connection() as conn:
        return SyncReport.from_json(changelog.get_state(conn, "last_report"))


def unsent(store) -> tuple[int, int]:
    """(rows waiting to be sent, changes the server refused and we keep)."""
    with store.connection() as conn:
        refused = conn.execute("SELECT count(*) FROM _rejected").fetchone()[0]
        return changelog.pending_count(conn), refused


class UnsentCount:
    """The counts of `unsent`, read again only when the file has changed: a write
    on this thread's connection (total_changes) or a commit by any other
    connection, the sync worker's included (PRAGMA data_version). Call it from
    one thread (sync/unsent_watch.py's); the check costs one PRAGMA, not a count."""

    def __init__(self, store) -> None:
        self._store = store
        self._seen: tuple[int, int] | None = None

    def changed(self) -> tuple[int, int] | None:
        """(unsent, refused) when the file changed since the last call, else None."""
        mark = self._store.change_mark()
        if mark == self._seen:
            return None
        self._seen = mark
        return unsent(self._store)

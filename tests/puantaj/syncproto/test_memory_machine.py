"""Model-based test of the sync protocol over the in-memory adapter.

Modelled on vdirsyncer's sync tests: 2–4 desktop sites and a server run the
protocol's rules while a Hypothesis state machine interleaves local writes
(same-key creations, edits of the same and of different columns, deletes),
sync exchanges with page limits of 1–3, lost replies, repeated requests, runs
killed between pages, writes between the pages of one run, same-millisecond
stamps, PC clocks jumping by minutes and days, month locks, conflict restores,
a server restart, and files put back from an earlier snapshot or copied.

After a quiescent sync round (every month unlocked) every site must hold what
the server holds in its scope, value and stamp of every column, with nothing
left refused, and no write may be lost: every write a site made either reached
the server, or was overwritten by a newer stamp before it left, or went with a
file put back to an earlier copy; and the server holds, per column, the newest
stamp it was ever sent.
"""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    rule,
)

from puantaj.core.tables import TABLES, natural_id, timesheet_id
from puantaj.syncproto.memory import MemoryServer
from puantaj.syncproto.memory_run import Run
from puantaj.syncproto.memory_site import MemorySite, SiteFile

REGIONS = ("A", "B")
TOKENS = {"A": "token-a", "B": "token-b", "*": "token-admin"}
MONTHS = ("2026-03", "2026-04")
DAYS = ("2026-03-02", "2026-04-01")
SICILS = ("1", "2")
NAMES = ("Ali", "Ayşe", "Şef")  # few values: equal values are common
MINUTE, DAY = 60_000, 86_400_000
START_MS = 1_780_000_000_000
WRITES = ("employee", "employee", "cell", "report", "delete")
INCIDENTS = (
    "kill",
    "wait",
    "wait",
    "jump_clock",
    "set_month",
    "restore_conflict",
    "restart_server",
    "snapshot",
    "restore",
    "copy",
)
WAITS = (0, 0, 1, 5, 1000, MINUTE + 1, 10 * MINUTE)
JUMPS = (-2 * DAY, -10 * MINUTE, -3 * MINUTE, 0, 3 * MINUTE, 10 * MINUTE, DAY)
COUNTS = {"examples": 0, "divergent": 0}

Slot = tuple[tuple[str, str], str]  # ((table, id), column)


class ProtocolMachine(RuleBasedStateMachine):
    """Sites, a server and the writes made, with what became of each."""

    def __init__(self) -> None:
        super().__init__()
        self.now = START_MS
        self.server = MemoryServer(lambda: self.now)
        self.server.tokens = {token: scope for scope, token in TOKENS.items()}
        self.sites: list[MemorySite] = []
        self.scopes: list[str] = []
        self.runs: dict[int, Run] = {}
        self.snapshots: list[tuple[int, SiteFile, dict[Slot, str]]] = []
        self.made = 0
        # every value the server took, per column and stamp
        self.taken: dict[Slot, dict[str, object]] = {}
        # per site: its writes the server has not taken yet, column → stamp
        self.untaken: list[dict[Slot, str]] = []
        COUNTS["examples"] += 1

    # building

    def _new_site(self, scope: str) -> int:
        index = len(self.sites)
        site = MemorySite(self._site_id(), TOKENS[scope], lambda: self.now)
        site.on_restamp = lambda mapping, i=index: self._renamed(i, mapping)
        self.sites.append(site)
        self.scopes.append(scope)
        self.untaken.append({})
        return index

    def _site_id(self) -> str:
        self.made += 1
        return f"pc-{self.made:02d}"

    @initialize(
        scopes=st.lists(st.sampled_from(["A", "B", "A", "*"]), min_size=2, max_size=4)
    )
    def make_sites(self, scopes: list[str]) -> None:
        for scope in scopes:
            self._new_site(scope)

    # local writes

    def _region(self, index: int, data: st.DataObject) -> str:
        scope = self.scopes[index]
        if scope != "*":
            return scope
        return data.draw(st.sampled_from(["A", "A", "B"]), label="region")

    def _write(self, index: int, table: str, row_id: str, region: str, values: dict):
        site = self.sites[index]
        stamp, columns = site.write(table, row_id, region, values)
        for column in columns:
            self.untaken[index][((table, row_id), column)] = stamp
        self._settle(index)

    # the rules: writes, exchanges (twice as likely) and incidents

    @rule(data=st.data(), kind=st.sampled_from(WRITES))
    def write(self, data, kind) -> None:
        index = data.draw(st.integers(0, len(self.sites) - 1), label="site")
        getattr(self, f"_write_{kind}")(index, data)

    @rule(data=st.data())
    def sync(self, data) -> None:
        self._exchange(data)

    @rule(data=st.data())
    def sync_on(self, data) -> None:
        self._exchange(data)

    @rule(data=st.data(), kind=st.sampled_from(INCIDENTS))
    def incident(self, data, kind) -> None:
        getattr(self, f"_{kind}")(data)

    # local writes

    def _write_employee(self, index: int, data: st.DataObject) -> None:
        region = self._region(index, data)
        sicil = data.draw(st.sampled_from(SICILS), label="sicil")
        column = data.draw(st.sampled_from(["title", "first_name", "last_name"]))
        values = {column: data.draw(st.sampled_from(NAMES), label="value")}
        row_id = natural_id("employees", region, sicil)
        if ("employees", row_id) not in self.sites[index].file.rows:
            values = {
                "sicil_no": sicil,
                "first_name": "Ad",
                "last_name": "Soyad",
                "hire_date": "2025-01-01",
                **values,
            }
        self._write(index, "employees", row_id, region, values)

    def _write_cell(self, index: int, data: st.DataObject) -> None:
        region = self._region(index, data)
        employee = natural_id("employees", region, data.draw(st.sampled_from(SICILS)))
        if ("employees", employee) not in self.sites[index].file.rows:
            return  # the desktop offers cells of its employees only
        day = data.draw(st.sampled_from(DAYS), label="day")
        code = data.draw(st.sampled_from(["X", "R", None]), label="code")
        values = {"employee_id": employee, "work_date": day, "code": code}
        self._write(index, "timesheets", timesheet_id(employee, day), region, values)

    def _write_report(self, index: int, data: st.DataObject) -> None:
        region = self._region(index, data)
        month = data.draw(st.sampled_from(MONTHS), label="month")
        status = data.draw(st.sampled_from(["draft", "submitted"]), label="status")
        row_id = natural_id("reports", region, month)
        self._write(
            index, "reports", row_id, region, {"month": month, "status": status}
        )

    def _write_delete(self, index: int, data: st.DataObject) -> None:
        rows = sorted(self.sites[index].file.rows)
        if not rows:
            return
        table, row_id = data.draw(st.sampled_from(rows), label="row")
        region = self.sites[index].file.rows[(table, row_id)].region
        deleted = data.draw(st.sampled_from([0, 1]), label="deleted")
        self._write(index, table, row_id, region, {"deleted": deleted})

    # syncing

    def _exchange(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.sites) - 1), label="site")
        run = self.runs.get(index)
        if run is None:
            limit = data.draw(st.integers(1, 3), label="page limit")
            run = self.runs[index] = Run(self.sites[index], limit)
        fault = data.draw(
            st.sampled_from(["", "", "", "lose", "repeat"]), label="fault"
        )
        run.step(self.server, fault, self._taken)
        if run.done:
            del self.runs[index]
        self._settle(index)

    def _kill(self, data: st.DataObject) -> None:
        """The client dies between two exchanges of a run."""
        if self.runs:
            del self.runs[data.draw(st.sampled_from(sorted(self.runs)), label="site")]

    # time

    def _wait(self, data: st.DataObject) -> None:
        self.now += data.draw(st.sampled_from(WAITS), label="ms")

    def _jump_clock(self, data: st.DataObject) -> None:
        """A PC clock set wrong (or right again: 0)."""
        site = self.sites[data.draw(st.integers(0, len(self.sites) - 1), label="site")]
        jump = data.draw(st.sampled_from(JUMPS), label="jump")
        site.skew_ms = site.skew_ms + jump if jump else 0

    # the admin on the server

    def _set_month(self, data: st.DataObject) -> None:
        region = data.draw(st.sampled_from(REGIONS), label="region")
        month = data.draw(st.sampled_from(MONTHS), label="month")
        self._lock(region, month, data.draw(st.booleans(), label="lock"))

    def _lock(self, region: str, month: str, lock: bool) -> None:
        row = self.server.set_month(region, month, lock, "admin")
        self._server_wrote(("reports", natural_id("reports", region, month)), row)

    def _restore_conflict(self, data: st.DataObject) -> None:
        if not self.server.conflicts:
            return
        count = len(self.server.conflicts)
        number = data.draw(st.integers(0, count - 1), label="conflict")
        key, row = self.server.restore(number, "admin")
        self._server_wrote(key, row)

    def _restart_server(self, data: st.DataObject) -> None:
        worker = data.draw(st.integers(0, self.server.workers - 1), label="worker")
        self.server.restart(worker)

    # files put back or copied

    def _snapshot(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.sites) - 1), label="site")
        self._settle(index)
        saved = self.sites[index].snapshot()
        self.snapshots = [
            *self.snapshots[-2:],
            (index, saved, dict(self.untaken[index])),
        ]

    def _restore(self, data: st.DataObject) -> None:
        """A backup put back: the file becomes a new site."""
        if not self.snapshots:
            return
        which = data.draw(st.integers(0, len(self.snapshots) - 1), label="snapshot")
        index, saved, untaken = self.snapshots[which]
        self.runs.pop(index, None)
        # what the backup holds comes back; what was typed since and not sent is gone
        self.untaken[index] = {
            slot: stamp
            for slot, stamp in untaken.items()
            if stamp not in self.taken.get(slot, ())
        }
        self.sites[index].restore(saved, self._site_id())
        self._settle(index)

    def _copy(self, data: st.DataObject) -> None:
        """A file copied to another PC: the copy becomes a new site."""
        if not self.snapshots or len(self.sites) >= 4:
            return
        which = data.draw(st.integers(0, len(self.snapshots) - 1), label="snapshot")
        index, saved, _ = self.snapshots[which]
        new = self._new_site(self.scopes[index])
        self.sites[new].restore(saved, self.sites[new].file.site_id)

    # what became of each write

    def _taken(self, body: dict, reply: dict) -> None:
        refused = {(r["table"], r["id"]) for r in reply["rejected"]}
        for change in body["changes"]:
            key = (change["table"], change["id"])
            if key in refused:
                continue
            stamp = change["hlc"]
            for column, value in change["row"].items():
                slot = (key, column)
                self.taken.setdefault(slot, {})[stamp] = value
                for untaken in self.untaken:
                    if untaken.get(slot) == stamp:
                        del untaken[slot]

    def _server_wrote(self, key: tuple[str, str], row: dict) -> None:
        stored = self.server.rows[key]
        for column, value in row.items():
            self.taken.setdefault((key, column), {})[stored.stamps[column]] = value

    def _renamed(self, index: int, mapping: dict[str, str]) -> None:
        untaken = self.untaken[index]
        for slot, stamp in untaken.items():
            untaken[slot] = mapping.get(stamp, stamp)

    def _settle(self, index: int) -> None:
        """A write not taken yet is still held, or was overwritten by a newer
        stamp (it would have lost anyway); it never just vanishes."""
        rows = self.sites[index].file.rows
        untaken = self.untaken[index]
        for slot, stamp in list(untaken.items()):
            (key, column) = slot
            held = rows[key].stamps.get(column) if key in rows else None
            if held == stamp:
                continue
            assert held is not None and held > stamp, (
                f"site {index}: write {slot} at {stamp} vanished (held: {held})"
            )
            del untaken[slot]

    # the end

    def teardown(self) -> None:
        if not self.sites:
            return
        try:
            self._quiesce()
            self._check()
        except AssertionError:
            COUNTS["divergent"] += 1
            raise

    def _quiesce(self) -> None:
        self.runs.clear()
        for key, stored in list(self.server.rows.items()):
            if key[0] == "reports" and stored.values.get("status") == "locked":
                self._lock(stored.region, stored.values["month"], False)
        self.now += 1000
        for _ in range(6):
            busy = False
            for index, site in enumerate(self.sites):
                run = Run(site, 3)
                while not run.done:
                    assert run.exchanges < 200, "a run that never ends"
                    before = (len(site.file.outbox), site.file.cursor)
                    run.step(self.server, "", self._taken)
                    busy = busy or before != (len(site.file.outbox), site.file.cursor)
                self._settle(index)
            if not busy:
                return
        raise AssertionError("no quiescence after 6 sync rounds")

    def _check(self) -> None:
        server = self.server.rows
        for index, site in enumerate(self.sites):
            scope = self.scopes[index]
            rows = site.file.rows
            assert not site.file.refused, f"site {index} refused: {site.file.refused}"
            assert not site.file.outbox, f"site {index} kept {site.file.outbox}"
            assert not self.untaken[index], f"site {index}: {self.untaken[index]}"
            mine = {k for k in server if scope == "*" or server[k].region == scope}
            assert set(rows) == mine, f"site {index}: rows {set(rows) ^ mine}"
            for key in mine:
                columns = TABLES[key[0]].data_columns
                theirs, local = server[key], rows[key]
                assert local.stamps == theirs.stamps, (index, key)
                for column in columns:
                    assert local.values.get(column) == theirs.values.get(column), (
                        index,
                        key,
                        column,
                    )
        for (key, column), versions in self.taken.items():
            newest = max(versions)
            stored = server[key]
            assert stored.stamps[column] == newest, (key, column)
            assert stored.values[column] == versions[newest], (key, column)


def test_sites_converge_and_no_write_is_lost():
    started = time.perf_counter()
    COUNTS.update(examples=0, divergent=0)
    ProtocolMachine.TestCase.settings = settings(
        max_examples=int(os.environ.get("PUANTAJ_MACHINE_EXAMPLES", "2000")),
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        ProtocolMachine.TestCase().runTest()
    finally:
        print(
            f"\nprotocol state machine: {COUNTS['examples']} examples,"
            f" {COUNTS['divergent']} divergent final states,"
            f" {time.perf_counter() - started:.1f} s"
        )

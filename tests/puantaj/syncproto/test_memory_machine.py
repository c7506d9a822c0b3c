"""Model-based test of the sync protocol over the in-memory adapter.

Modelled on vdirsyncer's sync tests: 2–4 desktop sites and a server with two
workers run the protocol's rules while a Hypothesis state machine interleaves
local writes (same-key creations, edits of the same and of different columns,
deletes), sync exchanges with page limits of 1–3, lost replies, repeated
requests, runs killed between pages, writes between the pages of one run,
same-millisecond stamps, PC clocks jumping by minutes and days, month locks,
conflict restores, worker restarts, and files put back from an earlier
snapshot or copied.

After a quiescent sync round (every month unlocked) every site must hold what
the server holds in its scope, value and stamp of every column, with nothing
left queued or refused, and no write may be lost (ledger.py).
"""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from puantaj.core.tables import TABLES, natural_id, timesheet_id
from puantaj.syncproto.memory import MemoryServer
from puantaj.syncproto.memory_run import Run
from puantaj.syncproto.memory_site import MemorySite, SiteFile
from tests.puantaj.syncproto.ledger import Ledger, Slot

TOKENS = {"A": "token-a", "B": "token-b", "*": "token-admin"}
MINUTE, DAY = 60_000, 86_400_000
START_MS = 1_780_000_000_000
# rule arguments are drawn far faster than st.data() draws; a site number is
# taken modulo the number of sites, `which` picks among a rule's choices
SITE = st.integers(0, 3)
REGION = st.sampled_from(["A", "A", "B"])  # where an admin's PC writes
LIMIT = st.integers(1, 3)  # the page limit of a run, when it starts
FAULT = st.sampled_from(["", "", "", "lose", "repeat"])
WORKER = st.integers(0, 1)
MONTHS = ("2026-03", "2026-04")
WAITS = (0, 0, 1, 5, 1000, MINUTE + 1, 10 * MINUTE)
JUMPS = (-2 * DAY, -10 * MINUTE, -3 * MINUTE, 3 * MINUTE, 10 * MINUTE, DAY, None)
NEW_EMPLOYEE = {"first_name": "Ad", "last_name": "Soyad", "hire_date": "2025-01-01"}
COUNTS = {"examples": 0, "divergent": 0}


class ProtocolMachine(RuleBasedStateMachine):
    """Sites, a server and a ledger of the writes made."""

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
        self.ledger = Ledger()
        COUNTS["examples"] += 1

    def _new_site(self, scope: str) -> int:
        index = len(self.sites)
        self.made += 1
        site = MemorySite(f"pc-{self.made:02d}", TOKENS[scope], lambda: self.now)
        site.on_restamp = lambda mapping: self.ledger.renamed(index, mapping)
        self.sites.append(site)
        self.scopes.append(scope)
        self.ledger.add_site()
        return index

    @initialize(scopes=st.lists(st.sampled_from("ABA*"), min_size=2, max_size=4))
    def make_sites(self, scopes: list[str]) -> None:
        for scope in scopes:
            self._new_site(scope)

    # local writes

    @rule(
        site=SITE,
        kind=st.sampled_from(["employee", "employee", "cell", "report", "delete"]),
        region=REGION,
        sicil=st.sampled_from(["1", "2"]),
        column=st.sampled_from(["title", "first_name", "last_name"]),
        value=st.sampled_from(["Ali", "Ayşe", "Şef"]),  # equal values are common
        which=st.integers(0, 63),
    )
    def write(self, site, kind, region, sicil, column, value, which) -> None:
        """A clerk's write; `which` picks a day, code, month, status or row."""
        index = site % len(self.sites)
        rows = self.sites[index].file.rows
        if self.scopes[index] != "*":
            region = self.scopes[index]
        employee = natural_id("employees", region, sicil)
        if kind == "employee":
            values = {column: value}
            if ("employees", employee) not in rows:
                values = {**NEW_EMPLOYEE, "sicil_no": sicil, **values}
            self._write(index, "employees", employee, region, values)
        elif kind == "cell" and ("employees", employee) in rows:  # the grid's own
            day = ("2026-03-02", "2026-04-01")[which % 2]
            values = {"employee_id": employee, "work_date": day}
            values["code"] = ("X", "R", None)[which // 2 % 3]
            row_id = timesheet_id(employee, day)
            self._write(index, "timesheets", row_id, region, values)
        elif kind == "report":
            month = MONTHS[which % 2]
            values = {"month": month, "status": ("draft", "submitted")[which // 2 % 2]}
            row_id = natural_id("reports", region, month)
            self._write(index, "reports", row_id, region, values)
        elif kind == "delete" and rows:
            key = sorted(rows)[which % len(rows)]
            values = {"deleted": which // len(rows) % 2}
            self._write(index, *key, rows[key].region, values)

    def _write(self, index: int, table: str, row_id: str, region: str, values):
        stamp, columns = self.sites[index].write(table, row_id, region, values)
        self.ledger.wrote(index, (table, row_id), columns, stamp)
        self.ledger.settle(index, self.sites[index].file.rows)

    # exchanges: two rules of the five, so that runs get far

    @rule(site=SITE, limit=LIMIT, fault=FAULT, worker=WORKER)
    def sync(self, site, limit, fault, worker) -> None:
        """One exchange of the site's run (a new run with page limit `limit`)."""
        index = site % len(self.sites)
        run = self.runs.get(index)
        if run is None:
            run = self.runs[index] = Run(self.sites[index], limit)
        run.step(self.server, fault, self.ledger.replied, worker)
        if run.done:
            del self.runs[index]
        self.ledger.settle(index, self.sites[index].file.rows)

    @rule(site=SITE, limit=LIMIT, fault=FAULT, worker=WORKER)
    def sync_again(self, site, limit, fault, worker) -> None:
        self.sync(site, limit, fault, worker)

    # time, the admin on the server, files

    @rule(
        action=st.sampled_from(
            ["wait", "wait", "jump", "lock", "unlock", "restore_value", "restart"]
            + ["kill", "snapshot", "snapshot", "put_back", "copy"]
        ),
        site=SITE,
        region=st.sampled_from(["A", "B"]),
        which=st.integers(0, 63),
    )
    def incident(self, action, site, region, which) -> None:
        """Time passing, a PC clock set wrong or right, the admin on the server,
        a run killed between exchanges, a backup taken, put back or copied."""
        index = site % len(self.sites)
        if action == "wait":
            self.now += WAITS[which % len(WAITS)]
        elif action == "jump":
            jump = JUMPS[which % len(JUMPS)]
            pc = self.sites[index]
            pc.skew_ms = 0 if jump is None else pc.skew_ms + jump
        elif action in ("lock", "unlock"):
            self._lock(region, MONTHS[which % 2], action == "lock")
        elif action == "restore_value" and self.server.conflicts:
            number = which % len(self.server.conflicts)
            key, row = self.server.restore(number, "admin")
            self.ledger.server_wrote(self.server, key, row)
        elif action == "restart":
            self.server.restart(which % self.server.workers)
        else:
            self._file(action, index, which)

    def _lock(self, region: str, month: str, lock: bool) -> None:
        row = self.server.set_month(region, month, lock, "admin")
        key = ("reports", natural_id("reports", region, month))
        self.ledger.server_wrote(self.server, key, row)

    def _file(self, action: str, index: int, which: int) -> None:
        if action == "kill":
            self.runs.pop(index, None)
        elif action == "snapshot":
            self.ledger.settle(index, self.sites[index].file.rows)
            untaken = dict(self.ledger.untaken[index])
            saved = (index, self.sites[index].snapshot(), untaken)
            self.snapshots = [*self.snapshots[-2:], saved]
        elif self.snapshots:
            source, saved, untaken = self.snapshots[which % len(self.snapshots)]
            if action == "put_back":  # the file becomes a new site
                self.runs.pop(source, None)
                self.made += 1
                self.ledger.put_back(source, untaken)
                self.sites[source].restore(saved, f"pc-{self.made:02d}")
                self.ledger.settle(source, self.sites[source].file.rows)
            elif len(self.sites) < 4:  # the copy becomes a new site
                new = self._new_site(self.scopes[source])
                self.sites[new].restore(saved, self.sites[new].file.site_id)

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
                    run.step(self.server, "", self.ledger.replied)
                    busy = busy or before != (len(site.file.outbox), site.file.cursor)
                self.ledger.settle(index, site.file.rows)
            if not busy:
                return
        raise AssertionError("no quiescence after 6 sync rounds")

    def _check(self) -> None:
        server = self.server.rows
        for index, site in enumerate(self.sites):
            scope, rows = self.scopes[index], site.file.rows
            assert not site.file.refused, f"site {index} refused: {site.file.refused}"
            assert not site.file.outbox, f"site {index} kept {site.file.outbox}"
            mine = {k for k in server if scope in ("*", server[k].region)}
            assert set(rows) == mine, f"site {index}: rows {set(rows) ^ mine}"
            for key in mine:
                theirs, local = server[key], rows[key]
                assert local.stamps == theirs.stamps, (index, key)
                for column in TABLES[key[0]].data_columns:
                    same = local.values.get(column) == theirs.values.get(column)
                    assert same, (index, key, column)
        self.ledger.check(self.server)


def test_sites_converge_and_no_write_is_lost():
    """Prints how many examples ran, how many ended divergent, and the time."""
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

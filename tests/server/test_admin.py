"""The server's own writes (month locks, conflict restores) win over every stamp
the row already holds, in any worker, and each server process is its own site."""

from __future__ import annotations

import re

from puantaj.core.hlc import Stamp
from tests.server.conftest import NOW_MS, LocalServer
from tests.server.helpers import at, body, change, month_report, new_employee, pull_all

LOCK = {"region": "Ankara", "month": "2026-03", "action": "lock", "by": "admin"}


def other_worker(local) -> LocalServer:
    """A second app on the same database whose clock has seen none of its stamps."""
    return LocalServer(local.env, now_ms=lambda: NOW_MS)


def test_lock_wins_over_a_report_a_fast_pc_wrote_in_another_worker(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    fast = month_report("Ankara", "2026-03", "submitted", at("fast-pc", 120_000))
    pushed = local.post("/sync", body([fast], site="fast-pc"), ankara).json()
    assert pushed["accepted"] == 1
    worker = other_worker(local)
    try:
        reply = worker.post("/locks", LOCK, admin)
    finally:
        worker.close()
    assert reply.status_code == 200, reply.text
    assert reply.json()["status"] == "locked"
    assert pull_all(local, admin)[("reports", fast["id"])]["status"] == "locked"


def test_restore_wins_over_a_value_a_fast_pc_wrote_in_another_worker(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-1"))
    local.post("/sync", body([emp], site="pc-1"), ankara).raise_for_status()
    fast = change(
        "employees", emp["id"], "Ankara", at("fast-pc", 120_000), title="Usta"
    )
    slow = change("employees", emp["id"], "Ankara", at("pc-2", 1_000), title="Kalfa")
    local.post("/sync", body([fast], site="fast-pc"), ankara).raise_for_status()
    local.post("/sync", body([slow], site="pc-2"), ankara).raise_for_status()
    (lost,) = [
        c
        for c in local.get("/conflicts", admin).json()["conflicts"]
        if c["value"] == "Kalfa"
    ]
    worker = other_worker(local)
    try:
        reply = worker.post(f"/conflicts/{lost['id']}/restore", {"by": "m"}, admin)
    finally:
        worker.close()
    assert reply.status_code == 200, reply.text
    assert pull_all(local, admin)[("employees", emp["id"])]["title"] == "Kalfa"


def test_each_server_process_stamps_as_its_own_site(local):
    worker = other_worker(local)
    try:
        sites = {
            Stamp.parse(app.get("/health", None).json()["server_time"]).site
            for app in (local, worker)
        }
    finally:
        worker.close()
    assert len(sites) == 2, sites
    assert all(re.fullmatch(r"server-[0-9a-f]{32}", s) for s in sites), sites


def test_a_lock_written_by_the_server_carries_the_servers_own_site(local):
    admin = local.token("*")
    local.token("Ankara")  # a registered region
    local.post("/locks", LOCK, admin).raise_for_status()
    site = Stamp.parse(local.get("/health", None).json()["server_time"]).site
    pulled = local.post("/sync", body([], site="pc-9"), admin).json()["changes"]
    (lock,) = [c for c in pulled if c["table"] == "reports"]
    assert Stamp.parse(lock["hlc"]).site == site


def test_a_conflict_filter_with_a_nul_is_a_400_not_a_database_error(local):
    admin = local.token("*")
    reply = local.get("/conflicts?region=Ank%00ara", admin)
    assert reply.status_code == 400, reply.text
    assert reply.json()["error"] == "malformed"

"""A reply lost after the server took a page: the stamps it carried may have
left the file, so re-stamping must not move them (found with the in-memory
model: the clerk's later edit lost to its earlier one, and the file and the
server stayed different for good)."""

from __future__ import annotations

import pytest

from puantaj.core.tables import natural_id
from puantaj.syncproto.memory import MemoryServer
from puantaj.syncproto.memory_run import Run
from puantaj.syncproto.memory_site import MemorySite
from tests.puantaj.syncproto.conftest import NOW_MS

MINUTE = 60_000
EMPLOYEE = natural_id("employees", "A", "1")
REPORT = natural_id("reports", "A", "2026-03")


def sync(site: MemorySite, server: MemoryServer, limit: int, worker: int = 0):
    run = Run(site, limit)
    while not run.done:
        run.step(server, worker=worker)


@pytest.mark.parametrize("later", ["refused_month", "clock_jump"])
def test_a_write_taken_under_a_lost_reply_is_not_re_stamped_below(later):
    now = [NOW_MS]
    server = MemoryServer(lambda: now[0])
    server.tokens = {"token-a": "A"}
    pc = MemorySite("pc-p", "token-a", lambda: now[0])
    server.set_month("A", "2026-03", True, "admin")
    pc.skew_ms = 3 * MINUTE  # fast, but within what a server takes
    values = {"sicil_no": "1", "first_name": "Ad", "last_name": "Soyad"}
    values.update(hire_date="2025-01-01", title="old")
    pc.write("employees", EMPLOYEE, "A", values)
    Run(pc, 1).step(server, "lose", worker=0)  # taken; the reply never came
    assert server.rows[("employees", EMPLOYEE)].values["title"] == "old"
    now[0] += 10_000
    if later == "refused_month":  # the next page holds only a refused row
        month = {"month": "2026-03", "status": "submitted"}
        pc.write("reports", REPORT, "A", month)
    else:  # the next page is refused as ahead
        pc.skew_ms += 10 * MINUTE
        april = natural_id("reports", "A", "2026-04")
        pc.write("reports", april, "A", {"month": "2026-04", "status": "draft"})
    pc.write("employees", EMPLOYEE, "A", {"title": "new"})
    now[0] += 90_000
    sync(pc, server, 1, worker=1)  # a worker whose clock never saw the page
    server.set_month("A", "2026-03", False, "admin")
    for _ in range(2):
        sync(pc, server, 3, worker=1)
    stored = server.rows[("employees", EMPLOYEE)]
    local = pc.file.rows[("employees", EMPLOYEE)]
    assert (stored.values["title"], local.values["title"]) == ("new", "new")
    assert stored.stamps == local.stamps

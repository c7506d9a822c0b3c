"""Refusals and permissions judged on the row after the merge (syncproto.refusals)."""

from __future__ import annotations

import pytest

from puantaj.core.tables import natural_id, timesheet_id
from puantaj.syncproto.access import Access
from puantaj.syncproto.batch import Batch, decide, group_changes
from puantaj.syncproto.refusals import (
    Judge,
    change_refusal,
    parent_key,
    region_refusal,
)
from puantaj.syncproto.rows import RowState
from tests.puantaj.syncproto.conftest import EMPLOYEE, NOW_MS, at, change, employee

MARCH = ("Ankara", "2026-03")
REPORT = natural_id("reports", "Ankara", "2026-03")


def cell(day: str, **extra) -> RowState:
    values = {"employee_id": EMPLOYEE, "work_date": day, "code": "X", **extra}
    return RowState("timesheets", timesheet_id(EMPLOYEE, day), "Ankara", values)


def report(status: str) -> RowState:
    return RowState("reports", REPORT, "Ankara", {"month": "2026-03", "status": status})


def user(role: str) -> RowState:
    values = {"username": "ayse", "role": role}
    return RowState("users", natural_id("users", "ayse"), "Ankara", values)


def judged(access: Access, before, after, locks=(), parents=None):
    parents = {("employees", EMPLOYEE): "Ankara"} if parents is None else parents
    judge = Judge(access, locks=set(locks), parents=parents)
    return judge.refusal(before, after)


def test_a_clerk_may_not_lock_or_approve_a_month_and_an_admin_may(clerk, admin):
    for status in ("locked", "approved"):
        assert judged(clerk, report("draft"), report(status))[0] == "region_forbidden"
        assert judged(clerk, None, report(status))[0] == "region_forbidden"
        assert judged(admin, report("draft"), report(status)) is None
    assert judged(clerk, report("draft"), report("submitted")) is None


def test_a_clerk_may_not_reopen_an_approved_month(clerk, admin):
    assert judged(clerk, report("approved"), report("draft"))[0] == "region_forbidden"
    assert judged(admin, report("approved"), report("draft")) is None


def test_nothing_of_a_locked_month_report_changes_for_a_clerk(clerk):
    refusal = judged(clerk, report("locked"), report("locked"))
    assert refusal[0] == "period_locked"


def test_a_clerk_may_not_write_into_a_locked_month(clerk, admin):
    refusal = judged(clerk, None, cell("2026-03-02"), locks=[MARCH])
    assert refusal[0] == "period_locked"
    assert judged(admin, None, cell("2026-03-02"), locks=[MARCH]) is None
    assert judged(clerk, None, cell("2026-04-01"), locks=[MARCH]) is None


def test_moving_a_cell_out_of_or_into_a_locked_month_is_refused(clerk):
    out_of = judged(clerk, cell("2026-03-02"), cell("2026-04-01"), locks=[MARCH])
    into = judged(clerk, cell("2026-04-01"), cell("2026-03-02"), locks=[MARCH])
    assert out_of[0] == into[0] == "period_locked"


def test_a_clerk_may_not_create_or_promote_an_admin_user(clerk, admin):
    assert judged(clerk, None, user("admin"))[0] == "region_forbidden"
    assert judged(clerk, user("clerk"), user("admin"))[0] == "region_forbidden"
    assert judged(clerk, None, user("clerk")) is None
    assert judged(admin, None, user("admin")) is None


def test_a_row_missing_a_required_field_is_incomplete(clerk):
    after = employee(at("pc-a"))
    del after.values["hire_date"]
    assert judged(clerk, None, after) == ("invalid_row", "incomplete row: no hire_date")


def test_a_natural_key_is_fixed_once_the_row_exists(clerk):
    before, after = employee(at("pc-a")), employee(at("pc-a"), sicil_no="2")
    assert (
        judged(clerk, before, after)[1]
        == "natural key is fixed: sicil_no cannot change"
    )


def test_a_cell_needs_its_employee_in_its_region(clerk):
    assert judged(clerk, None, cell("2026-04-01"), parents={})[1].startswith("orphan")
    elsewhere = {("employees", EMPLOYEE): "İzmir"}
    assert (
        judged(clerk, None, cell("2026-04-01"), parents=elsewhere)[0] == "invalid_row"
    )
    judge = Judge(clerk, refused={("employees", EMPLOYEE): ("clock_ahead", "ahead")})
    assert judge.refusal(None, cell("2026-04-01"))[0] == "clock_ahead"
    assert parent_key("timesheets", cell("2026-04-01").values) == (
        "employees",
        EMPLOYEE,
    )
    assert parent_key("employees", {}) is None


def test_a_region_is_fixed_and_a_clerk_is_not_told_where_a_row_is(clerk, admin):
    stored = employee(at("pc-a"))
    assert region_refusal(clerk, stored, "Ankara") is None
    assert "outside your region" in region_refusal(clerk, stored, "İzmir")[1]
    assert "Ankara" in region_refusal(admin, stored, "İzmir")[1]


def test_changes_are_refused_at_the_door_out_of_scope_ahead_or_of_two_regions(clerk):
    mine = change("employees", EMPLOYEE, at("pc-a"), title="x")
    other = change("employees", EMPLOYEE, at("pc-a"), region="İzmir", title="x")
    ahead = change("employees", EMPLOYEE, at("pc-a", 6 * 60_000), title="x")
    limit = NOW_MS + 5 * 60_000
    assert change_refusal(clerk, mine, "Ankara", limit) is None
    assert change_refusal(clerk, other, "İzmir", limit)[0] == "region_forbidden"
    assert change_refusal(clerk, ahead, "Ankara", limit)[0] == "clock_ahead"
    assert change_refusal(clerk, ahead, "Ankara", None) is None  # the server's own
    assert change_refusal(Access("*"), other, "Ankara", limit)[0] == "invalid_row"


@pytest.mark.parametrize("bad", ["employee", "cell"])
def test_a_refused_row_has_every_change_of_the_batch_refused(clerk, bad):
    emp = change("employees", EMPLOYEE, at("pc-a"), **employee(at("pc-a")).values)
    made = cell("2026-03-02")
    cells = [
        change("timesheets", made.id, at("pc-a"), **made.values),
        change("timesheets", made.id, at("pc-a", 10), code="R"),
    ]
    if bad == "employee":
        emp = change("employees", EMPLOYEE, at("pc-a", 10 * 60_000), title="x")
    batch = Batch(clerk, "pc-a")
    raw = [c.to_wire() for c in (*cells, emp)]
    group_changes(batch, raw, NOW_MS + 5 * 60_000)
    judge = Judge(clerk, locks={MARCH} if bad == "cell" else set())
    decide(batch, judge)
    refused = sorted((r["table"], r["reason"]) for r in batch.result.rejected)
    if bad == "employee":  # its cells wait with it
        assert (
            refused
            == [("employees", "clock_ahead")] + [("timesheets", "clock_ahead")] * 2
        )
    else:
        assert refused == [("timesheets", "period_locked")] * 2
        assert batch.result.accepted == 1
    assert not any(s.table == "timesheets" for s in batch.dirty)

"""Refusals judge the row as it will stand after the merge, and a refused row has
all of its changes in the batch refused: the server never holds half a row."""

from __future__ import annotations

from puantaj.core.tables import natural_id, timesheet_id
from tests.server.helpers import (
    at,
    body,
    change,
    month_report,
    new_cell,
    new_employee,
    pull_all,
)

MARCH_LOCK = {"region": "Ankara", "month": "2026-03", "action": "lock", "by": "a"}


def reasons(data: dict) -> list[str]:
    return sorted(r["reason"] for r in data["rejected"])


def test_a_cell_made_offline_in_a_month_locked_since_leaves_no_half_row(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-1"))
    local.post("/sync", body([emp], site="pc-1"), ankara).raise_for_status()
    local.post("/locks", MARCH_LOCK, admin).raise_for_status()
    # typed offline before the lock, corrected later: two stamp groups
    made = new_cell("Ankara", emp["id"], "2026-03-02", at("pc-1", 10), code="X")
    fixed = change("timesheets", made["id"], "Ankara", at("pc-1", 20), code="R")
    data = local.post("/sync", body([made, fixed], site="pc-1"), ankara).json()
    assert (data["accepted"], reasons(data)) == (0, ["period_locked"] * 2)
    assert ("timesheets", made["id"]) not in pull_all(local, admin)


def test_cells_of_an_employee_refused_in_the_same_batch_are_refused(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    bad = new_employee("Ankara", "1", at("pc-1"), tc_no="12345678901")
    cells = [
        new_cell("Ankara", bad["id"], f"2026-04-0{d}", at("pc-1"), code="X")
        for d in (1, 2)
    ]
    data = local.post("/sync", body([bad, *cells], site="pc-1"), ankara).json()
    assert (data["accepted"], reasons(data)) == (0, ["invalid_row"] * 3)
    details = [r["detail"] for r in data["rejected"] if r["table"] == "timesheets"]
    assert len(details) == 2
    assert all("employees row was refused" in d and "tc_no" in d for d in details)
    assert pull_all(local, admin) == {}


def test_cells_of_an_employee_stamped_ahead_wait_with_it(local):
    """The cells take their employee's reason: a desktop re-sends a clock_ahead
    row, and its cells come back with it instead of staying refused."""
    ankara = local.token("Ankara")
    ahead = new_employee("Ankara", "1", at("pc-1", 3_600_000))
    cell = new_cell("Ankara", ahead["id"], "2026-04-01", at("pc-1"), code="X")
    data = local.post("/sync", body([cell, ahead], site="pc-1"), ankara).json()
    assert (data["accepted"], reasons(data)) == (0, ["clock_ahead"] * 2)
    again = {**ahead, "hlc": at("pc-1", 10)}
    data = local.post("/sync", body([cell, again], site="pc-1"), ankara).json()
    assert (data["accepted"], data["rejected"]) == (2, [])


def test_a_cell_whose_employee_the_server_does_not_have_is_an_orphan(local):
    ankara = local.token("Ankara")
    ghost = natural_id("employees", "Ankara", "404")
    orphan = new_cell("Ankara", ghost, "2026-04-01", at("pc-1"), code="X")
    data = local.post("/sync", body([orphan]), ankara).json()
    assert reasons(data) == ["invalid_row"]
    assert "orphan" in data["rejected"][0]["detail"]
    # its employee in the same batch, or already on the server, makes it whole
    emp = new_employee("Ankara", "404", at("pc-1"))
    both = local.post("/sync", body([orphan, emp]), ankara).json()
    assert (both["accepted"], both["rejected"]) == (2, [])
    later = new_cell("Ankara", ghost, "2026-04-02", at("pc-1", 5), code="X")
    assert local.post("/sync", body([later]), ankara).json()["accepted"] == 1


def test_a_cell_may_not_point_at_another_regions_employee(local):
    izmir, ankara = local.token("İzmir"), local.token("Ankara")
    theirs = new_employee("İzmir", "1", at("pc-i"))
    local.post("/sync", body([theirs], site="pc-i"), izmir).raise_for_status()
    cell = new_cell("Ankara", theirs["id"], "2026-04-01", at("pc-1"), code="X")
    data = local.post("/sync", body([cell]), ankara).json()
    assert reasons(data) == ["invalid_row"]
    assert "İzmir" not in data["rejected"][0]["detail"]


def test_a_title_edit_of_an_employee_the_server_lacks_is_an_incomplete_row(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp_id = natural_id("employees", "Ankara", "7")
    title = change("employees", emp_id, "Ankara", at("pc-1"), title="Usta")
    data = local.post("/sync", body([title]), ankara).json()
    assert reasons(data) == ["invalid_row"]
    assert "incomplete row" in data["rejected"][0]["detail"]
    assert pull_all(local, admin) == {}


def test_a_row_sent_in_several_stamp_groups_is_judged_whole(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-1"))
    title = change("employees", emp["id"], "Ankara", at("pc-1", 5), title="Usta")
    data = local.post("/sync", body([title, emp]), ankara).json()
    assert (data["accepted"], data["rejected"]) == (2, [])
    assert pull_all(local, admin)[("employees", emp["id"])]["title"] == "Usta"


def test_one_bad_change_refuses_every_change_of_its_row(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-1"))
    bad = change("employees", emp["id"], "Ankara", at("pc-1", 5), tc_no="1")
    data = local.post("/sync", body([emp, bad]), ankara).json()
    assert (data["accepted"], reasons(data)) == (0, ["invalid_row"] * 2)
    assert pull_all(local, admin) == {}
    # the same for a change stamped too far ahead: its whole row waits
    ahead = change("employees", emp["id"], "Ankara", at("pc-1", 3_600_000), title="T")
    data = local.post("/sync", body([emp, ahead]), ankara).json()
    assert reasons(data) == ["clock_ahead"] * 2


def test_a_clerk_cannot_move_an_approved_month_back(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    approved = month_report("Ankara", "2026-03", "approved", at("hq"))
    local.post("/sync", body([approved], site="hq"), admin).raise_for_status()
    for status in ("draft", "submitted"):
        back = month_report("Ankara", "2026-03", status, at("pc-1", 10))
        data = local.post("/sync", body([back], site="pc-1"), ankara).json()
        assert reasons(data) == ["region_forbidden"], status
    rows = pull_all(local, admin)
    assert rows[("reports", approved["id"])]["status"] == "approved"


def test_a_clerk_may_submit_and_withdraw_but_only_an_admin_approves(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    steps = [("submitted", ankara, 0), ("draft", ankara, 10), ("submitted", ankara, 20)]
    for status, token, offset in steps:
        report = month_report("Ankara", "2026-04", status, at("pc-1", offset))
        data = local.post("/sync", body([report], site="pc-1"), token).json()
        assert (data["accepted"], data["rejected"]) == (1, []), status
    for status in ("approved", "locked"):
        report = month_report("Ankara", "2026-04", status, at("pc-1", 30))
        data = local.post("/sync", body([report], site="pc-1"), ankara).json()
        assert reasons(data) == ["region_forbidden"], status
    report = month_report("Ankara", "2026-04", "approved", at("hq", 40))
    assert local.post("/sync", body([report], site="hq"), admin).json()["accepted"]


def test_moving_a_cell_out_of_a_locked_month_is_refused(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-1"))
    cell = new_cell("Ankara", emp["id"], "2026-03-02", at("pc-1"), code="X")
    local.post("/sync", body([emp, cell], site="pc-1"), ankara).raise_for_status()
    local.post("/locks", MARCH_LOCK, admin).raise_for_status()
    moved = change(
        "timesheets", cell["id"], "Ankara", at("pc-1", 10), work_date="2026-04-02"
    )
    data = local.post("/sync", body([moved], site="pc-1"), ankara).json()
    assert reasons(data) == ["period_locked"]
    assert pull_all(local, admin)[("timesheets", cell["id"])]["work_date"] == (
        "2026-03-02"
    )


def test_a_clerks_token_cannot_lock_write_a_locked_month_or_make_admins(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    assert local.post("/locks", MARCH_LOCK, ankara).status_code == 403
    lock = month_report("Ankara", "2026-03", "locked", at("pc-1"))
    data = local.post("/sync", body([lock], site="pc-1"), ankara).json()
    assert reasons(data) == ["region_forbidden"]
    boss = change(
        "users",
        natural_id("users", "boss"),
        "Ankara",
        at("pc-1"),
        username="boss",
        role="admin",
        deleted=0,
    )
    assert reasons(local.post("/sync", body([boss]), ankara).json()) == [
        "region_forbidden"
    ]
    emp = new_employee("Ankara", "1", at("pc-1"))
    local.post("/sync", body([emp], site="pc-1"), ankara).raise_for_status()
    local.post("/locks", MARCH_LOCK, admin).raise_for_status()
    cell = new_cell("Ankara", emp["id"], "2026-03-03", at("pc-1", 5), code="X")
    assert reasons(local.post("/sync", body([cell]), ankara).json()) == [
        "period_locked"
    ]
    assert set(pull_all(local, admin)) == {
        ("employees", emp["id"]),
        ("reports", natural_id("reports", "Ankara", "2026-03")),
    }


def test_a_refusal_never_tells_a_clerk_about_another_regions_row(local):
    izmir, ankara = local.token("İzmir"), local.token("Ankara")
    user_id = natural_id("users", "ali")
    theirs = change(
        "users",
        user_id,
        "İzmir",
        at("pc-i"),
        username="ali",
        full_name="Ali Veli 12345678901",
        role="clerk",
        deleted=0,
    )
    local.post("/sync", body([theirs], site="pc-i"), izmir).raise_for_status()
    mine = {**theirs, "region": "Ankara", "hlc": at("pc-1")}
    data = local.post("/sync", body([mine], site="pc-1"), ankara).json()
    (refused,) = data["rejected"]
    assert "İzmir" not in refused["detail"] and "Ali Veli" not in refused["detail"]


def test_a_timesheet_id_must_be_its_natural_key(local):
    """A cell's id is uuid5(employee_id + work_date): an admin rewriting the key
    columns of an existing cell would make two ids for one day."""
    admin = local.token("*")
    emp = new_employee("Ankara", "1", at("hq"))
    cell = new_cell("Ankara", emp["id"], "2026-04-02", at("hq"), code="X")
    local.post("/sync", body([emp, cell], site="hq"), admin).raise_for_status()
    moved = change(
        "timesheets", cell["id"], "Ankara", at("hq", 10), work_date="2026-04-03"
    )
    data = local.post("/sync", body([moved], site="hq"), admin).json()
    assert reasons(data) == ["invalid_row"]
    assert timesheet_id(emp["id"], "2026-04-02") == cell["id"]

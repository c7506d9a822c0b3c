"""The conflict history holds a value only when it really lost, once."""

from __future__ import annotations

from tests.server.helpers import at, body, change, new_employee, pull_all


def history(local, admin: str, column: str) -> list[tuple[str, str, object]]:
    return sorted(
        (c["kind"], c["value_hlc"], c["value"])
        for c in local.get("/conflicts", admin).json()["conflicts"]
        if c["column_name"] == column
    )


def test_resent_stamp_groups_of_edits_to_different_fields_add_no_losses(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    a1 = at("pc-a", 0)
    emp = new_employee("Ankara", "1", a1, title="Usta")
    local.post("/sync", body([emp], site="pc-a"), ankara).raise_for_status()
    # pc-b pulled the row and renamed the title; it re-sends pc-a's group as is
    b2 = at("pc-b", 10)
    rest = {k: v for k, v in emp["row"].items() if k != "title"}
    pc_b = [
        change("employees", emp["id"], "Ankara", a1, **rest),
        change("employees", emp["id"], "Ankara", b2, title="Şef"),
    ]
    local.post("/sync", body(pc_b, site="pc-b"), ankara).raise_for_status()
    assert history(local, admin, "title") == [("overwritten", a1, "Usta")]
    # pc-a, not having pulled, edits the first name: it re-sends its old title
    a3 = at("pc-a", 20)
    rest_a = {k: v for k, v in emp["row"].items() if k != "first_name"}
    pc_a = [
        change("employees", emp["id"], "Ankara", a1, **rest_a),
        change("employees", emp["id"], "Ankara", a3, first_name="Ayşe"),
    ]
    local.post("/sync", body(pc_a, site="pc-a"), ankara).raise_for_status()
    # pc-c pulled the first version only and edits the last name
    c4 = at("pc-c", 30)
    rest_c = {k: v for k, v in emp["row"].items() if k != "last_name"}
    pc_c = [
        change("employees", emp["id"], "Ankara", a1, **rest_c),
        change("employees", emp["id"], "Ankara", c4, last_name="Kaya"),
    ]
    local.post("/sync", body(pc_c, site="pc-c"), ankara).raise_for_status()
    assert history(local, admin, "title") == [("overwritten", a1, "Usta")]
    assert history(local, admin, "first_name") == []
    row = pull_all(local, admin)[("employees", emp["id"])]
    assert (row["title"], row["first_name"], row["last_name"]) == (
        "Şef",
        "Ayşe",
        "Kaya",
    )


def test_a_late_loser_is_recorded_once_however_often_it_is_resent(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-a"))
    local.post("/sync", body([emp], site="pc-a"), ankara).raise_for_status()
    newer = change("employees", emp["id"], "Ankara", at("pc-b", 20), title="Şef")
    local.post("/sync", body([newer], site="pc-b"), ankara).raise_for_status()
    late = change("employees", emp["id"], "Ankara", at("pc-a", 10), title="Usta")
    for _ in range(3):  # the same change in new pages (new batch ids)
        local.post("/sync", body([late], site="pc-a"), ankara).raise_for_status()
    assert history(local, admin, "title") == [("lost", late["hlc"], "Usta")]


def test_no_entry_for_equal_values_or_a_site_overwriting_itself(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    emp = new_employee("Ankara", "1", at("pc-a"), title="Usta")
    local.post("/sync", body([emp], site="pc-a"), ankara).raise_for_status()
    same = change("employees", emp["id"], "Ankara", at("pc-b", 10), title="Usta")
    own = change("employees", emp["id"], "Ankara", at("pc-b", 20), title="Şef")
    old_same = change("employees", emp["id"], "Ankara", at("pc-c", 5), title="Şef")
    for item, site in ((same, "pc-b"), (own, "pc-b"), (old_same, "pc-c")):
        local.post("/sync", body([item], site=site), ankara).raise_for_status()
    assert history(local, admin, "title") == []


def test_equal_milliseconds_and_counter_are_decided_by_site_id(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    for order in (("pc-a", "pc-b"), ("pc-b", "pc-a")):
        sicil = "".join(order)
        emp = new_employee("Ankara", sicil, at("pc-0"))
        local.post("/sync", body([emp], site="pc-0"), ankara).raise_for_status()
        for site in order:
            edit = change("employees", emp["id"], "Ankara", at(site, 7, 3), title=site)
            local.post("/sync", body([edit], site=site), ankara).raise_for_status()
        assert pull_all(local, admin)[("employees", emp["id"])]["title"] == "pc-b"

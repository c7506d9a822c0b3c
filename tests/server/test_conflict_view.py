"""/conflicts says who wrote each value, when and from which PC; /status names
each PC (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from puantaj.core.hlc import Stamp
from tests.server.helpers import at, body, change, new_employee


def _token(local, scope: str, label: str) -> str:
    from server import auth

    with local.context.write() as conn:
        return auth.create_token(conn, local.context.tables, scope, label)


def _iso(stamp: str) -> str:
    ms = Stamp.parse(stamp).ms
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).isoformat(timespec="seconds")


def test_each_kept_value_says_who_wrote_it_when_and_from_which_pc(local):
    pc1 = _token(local, "Ankara", "ankara-pc1")
    pc2 = _token(local, "Ankara", "ankara-pc2")
    admin = local.token("*")
    a1, b2, a3 = at("pc-a", 0), at("pc-b", 10), at("pc-a", 20)
    emp = new_employee("Ankara", "1", a1, title="Usta", updated_by="ayse")
    row = emp["id"]
    pushes = (
        (emp, "pc-a", pc1),
        (
            change("employees", row, "Ankara", b2, title="Şef", updated_by="mehmet"),
            "pc-b",
            pc2,
        ),
        # pc-a had pulled mehmet's name: its change names ayse again
        (
            change("employees", row, "Ankara", a3, title="Kalfa", updated_by="ayse"),
            "pc-a",
            pc1,
        ),
    )
    for item, site, token in pushes:
        local.post("/sync", body([item], site=site), token).raise_for_status()
    kept = {
        c["value"]: c
        for c in local.get("/conflicts", admin).json()["conflicts"]
        if c["column_name"] == "title"
    }
    assert set(kept) == {"Usta", "Şef"}
    pc_a = {"region": "Ankara", "label": "ankara-pc1"}
    pc_b = {"region": "Ankara", "label": "ankara-pc2"}
    usta, sef = kept["Usta"], kept["Şef"]
    assert (usta["value_by"], usta["value_at"], usta["value_site"]) == (
        "ayse",
        _iso(a1),
        pc_a,
    )
    assert (usta["winner_by"], usta["winner_site"]) == ("mehmet", pc_b)
    assert (sef["value_by"], sef["value_site"]) == ("mehmet", pc_b)
    assert (sef["winner_by"], sef["winner_at"], sef["winner_site"]) == (
        "ayse",
        _iso(a3),
        pc_a,
    )
    sites = local.get("/status", admin).json()["regions"]["Ankara"]["sites"]
    assert sorted(s["label"] for s in sites) == ["ankara-pc1", "ankara-pc2"]


def test_a_change_that_left_the_user_as_it_was_is_that_pcs_user(local):
    pc1 = _token(local, "Ankara", "ankara-pc1")
    pc2 = _token(local, "Ankara", "ankara-pc2")
    admin = local.token("*")
    a1, b2, a3 = at("pc-a", 0), at("pc-b", 10), at("pc-a", 20)
    emp = new_employee("Ankara", "1", a1, title="Usta", updated_by="ayse")
    row = emp["id"]
    local.post("/sync", body([emp], site="pc-a"), pc1).raise_for_status()
    newer = change("employees", row, "Ankara", b2, first_name="Ali", updated_by="ali")
    local.post("/sync", body([newer], site="pc-b"), pc2).raise_for_status()
    # pc-a has not pulled: its user is still ayse, so the change does not name her
    late = change("employees", row, "Ankara", a3, first_name="Veli")
    local.post("/sync", body([late], site="pc-a"), pc1).raise_for_status()
    kept = {
        c["value"]: c
        for c in local.get("/conflicts", admin).json()["conflicts"]
        if c["column_name"] == "first_name"
    }
    ali = kept["Ali"]
    assert (ali["winner"], ali["value_by"], ali["winner_by"]) == ("Veli", "ali", "ayse")
    assert ali["winner_site"]["label"] == "ankara-pc1"
    assert (kept["Ad"]["value_by"], kept["Ad"]["winner_by"]) == ("ayse", "ali")

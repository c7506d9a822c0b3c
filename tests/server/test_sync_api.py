"""The wire contract over real HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import gzip
import json

import requests

from puantaj.core.tables import natural_id
from server import storage
from tests.server.helpers import (
    at,
    body,
    cell,
    employee,
    new_employee,
    pull_all,
    stamp,
)


def test_health_reports_database_schema_and_time(server):
    data = server.get("/health", None).json()
    assert data["status"] == "ok" and data["database"] == "ok"
    assert data["schema_version"] == int(storage.head_revision())
    assert ":server-" in data["server_time"]
    assert isinstance(data["server_ms"], int)


def test_push_then_pull_round_trip_and_idempotent_batch(server):
    ankara = server.env.token("Ankara")
    batch = body(
        [
            employee("Ankara", "1", first_name="Ayşe"),
            employee("Ankara", "2", first_name="İsmail"),
        ],
        batch_id="batch-1",
    )
    first = server.post("/sync", batch, ankara).json()
    assert (first["accepted"], first["rejected"], first["scope"]) == (2, [], "Ankara")
    assert first["more"] is False and first["cursor"]
    own = server.post("/sync", body([], cursor=first["cursor"]), ankara).json()
    assert own["changes"] == []  # a site is not sent its own writes back
    seen = server.post(
        "/sync", body([], site="pc-2", cursor=first["cursor"]), ankara
    ).json()
    assert len(seen["changes"]) == 2
    again = server.post("/sync", batch, ankara).json()
    assert again["accepted"] == 2
    rows = pull_all(server, ankara)
    assert sorted(r["first_name"] for r in rows.values()) == ["Ayşe", "İsmail"]
    # the repeat moved nothing: nothing new after the cursor that had seen the batch
    after = server.post(
        "/sync", body([], site="pc-2", cursor=seen["cursor"]), ankara
    ).json()
    assert after["changes"] == []


def test_own_edit_is_never_sent_back_but_an_unseen_version_is(server):
    ankara = server.env.token("Ankara")
    created = server.post("/sync", body([employee("Ankara", "1")], site="pc-1"), ankara)
    # pc-2 has seen the row, then edits it: nothing comes back to it
    seen = server.post("/sync", body([], site="pc-2"), ankara).json()
    assert len(seen["changes"]) == 1 and created.ok
    edit = employee("Ankara", "1", site="pc-2", title="Usta")
    edit["row"] = {"title": "Usta"}
    mine = server.post(
        "/sync", body([edit], site="pc-2", cursor=seen["cursor"]), ankara
    ).json()
    quiet = server.post(
        "/sync", body([], site="pc-2", cursor=mine["cursor"]), ankara
    ).json()
    # the row comes back without pc-2's own column: the cursor having passed
    # the version pc-2 wrote over does not prove pc-2 holds it (issue 10 #11)
    assert quiet["changes"] and not any(
        c["hlc"].endswith(":pc-2") for c in quiet["changes"]
    )
    # pc-1 wrote first_name again and pc-2 edits before seeing it: on pc-2's next
    # pull the row comes with pc-1's column (not pc-2's own)
    server.post(
        "/sync",
        body([employee("Ankara", "1", site="pc-1", first_name="Yeni")], site="pc-1"),
        ankara,
    )
    blind = employee("Ankara", "1", site="pc-2", offset_ms=5)
    blind["row"] = {"title": "Şef"}
    server.post("/sync", body([blind], site="pc-2", cursor=quiet["cursor"]), ankara)
    back = server.post(
        "/sync", body([], site="pc-2", cursor=quiet["cursor"]), ankara
    ).json()
    (change,) = [c for c in back["changes"] if "first_name" in c["row"]]
    assert change["row"]["first_name"] == "Yeni"
    assert all("title" not in c["row"] for c in back["changes"])


def test_refusals_are_per_change_and_never_abort_the_rest(server):
    ankara = server.env.token("Ankara")
    bad_table = {**employee("Ankara", "3"), "table": "salaries"}
    bad_tc = employee("Ankara", "4", tc_no="12345678901")
    spoof = employee("İzmir", "5")
    ahead = employee("Ankara", "6", offset_ms=3_600_000)
    good = employee("Ankara", "7")
    data = server.post(
        "/sync", body([bad_table, bad_tc, spoof, ahead, good]), ankara
    ).json()
    assert data["accepted"] == 1
    reasons = {r["reason"] for r in data["rejected"]}
    assert reasons == {
        "unknown_table",
        "invalid_row",
        "region_forbidden",
        "clock_ahead",
    }
    assert any("tc_no" in r["detail"] for r in data["rejected"])
    assert list(pull_all(server, ankara)) == [("employees", good["id"])]


def test_region_tokens_never_see_or_touch_other_regions(server):
    ankara, izmir = server.env.token("Ankara"), server.env.token("İzmir")
    server.post("/sync", body([employee("Ankara", "1")]), ankara).raise_for_status()
    server.post("/sync", body([employee("İzmir", "1")], site="site-i"), izmir)
    assert {r["region"] for r in pull_all(server, ankara).values()} == {"Ankara"}
    # claiming the İzmir row's id under Ankara's region does not move it
    hijack = employee("İzmir", "1")
    hijack["region"] = "Ankara"
    data = server.post("/sync", body([hijack]), ankara).json()
    assert data["rejected"][0]["reason"] == "invalid_row"
    # saying you are another region in the request is refused outright
    wrong = {**body([]), "region": "İzmir"}
    reply = server.post("/sync", wrong, ankara)
    assert reply.status_code == 403 and reply.json()["error"] == "forbidden"
    admin = server.env.token("*")
    assert {r["region"] for r in pull_all(server, admin).values()} == {
        "Ankara",
        "İzmir",
    }


def test_same_field_newer_wins_loser_kept_and_restorable(server):
    ankara, admin = server.env.token("Ankara"), server.env.token("*")
    emp_id = natural_id("employees", "Ankara", "1")
    server.post(
        "/sync",
        body([employee("Ankara", "1", site="pc-1", title="Usta")], site="pc-1"),
        ankara,
    )
    older = employee("Ankara", "1", site="pc-2", offset_ms=-60_000)
    older["row"] = {"title": "Kalfa", "last_name": "Yeni"}
    newer_other_field = {
        "table": "employees",
        "id": emp_id,
        "region": "Ankara",
        "hlc": stamp("pc-2", 1),
        "row": {"phone_note": 1},
    }
    del newer_other_field  # (only real columns travel)
    data = server.post("/sync", body([older], site="pc-2"), ankara).json()
    assert data["accepted"] == 1
    row = pull_all(server, ankara)[("employees", emp_id)]
    assert row["title"] == "Usta"  # newer stamp kept its value
    kept = server.get("/conflicts", admin).json()["conflicts"]
    lost = [c for c in kept if c["column_name"] == "title"]
    assert lost and lost[0]["value"] == "Kalfa" and lost[0]["kind"] == "lost"
    assert lost[0]["site_id"] == "pc-2"
    # the clerk's region token cannot restore; the admin can
    assert (
        server.post(f"/conflicts/{lost[0]['id']}/restore", None, ankara).status_code
        == 403
    )
    restored = server.post(
        f"/conflicts/{lost[0]['id']}/restore", {"by": "mehmet"}, admin
    )
    assert restored.status_code == 200, restored.text
    assert pull_all(server, ankara)[("employees", emp_id)]["title"] == "Kalfa"
    history = server.get("/conflicts", admin).json()["conflicts"]
    assert any(c["value"] == "Usta" and c["kind"] == "overwritten" for c in history)


def test_locked_month_refuses_region_timesheets_but_not_admin(server):
    ankara, admin = server.env.token("Ankara"), server.env.token("*")
    emp = employee("Ankara", "1")
    server.post("/sync", body([emp]), ankara)
    lock = server.post(
        "/locks",
        {"region": "Ankara", "month": "2026-03", "action": "lock", "by": "admin"},
        admin,
    )
    assert lock.status_code == 200, lock.text
    assert (
        server.post(
            "/locks", {"region": "Ankara", "month": "2026-03", "action": "lock"}, ankara
        ).status_code
        == 403
    )
    data = server.post(
        "/sync",
        body(
            [
                cell("Ankara", emp["id"], "2026-03-02", "X"),
                cell("Ankara", emp["id"], "2026-04-01", "X"),
            ]
        ),
        ankara,
    ).json()
    assert data["accepted"] == 1
    assert [r["reason"] for r in data["rejected"]] == ["period_locked"]
    by_admin = server.post(
        "/sync", body([cell("Ankara", emp["id"], "2026-03-03", "R")], site="hq"), admin
    ).json()
    assert by_admin["accepted"] == 1
    no_reason = server.post(
        "/locks", {"region": "Ankara", "month": "2026-03", "action": "unlock"}, admin
    )
    assert no_reason.status_code == 400
    server.post(
        "/locks",
        {
            "region": "Ankara",
            "month": "2026-03",
            "action": "unlock",
            "reason": "bordro düzeltmesi",
        },
        admin,
    ).raise_for_status()
    again = server.post(
        "/sync", body([cell("Ankara", emp["id"], "2026-03-02", "X")]), ankara
    ).json()
    assert again["accepted"] == 1 and again["rejected"] == []


def test_cursor_pages_until_more_is_false(server):
    ankara = server.env.token("Ankara")
    server.post("/sync", body([employee("Ankara", str(i)) for i in range(25)]), ankara)
    seen, cursor, pages = set(), "", 0
    while True:
        data = server.post(
            "/sync", body([], site="pc-2", cursor=cursor, limit=10), ankara
        ).json()
        pages += 1
        seen |= {c["id"] for c in data["changes"]}
        cursor = data["cursor"]
        if not data["more"]:
            break
    assert len(seen) == 25 and pages == 3


def test_gzip_both_ways(server):
    ankara = server.env.token("Ankara")
    server.post(
        "/sync",
        body(
            [employee("Ankara", f"a{i}", site="pc-0") for i in range(50)], site="pc-0"
        ),
        ankara,
    )
    payload = json.dumps(body([employee("Ankara", str(i)) for i in range(50)])).encode()
    reply = requests.post(
        server.url + "/sync",
        data=gzip.compress(payload),
        timeout=30,
        headers={
            "Authorization": f"Bearer {ankara}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Accept-Encoding": "gzip",
        },
    )
    assert reply.status_code == 200
    assert reply.headers["Content-Encoding"] == "gzip"
    data = reply.json()  # requests inflates it
    assert data["accepted"] == 50 and len(data["changes"]) == 50


def test_errors_are_json_with_the_right_status(server):
    ankara = server.env.token("Ankara")
    auth = {"Authorization": f"Bearer {ankara}"}
    cases = [
        (requests.post(server.url + "/sync", data="x", headers=auth, timeout=10), 415),
        (
            requests.post(
                server.url + "/sync",
                data="{",
                timeout=10,
                headers={**auth, "Content-Type": "application/json"},
            ),
            400,
        ),
        (server.post("/sync", {"protocol": 2, "site_id": "a"}, ankara), 400),
        (server.post("/sync", [1, 2], ankara), 400),
        (server.post("/sync", {**body([]), "cursor": "v1:xyz"}, ankara), 400),
        (server.post("/sync", body([]), None), 401),
        (server.post("/sync", body([]), "not-a-token"), 401),
        (
            requests.post(
                server.url + "/sync",
                data=gzip.compress(b"{" * 10),
                timeout=10,
                headers={
                    **auth,
                    "Content-Type": "application/json",
                    "Content-Encoding": "gzip",
                },
            ),
            400,
        ),
        (server.get("/nowhere", ankara), 404),
    ]
    for reply, status in cases:
        assert reply.status_code == status, reply.text
        assert set(reply.json()) == {"error", "detail"}


def test_repeated_bad_tokens_from_one_address_get_429(server):
    codes = [
        server.post("/sync", body([]), f"wrong-{i}").status_code for i in range(25)
    ]
    assert codes[0] == 401 and codes[-1] == 429
    assert server.get("/health", None).status_code == 200


def test_status_shows_sites_counts_conflicts_and_refusals(server):
    ankara, admin = server.env.token("Ankara"), server.env.token("*")
    server.post(
        "/sync",
        {
            **body([employee("Ankara", "1"), employee("İzmir", "1")], site="pc-ank"),
            "pending": 7,
        },
        ankara,
    )
    status = server.get("/status", ankara).json()
    assert status["scope"] == "Ankara" and list(status["regions"]) == ["Ankara"]
    region = status["regions"]["Ankara"]
    assert region["rows"] == {"employees": 1}
    assert region["rejected"] == 1
    assert region["sites"][0]["site_id"] == "pc-ank"
    assert region["sites"][0]["last_sync_at"]
    assert region["sites"][0]["pending"] == 7  # what that PC still has to send
    assert "Ankara" in server.get("/status", admin).json()["regions"]


def test_download_opens_with_the_sqlite3_shell_and_holds_the_scope(server, tmp_path):
    import subprocess

    ankara, admin = server.env.token("Ankara"), server.env.token("*")
    server.post("/sync", body([employee("Ankara", "1", first_name="Ayşe")]), ankara)
    server.post("/sync", body([employee("İzmir", "2")], site="hq"), admin)
    for token, expected in ((ankara, "Ankara|1"), (admin, "Ankara|1\nİzmir|1")):
        reply = server.get("/sync/download", token)
        assert reply.status_code == 200
        path = tmp_path / "dl.db"
        path.write_bytes(reply.content)
        out = subprocess.run(
            [
                "sqlite3",
                str(path),
                "SELECT region, count(*) FROM employees GROUP BY region"
                " ORDER BY region; PRAGMA integrity_check;",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.strip() == expected + "\nok"


def test_a_nul_or_control_character_is_refused_and_the_next_sync_works(local):
    ankara, admin = local.token("Ankara"), local.token("*")
    nul = new_employee("Ankara", "1", at("pc-1"), title="Us\x00ta")
    weird_table = {**new_employee("Ankara", "2", at("pc-1")), "table": "x\x00y"}
    reply = local.post("/sync", body([nul, weird_table]), ankara)
    assert reply.status_code == 200, reply.text
    assert sorted(r["reason"] for r in reply.json()["rejected"]) == [
        "invalid_row",
        "unknown_table",
    ]
    ok = new_employee("Ankara", "3", at("pc-1"), title="")
    again = local.post("/sync", body([ok]), ankara)
    assert again.status_code == 200 and again.json()["accepted"] == 1
    # an empty title is kept as sent, not turned into NULL
    assert pull_all(local, admin)[("employees", ok["id"])]["title"] == ""
    assert local.get("/status", admin).status_code == 200


def test_the_cursor_never_moves_backwards(local):
    ankara = local.token("Ankara")
    local.post("/sync", body([new_employee("Ankara", "1", at("pc-1"))]), ankara)
    ahead = local.post("/sync", body([], site="pc-2", cursor="v1:999"), ankara).json()
    assert ahead["cursor"] == "v1:999" and ahead["changes"] == []

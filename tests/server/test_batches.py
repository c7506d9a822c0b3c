"""A batch id is scoped to the caller's token and site, and a site id is bound to
the token that first used it."""

from __future__ import annotations

from sqlalchemy import update

from tests.server.helpers import at, body, new_employee, pull_all


def test_another_regions_reused_batch_id_gets_its_own_result(local):
    ankara, izmir, admin = (
        local.token("Ankara"),
        local.token("İzmir"),
        local.token("*"),
    )
    first = local.post(
        "/sync",
        body(
            [new_employee("Ankara", "1", at("pc-a"), tc_no="1")],
            site="pc-a",
            batch_id="b-1",
        ),
        ankara,
    ).json()
    assert first["rejected"]  # a refusal that names an Ankara row
    theirs = new_employee("İzmir", "9", at("pc-i"))
    reply = local.post("/sync", body([theirs], site="pc-i", batch_id="b-1"), izmir)
    data = reply.json()
    assert (data["accepted"], data["rejected"]) == (1, []), data
    assert ("employees", theirs["id"]) in pull_all(local, admin)


def test_a_reused_batch_id_with_other_content_is_an_error(local):
    ankara = local.token("Ankara")
    one = body([new_employee("Ankara", "1", at("pc-a"))], site="pc-a", batch_id="b-2")
    assert local.post("/sync", one, ankara).json()["accepted"] == 1
    again = local.post("/sync", one, ankara)
    assert again.status_code == 200 and again.json()["accepted"] == 1
    other = body([new_employee("Ankara", "2", at("pc-a"))], site="pc-a", batch_id="b-2")
    reply = local.post("/sync", other, ankara)
    assert reply.status_code == 400, reply.text
    assert reply.json()["error"] == "batch_reused"


def test_a_site_id_belongs_to_the_token_that_first_used_it(local):
    istanbul, ankara, admin = (
        local.token("İstanbul"),
        local.token("Ankara"),
        local.token("*"),
    )
    mine = {**body([], site="ist-1"), "pending": 3}
    assert local.post("/sync", mine, istanbul).status_code == 200
    spoof = {**body([], site="ist-1"), "pending": 999}
    reply = local.post("/sync", spoof, ankara)
    assert reply.status_code == 403, reply.text
    assert reply.json()["error"] == "site_taken"
    sites = local.get("/status", admin).json()["regions"]["İstanbul"]["sites"]
    assert [(s["site_id"], s["pending"]) for s in sites] == [("ist-1", 3)]
    assert "Ankara" not in local.get("/status", admin).json()["regions"]


def test_a_site_moves_to_its_regions_new_token_once_the_old_one_is_revoked(local):
    def sync(token: str):  # as a desktop does: it reports what it has unsent
        return local.post("/sync", {**body([], site="ist-1"), "pending": 0}, token)

    old = local.token("İstanbul")
    assert sync(old).status_code == 200
    tokens = local.context.tables["tokens"]
    with local.context.write() as conn:
        conn.execute(update(tokens).values(revoked_at="2026-05-01T00:00:00+00:00"))
    new, ankara = local.token("İstanbul"), local.token("Ankara")
    assert sync(ankara).status_code == 403
    assert sync(new).status_code == 200
    assert sync(ankara).status_code == 403  # and now it is the new token's


def test_a_connection_test_with_a_wrong_token_does_not_take_the_site(local):
    """A probe (no changes, nothing reported) neither creates nor claims a site:
    a clerk who first tries another region's token can still use the right one."""
    izmir, ankara, admin = local.token("İzmir"), local.token("Ankara"), local.token("*")
    probe = {"protocol": 1, "site_id": "new-pc", "cursor": "", "limit": 1}
    assert local.post("/sync", {**probe, "changes": []}, izmir).status_code == 200
    assert "İzmir" not in local.get("/status", admin).json()["regions"]
    first = local.post("/sync", {**body([], site="new-pc"), "pending": 0}, ankara)
    assert first.status_code == 200, first.text
    # now the site is Ankara's: even a bare exchange from another token is refused
    assert local.post("/sync", {**probe, "changes": []}, izmir).status_code == 403
    assert local.post("/sync", {**probe, "changes": []}, ankara).status_code == 200

"""Whatever a client sends to the admin routes is answered 4xx, never 500
(issue 11 #4)."""

from __future__ import annotations

import pytest

LOCK = {"region": "Ankara", "month": "2026-03", "action": "lock", "by": "admin"}


@pytest.mark.parametrize(
    "change",
    [
        {"month": "2025-13"},
        {"month": "2025-1"},
        {"month": "2025-01\n"},
        {"month": ["2025-01"]},
        {"month": 202501},
        {"month": None},
        {"region": ["Ankara"]},
        {"region": "Ank\x00ara"},
        {"region": "x" * 65},
        {"region": " "},
        {"action": ["lock"]},
        {"reason": {"a": 1}, "action": "unlock"},
        {"by": ["admin"]},
    ],
)
def test_a_bad_lock_request_is_400(local, change):
    admin = local.token("*")
    reply = local.post("/locks", {**LOCK, **change}, admin)
    assert reply.status_code == 400, reply.text
    assert set(reply.json()) == {"error", "detail"}


@pytest.mark.parametrize("raw", [b"[1]", b'"x"', b"1", b"null", b'{"by": [1]}'])
def test_a_restore_body_that_is_not_an_object_is_400(local, raw):
    admin = local.token("*")
    reply = local.client.post(
        "/conflicts/1/restore",
        data=raw,
        headers={
            "Authorization": f"Bearer {admin}",
            "Content-Type": "application/json",
        },
    )
    assert reply.status_code == 400, reply.get_data(as_text=True)


@pytest.mark.parametrize("number", [2**31, 2**63 - 1, 2**63, 2**64, 10**40])
def test_an_id_past_any_column_is_not_found(local, number):
    admin = local.token("*")
    reply = local.post(f"/conflicts/{number}/restore", {"by": "x"}, admin)
    assert reply.status_code == 404, reply.text


@pytest.mark.parametrize(
    "query", ["limit=1e3", "limit=99999999999999999999999", "limit=-5", "id=x%00"]
)
def test_conflict_filters_out_of_range_are_4xx_or_clamped(local, query):
    admin = local.token("*")
    reply = local.get(f"/conflicts?{query}", admin)
    assert reply.status_code in (200, 400), reply.text

"""Request bodies: gzip checked to its trailer, JSON bounded before it is parsed,
routing errors before authentication."""

from __future__ import annotations

import gzip
import json

from hypothesis import given
from hypothesis import strategies as st

from server.wire import count_nodes
from tests.server.helpers import body


def _post_raw(local, path: str, raw: bytes, token: str | None, gzipped: bool):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    return local.client.post(path, data=raw, headers=headers)


def test_a_gzip_body_cut_before_its_trailer_is_refused(local):
    token = local.token("Ankara")
    whole = gzip.compress(json.dumps(body([])).encode())
    assert _post_raw(local, "/sync", whole, token, True).status_code == 200
    for cut in (whole[:-8], whole[:-4], whole[:-1]):
        reply = _post_raw(local, "/sync", cut, token, True)
        assert reply.status_code == 400, reply.get_data(as_text=True)
        assert reply.get_json()["error"] == "malformed"


def test_a_gzip_body_with_a_wrong_checksum_or_trailing_bytes_is_refused(local):
    token = local.token("Ankara")
    whole = gzip.compress(b'{"protocol": 1, "site_id": "a", "changes": []}')
    bad_crc = whole[:-8] + bytes([whole[-8] ^ 0xFF]) + whole[-7:]
    for raw in (bad_crc, whole + b"junk"):
        reply = _post_raw(local, "/sync", raw, token, True)
        assert reply.status_code == 400, reply.get_data(as_text=True)


def test_too_many_json_values_are_refused_before_they_are_parsed(local):
    token = local.token("Ankara")
    limit = local.context.settings.max_json_nodes
    raw = b'{"changes":[' + b"{}," * limit + b"{}]}"
    for gzipped in (False, True):
        data = gzip.compress(raw) if gzipped else raw
        reply = _post_raw(local, "/sync", data, token, gzipped)
        assert reply.status_code == 413, reply.get_data(as_text=True)
        assert reply.get_json()["error"] == "too_large"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    )
)
def test_the_bound_on_json_values_is_never_below_what_a_body_holds(value):
    def held(v) -> int:
        if isinstance(v, list):
            return 1 + sum(held(x) for x in v)
        if isinstance(v, dict):
            return 1 + sum(held(x) for x in v.values())
        return 1

    raw = json.dumps(value, ensure_ascii=False).encode()
    assert held(value) <= count_nodes(raw)
    assert count_nodes(raw) == sum(raw.count(c) for c in b",:[{") + 1


def test_a_wrong_method_or_path_is_answered_before_the_token_is_asked(local):
    assert local.client.post("/health").status_code == 405
    assert local.client.get("/sync").status_code == 405
    assert local.client.get("/nowhere").status_code == 404
    assert local.client.post("/sync", json={}).status_code == 401

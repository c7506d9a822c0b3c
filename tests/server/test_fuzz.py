"""Hypothesis fuzzes /sync bodies against the real server: never a 5xx."""

from __future__ import annotations

import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from tests import servers

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)
)
any_json = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=12,
)
table = st.one_of(st.sampled_from(sorted(TABLES)), st.text(max_size=12), any_json)
column = st.one_of(
    st.sampled_from(sorted({c.name for t in TABLES.values() for c in t.columns})),
    st.text(max_size=8),
)
hlc = st.one_of(
    st.builds(
        lambda ms, c, s: str(Stamp(ms, c, s)),
        st.integers(0, 9_999_999_999_999),
        st.integers(0, 99_999),
        st.from_regex(r"[a-z0-9\-]{1,20}", fullmatch=True),
    ),
    any_json,
)
uuidish = st.one_of(st.uuids().map(str), st.text(max_size=40), any_json)
change = st.fixed_dictionaries(
    {
        "table": table,
        "id": uuidish,
        "region": st.sampled_from(["Fuzz", "Other", ""]),
        "hlc": hlc,
        "row": st.one_of(st.dictionaries(column, any_json, max_size=5), any_json),
    },
    optional={"extra": any_json},
)
sync_body = st.one_of(
    any_json,
    st.fixed_dictionaries(
        {
            "protocol": st.one_of(st.just(1), any_json),
            "site_id": st.one_of(
                st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), any_json
            ),
            "batch_id": st.one_of(st.uuids().map(str), any_json),
            "cursor": st.one_of(st.just(""), st.just("v1:0"), any_json),
            "changes": st.one_of(st.lists(change, max_size=6), any_json),
            "limit": st.one_of(st.integers(-5, 20_000), any_json),
        },
        optional={"region": st.one_of(st.just("Fuzz"), any_json)},
    ),
)


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    env = servers.sqlite_env(tmp_path_factory.mktemp("fuzz"))
    server = servers.start(env)
    yield server, env.token("Fuzz")
    server.stop()


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(payload=sync_body, gzip_it=st.booleans())
def test_sync_never_answers_5xx(fuzz_server, payload, gzip_it):
    import gzip

    server, token = fuzz_server
    raw = json.dumps(payload, allow_nan=True).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if gzip_it:
        raw = gzip.compress(raw)
        headers["Content-Encoding"] = "gzip"
    reply = requests.post(server.url + "/sync", data=raw, headers=headers, timeout=30)
    assert reply.status_code < 500, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")

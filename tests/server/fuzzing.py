"""Hypothesis strategies for requests to every route of the sync server."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES

REGIONS = ["Fuzz", "Other", "", "İzmir", "a\x00b", "x" * 70]
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(REGIONS + ["2025-13", "2025-1", "2025-01\n", "v1:0", "v1:-1"]),
)
any_json = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=4,
)
stamp = st.one_of(
    st.builds(
        lambda ms, c, s: str(Stamp(ms, c, s)),
        st.integers(1_779_000_000_000, 1_781_000_000_000),
        st.integers(0, 99_999),
        st.sampled_from(["pc-1", "pc-2", "srv"]),
    ),
    any_json,
)
column = st.sampled_from(sorted({c.name for t in TABLES.values() for c in t.columns}))
row = st.dictionaries(st.one_of(column, st.text(max_size=6)), json_leaf, max_size=6)
change = st.fixed_dictionaries(
    {
        "table": st.one_of(st.sampled_from(sorted(TABLES)), any_json),
        "id": st.one_of(st.uuids().map(str), st.text(max_size=40), any_json),
        "region": st.one_of(st.sampled_from(REGIONS), any_json),
        "hlc": stamp,
        "row": st.one_of(row, any_json),
    }
)
maybe = st.one_of(st.just(...), any_json)  # ... = leave the key out


def _body(**fields) -> st.SearchStrategy:
    """An object with each key present (a fitting or any value) or left out."""
    keys = list(fields)
    return st.tuples(*(st.one_of(fields[k], maybe) for k in keys)).map(
        lambda values: {k: v for k, v in zip(keys, values, strict=True) if v is not ...}
    )


sync_body = _body(
    protocol=st.just(1),
    site_id=st.sampled_from(["pc-1", "pc-2", "a" * 65, "x\n"]),
    region=st.sampled_from(REGIONS),
    batch_id=st.uuids().map(str),
    cursor=st.sampled_from(["", "v1:0", "v1:3", "v1:99999999999999999999", "v2"]),
    changes=st.lists(change, max_size=5),
    limit=st.integers(-2, 20_001),
    pending=st.integers(-1, 2**64),
    divergence=any_json,
)
pair = st.lists(st.one_of(st.sampled_from(sorted(TABLES)), json_leaf), max_size=3)
digest_body = _body(
    cursor=st.sampled_from(["", "v1:0", "v1:x"]),
    exclude=st.lists(pair, max_size=4),
    rows=st.lists(pair, max_size=4),
    fetch=st.lists(pair, max_size=4),
)
lock_body = _body(
    region=st.sampled_from(REGIONS),
    month=st.sampled_from(["2026-03", "2025-13", "2025-1", "2025-01\n", "٢٠٢٥-01"]),
    action=st.sampled_from(["lock", "unlock", "open"]),
    reason=st.text(max_size=10),
    by=st.text(max_size=10),
)
restore_body = _body(by=st.text(max_size=10))
query_value = st.one_of(
    st.sampled_from(REGIONS + sorted(TABLES) + ["1e3", "-1", "10" * 15]),
    st.text(max_size=12),
)
conflict_id = st.one_of(
    st.integers(0, 50).map(str),
    st.sampled_from([str(2**63), str(2**64), "-1", "x", "1.5", "٣"]),
)


@dataclass
class Call:
    """One HTTP request, sendable through Flask's test client or over a socket."""

    method: str
    path: str
    token: str  # admin | region | wrong | none | garbled
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _encoded(body: object, how: str) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body, allow_nan=True).encode()
    headers = {"Content-Type": "application/json"}
    if how == "gzip":
        return gzip.compress(raw), {**headers, "Content-Encoding": "gzip"}
    if how == "cut":
        return gzip.compress(raw)[:-3], {**headers, "Content-Encoding": "gzip"}
    if how == "text":
        return raw, {"Content-Type": "text/plain"}
    if how == "deflate":
        return raw, {**headers, "Content-Encoding": "deflate"}
    if how == "broken":
        return raw[: len(raw) // 2], headers
    return raw, headers


def _post(path: st.SearchStrategy, body: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        lambda p, b, how, token, method: Call(method, p, token, *_encoded(b, how)),
        path,
        st.one_of(body, any_json),
        st.sampled_from(["plain"] * 6 + ["gzip", "cut", "text", "deflate", "broken"]),
        st.sampled_from(["admin", "region", "region", "wrong", "none", "garbled"]),
        st.sampled_from(["POST"] * 12 + ["GET", "PUT", "DELETE"]),
    )


def _get(path: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        lambda p, token, method: Call(method, p, token),
        path,
        st.sampled_from(["admin", "region", "wrong", "none", "garbled"]),
        st.sampled_from(["GET"] * 12 + ["POST", "HEAD", "OPTIONS"]),
    )


def _conflicts_path(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return "/conflicts" + ("?" + urlencode(params) if params else "")


calls = st.one_of(
    _post(st.just("/sync"), sync_body),
    _post(st.just("/sync"), sync_body),
    _post(st.just("/sync/digest"), digest_body),
    _post(st.just("/locks"), lock_body),
    _post(conflict_id.map(lambda i: f"/conflicts/{i}/restore"), restore_body),
    _get(st.just("/health")),
    _get(st.just("/status")),
    _get(
        st.dictionaries(
            st.sampled_from(["region", "table", "id", "limit"]), query_value, max_size=4
        ).map(_conflicts_path)
    ),
    _get(st.sampled_from(["/nowhere", "/sync/", "/conflicts/1", "//sync", "/%00"])),
)
# the download builds a SQLite file per call: drawn rarely
rare_calls = _get(st.just("/sync/download"))

"""JSON on the sync hot path (wire bodies, per-row stamp maps) through orjson.

The same text as the standard library would write with `ensure_ascii=False` and
compact separators, several times faster; a value orjson refuses (an integer past
64 bits, a non-string key) falls back to the standard library, so callers see one
behaviour.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(obj: Any) -> bytes:
    """UTF-8 JSON bytes, compact."""
    try:
        return orjson.dumps(obj)
    except TypeError:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def dumps_sorted(obj: Any) -> bytes:
    """UTF-8 JSON bytes, compact, object keys sorted (a canonical form)."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return json.dumps(
            obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode()


def dumps_text(obj: Any) -> str:
    return dumps(obj).decode()


def loads(data: bytes | str) -> Any:
    """Parse JSON; raises ValueError (orjson's JSONDecodeError) on anything malformed,
    including invalid UTF-8, lone surrogates, NaN and infinities."""
    return orjson.loads(data)

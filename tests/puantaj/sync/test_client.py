"""The sync client's request bodies."""

from __future__ import annotations

import gzip
import json

from puantaj.sync.client import PackedChanges


def test_changes_packed_ahead_make_the_same_body_sent_once_or_again():
    """A page's changes are compressed while the previous request is on the
    wire; the body sent is the JSON a plain request carries, every time."""
    changes = [
        {
            "table": "employees",
            "id": f"id-{n}",
            "region": "İzmir",
            "hlc": "s",
            "row": {},
        }
        for n in range(300)
    ]
    rest = {"protocol": 1, "site_id": "a", "cursor": "v1:7", "batch_id": "b"}
    packed = PackedChanges(changes)
    first, again = packed.finish(rest), packed.finish(rest)
    assert first == again
    assert json.loads(gzip.decompress(first)) == {"changes": changes, **rest}
    assert json.loads(gzip.decompress(PackedChanges([]).finish({}))) == {"changes": []}

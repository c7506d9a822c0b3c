"""GET /sync/download: the merged database in the caller's scope as a SQLite file.

GET /sync/snapshot: the same file, gzipped, for a desktop's first sync. Its
headers name the cursor the file corresponds to: the desktop takes the rows in
and carries on with incremental pulls from that cursor (README, DESIGN.md
extensions).
"""

from __future__ import annotations

import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import Blueprint, Response, g, send_file
from sqlalchemy import select

from server.context import ctx
from server.download import (
    SNAPSHOT_FORMAT,
    build_download,
    build_snapshot,
    build_snapshot_sqlite,
)
from server.pull import make_cursor

bp = Blueprint("download", __name__)
Builder = Callable[..., dict[str, int]]
Made = Callable[[Path], tuple[str, dict[str, int]]]  # a file at the path: cursor, rows
CHUNK = 1 << 20
# 100k rows: 31 MB raw, 6.6 MB at level 1, 6.0 MB at 4 (+0.1 s), 5.9 MB at 6
# (+0.25 s); 4 keeps the bytes below the JSON pull's 6.3 MB
SNAPSHOT_LEVEL = 4


@bp.get("/sync/download")
def download():
    handle, _, _ = _build(_in_snapshot(build_download))
    scope = "all" if g.caller.is_admin else g.caller.scope
    return send_file(
        handle,
        mimetype="application/vnd.sqlite3",
        as_attachment=True,
        download_name=f"puantaj-{scope}.db",
    )


@bp.get("/sync/snapshot")
def snapshot():
    context = ctx()
    database = context.settings.sqlite_file
    if database:  # made inside SQLite, ten times faster
        handle, cursor, counts = _build(
            lambda path: build_snapshot_sqlite(database, context.tables, g.caller, path)
        )
    else:
        handle, cursor, counts = _build(_in_snapshot(build_snapshot))
    return Response(
        _gzipped(handle),
        mimetype="application/gzip",
        headers={
            "X-Puantaj-Cursor": cursor,
            "X-Puantaj-Snapshot": SNAPSHOT_FORMAT,
            "X-Puantaj-Rows": str(sum(counts.values())),
            # headers are Latin-1: "İstanbul" goes percent-encoded (UTF-8)
            "X-Puantaj-Scope": quote(g.caller.scope, safe="*"),
            "Cache-Control": "no-store",
        },
    )


def _build(make: Made) -> tuple[BinaryIO, str, dict[str, int]]:
    """The caller's scope as a SQLite file made by `make`, opened for reading."""
    folder = Path(tempfile.mkdtemp(prefix="puantaj-download-"))
    path = folder / "puantaj.db"
    try:
        cursor, counts = make(path)
        handle = path.open("rb")
    finally:
        # the file is gone from the folder as soon as it is open; the handle streams it
        shutil.rmtree(folder, ignore_errors=True)
    return handle, cursor, counts


def _in_snapshot(builder: Builder) -> Made:
    """Make the file with `builder` in one read snapshot that also reads the
    counter, so the cursor covers exactly the rows in the file."""

    def make(path: Path) -> tuple[str, dict[str, int]]:
        context = ctx()
        with context.snapshot() as conn:
            counter = context.tables["sync_counter"]
            seq: int = conn.execute(select(counter.c.value)).scalar_one()
            cursor = make_cursor(seq)
            return cursor, builder(conn, context.tables, g.caller, path, cursor)

    return make


def _gzipped(handle: BinaryIO) -> Iterator[bytes]:
    packer = zlib.compressobj(SNAPSHOT_LEVEL, zlib.DEFLATED, 31)  # gzip framing
    try:
        while chunk := handle.read(CHUNK):
            if packed := packer.compress(chunk):
                yield packed
        yield packer.flush()
    finally:
        handle.close()

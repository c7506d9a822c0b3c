"""GET /sync/download: the merged database in the caller's scope as a SQLite file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, g, send_file
from sqlalchemy import select

from server.context import ctx
from server.download import build_download
from server.pull import make_cursor

bp = Blueprint("download", __name__)


@bp.get("/sync/download")
def download():
    context = ctx()
    folder = Path(tempfile.mkdtemp(prefix="puantaj-download-"))
    path = folder / "puantaj.db"
    try:
        with context.snapshot() as conn:
            counter = context.tables["sync_counter"]
            seq: int = conn.execute(select(counter.c.value)).scalar_one()
            build_download(conn, context.tables, g.caller, path, make_cursor(seq))
        handle = path.open("rb")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    # the file is gone from the folder as soon as it is open; the handle streams it
    shutil.rmtree(folder, ignore_errors=True)
    scope = "all" if g.caller.is_admin else g.caller.scope
    return send_file(
        handle,
        mimetype="application/vnd.sqlite3",
        as_attachment=True,
        download_name=f"puantaj-{scope}.db",
    )

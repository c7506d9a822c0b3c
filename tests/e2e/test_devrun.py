"""`make run`: the local sync server (started as `python -m server.cli`) and the app."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading

import requests

from tests import servers
from tests.conftest import require


def test_make_run_starts_the_server_and_the_app(tmp_path):
    """HQ's demo PC by default; `make run DEMO=ankara1` opens Ankara's, with
    Ankara's own token and only Ankara's accounts."""
    launch(tmp_path, "admin")
    launch(tmp_path, "ankara1")
    tokens = json.loads((tmp_path / ".run" / "server" / "demo-tokens.json").read_text())
    pc = tmp_path / ".run" / "desktop-ankara1"
    assert (pc / "sync-token").read_text().strip() == tokens["Ankara"]
    conn = sqlite3.connect(pc / "puantaj.db")
    try:
        users = {r[0] for r in conn.execute("SELECT username FROM users")}
        regions = {r[0] for r in conn.execute("SELECT region FROM employees")}
    finally:
        conn.close()
    assert users == {"ankara1"} and regions == {"Ankara"}


def launch(tmp_path, user: str) -> None:
    require(bool(os.environ.get("DISPLAY")), "no display for the Tk window")
    port = servers.free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PUANTAJ_")},
        "PUANTAJ_DEV_PORT": str(port),
        "PYTHONPATH": str(servers.ROOT),
    }
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "puantaj.devrun", user],
        cwd=tmp_path,  # its data goes to ./.run
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=90)
            assert line is not None, "make run ended early:\n" + "".join(seen)
            seen.append(line)
            if f"log in as {user}" in line:
                break
        health = requests.get(f"http://127.0.0.1:{port}/health", timeout=10).json()
        assert health["status"] == "ok"
        assert (tmp_path / ".run" / "server" / "demo-tokens.json").exists()
        assert proc.poll() is None  # the app window is up and running
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the app and its server
        proc.wait(timeout=30)
        proc.stdout.close()

"""`puantaj sync --test` against a real server process: each step in words."""

from __future__ import annotations

import os
import subprocess
import sys

from tests import servers


def run_test(home, url: str, token: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(home),
        "PUANTAJ_SYNC_URL": url,
        "PUANTAJ_SYNC_TOKEN": token,
        "PYTHONPATH": str(servers.ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "puantaj", "sync", "--test"],
        env=env,
        capture_output=True,
        text=True,
        cwd=servers.ROOT,
        timeout=60,
    )


def test_connection_test_names_each_step_and_fails_on_a_wrong_token(tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
        good = run_test(tmp_path / "desk", server.url, token)
        assert good.returncode == 0, good.stdout + good.stderr
        lines = good.stdout.splitlines()
        assert lines[0].startswith("✓ server reached: version")
        assert "✓ token accepted for region Ankara" in lines
        assert any(line.startswith("✓ clock offset to the server:") for line in lines)
        assert lines[-1] == "connection test passed ✓"
        bad = run_test(tmp_path / "desk", server.url, "not-a-token")
        assert bad.returncode == 3
        assert any(
            line.startswith("✗ token not accepted") for line in bad.stdout.splitlines()
        )
    finally:
        server.stop()
    down = run_test(tmp_path / "desk", server.url, token)
    assert down.returncode == 3
    assert down.stdout.splitlines()[0].startswith("✗ server unreachable")

"""`puantaj sync --test` against a real server process: each step in words."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests import servers


def run_test(
    home, url: str, token: str, *args: str, lang: str = "en"
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(home),
        "PUANTAJ_SYNC_URL": url,
        "PUANTAJ_SYNC_TOKEN": token,
        "PUANTAJ_LANG": lang,
        "PYTHONPATH": str(servers.ROOT),
    }
    return puantaj(env, *(args or ("sync", "--test")))


def puantaj(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "puantaj", *args],
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
        assert lines[0].startswith("✓ Server reached: version")
        assert "✓ Token accepted for region Ankara" in lines
        assert any(line.startswith("✓ Clock offset to the server:") for line in lines)
        assert lines[-1] == "connection test passed ✓"
        bad = run_test(tmp_path / "desk", server.url, "not-a-token")
        assert bad.returncode == 4  # token refused (3 is offline)
        assert any(
            line.startswith("✗ Token not accepted") for line in bad.stdout.splitlines()
        )
    finally:
        server.stop()
    down = run_test(tmp_path / "desk", server.url, token)
    assert down.returncode == 3
    assert down.stdout.splitlines()[0] == (
        "✗ The test stopped: Cannot reach the server: connection refused"
        " (is the server running?)"
    )


def test_the_token_is_never_sent_over_plain_http_to_another_machine(tmp_path):
    """KVKK: `puantaj sync --test` to http:// on another host is refused before
    any connection, with a message that says why; PUANTAJ_ALLOW_HTTP lifts it."""
    import socket

    listener = socket.socket()  # would see the token if the client connected
    listener.bind(("0.0.0.0", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    host = socket.gethostname()
    try:
        out = run_test(tmp_path / "pc", f"http://{host}:{port}", "secret-token")
        assert out.returncode == 5, out.stdout + out.stderr  # bad settings
        assert "only sent over TLS" in out.stdout
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody connected
    finally:
        listener.close()


def test_plain_http_is_for_this_machine_unless_allowed(tmp_path):
    from puantaj.config import load_settings, save_settings
    from puantaj.errors import SyncRejected, ValidationError
    from puantaj.sync.client import SyncClient

    with pytest.raises(SyncRejected) as refused:
        SyncClient("http://sunucu.example:8765", "t", 5)
    assert refused.value.reason == "insecure_url"
    for url in ("http://127.0.0.1:8765", "http://localhost:8765", "https://x.example"):
        SyncClient(url, "t", 5).close()
    SyncClient("http://sunucu.example:8765", "t", 5, allow_http=True).close()
    with pytest.raises(SyncRejected) as bad:
        SyncClient("ftp://sunucu.example", "t", 5)
    assert bad.value.reason == "bad_url"
    settings = load_settings(env={}, flags={"home": str(tmp_path)})
    with pytest.raises(ValidationError) as unsafe:
        save_settings(settings, sync_url="http://sunucu.example:8765")
    assert unsafe.value.code == "insecure_url"
    allowed = save_settings(settings, allow_http=True)
    assert save_settings(allowed, sync_url="http://sunucu.example:8765").sync_url
    env = {"PUANTAJ_ALLOW_HTTP": "1", "PUANTAJ_HOME": str(tmp_path / "b")}
    assert load_settings(env=env).allow_http


def test_a_failed_url_or_token_never_replaces_working_settings(tmp_path):
    """Issue 12: `sync --token wrong` and `sync --test --url ftp:/x` leave the
    working URL and token as they were; the output is Turkish by default."""
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
        home = {
            **os.environ,
            "PUANTAJ_HOME": str(tmp_path / "pc"),
            "PYTHONPATH": str(servers.ROOT),
        }
        home.pop("PUANTAJ_LANG", None)
        ok = puantaj(home, "sync", "--url", server.url, "--token", token)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "eşitleme tamam" in ok.stdout  # Turkish unless told otherwise
        wrong = puantaj(home, "sync", "--token", "wrong")
        assert wrong.returncode == 4 and "Anahtar kabul edilmedi" in wrong.stdout
        bad_url = puantaj(home, "sync", "--test", "--url", "ftp:/x")
        assert bad_url.returncode == 5, bad_url.stdout + bad_url.stderr
        again = puantaj(home, "sync")  # the working pair is still there
        assert again.returncode == 0, again.stdout + again.stderr
        assert "bağlantı" not in again.stdout and "eşitleme tamam" in again.stdout
        assert "exit codes" in puantaj(home, "--help").stdout
    finally:
        server.stop()

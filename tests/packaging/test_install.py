"""Issue 12: a clerk's install is the desktop only, and the PyInstaller build
of the desktop app opens its login window (our proxy for the Windows build)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from tests import servers
from tests.conftest import require

ROOT = servers.ROOT


def test_a_clerks_install_has_the_desktop_and_not_the_servers_stack(tmp_path):
    venv = tmp_path / "clerk"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    listed = subprocess.run(
        [str(venv / "bin" / "pip"), "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    names = {line.split("==")[0] for line in listed.splitlines()}
    assert {"tksheet", "openpyxl", "argon2-cffi"} <= names
    assert not names & {"gunicorn", "flask", "psycopg", "sqlalchemy", "alembic"}
    helped = subprocess.run(
        [str(venv / "bin" / "puantaj"), "--help"], capture_output=True, text=True
    )
    assert helped.returncode == 0 and "exit codes" in helped.stdout
    server = subprocess.run(
        [str(venv / "bin" / "puantaj-server"), "--help"],
        capture_output=True,
        text=True,
    )
    assert server.returncode == 2 and "pip install 'puantaj[server]'" in server.stderr
    assert "Traceback" not in server.stderr
    assert (venv / "bin" / "puantaj-app").exists()  # the GUI script


def test_the_built_desktop_app_opens_its_login_window(tmp_path):
    require(bool(os.environ.get("DISPLAY")), "no display for the built app")
    require(shutil.which("xdotool") is not None, "xdotool is not installed")
    built = subprocess.run(
        [
            str(servers.BIN / "pyinstaller"),
            str(ROOT / "packaging" / "puantaj.spec"),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    app = tmp_path / "dist" / "Puantaj" / "Puantaj"
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUANTAJ_")}
    proc = subprocess.Popen(
        [str(app)],
        env={**env, "PUANTAJ_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        window = _wait_for_window("^Puantaj$", proc, timeout_s=60)
        assert window, "the built app opened no window"
        assert proc.poll() is None
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    log = (home / "logs" / "puantaj.log").read_text(encoding="utf-8")
    assert "Traceback" not in output and "Traceback" not in log, output + log
    assert (home / "puantaj.db").exists()  # it made its database on first start


def _wait_for_window(name: str, proc: subprocess.Popen, timeout_s: float) -> str:
    """Ask the X server for a window by name until it shows (or the app ends)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        found = subprocess.run(
            ["xdotool", "search", "--name", name], capture_output=True, text=True
        ).stdout.split()
        if found:
            return found[0]
        time.sleep(0.2)  # polling the X server for the window, not a guess
    return ""

"""`make run`: a local sync server with demo regions and tokens, and the app against it.

Data lives in ./.run (server/ and desktop/); a second start reuses it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from puantaj import app
from puantaj.config import load_settings, save_settings
from puantaj.errors import PuantajError
from puantaj.services.session import Session

ROOT = Path.cwd() / ".run"
PORT = int(os.environ.get("PUANTAJ_DEV_PORT", "8765"))
REGIONS = ("Ankara", "İstanbul", "Bursa", "İzmir")
DEMO_STAFF = {
    "Ankara": [
        ("101", "Ayşe", "Yılmaz"),
        ("102", "Mehmet", "Demir"),
        ("103", "İsmail", "Işık"),
    ],
    "İstanbul": [("201", "Zeynep", "Çelik"), ("202", "Can", "Öztürk")],
}


def _server_cli(env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def _tokens(env: dict) -> dict[str, str]:
    path = ROOT / "server" / "demo-tokens.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    tokens = {"*": _server_cli(env, "add-token", "--admin", "--label", "demo admin")}
    for region in REGIONS:
        tokens[region] = _server_cli(env, "add-region", region)
    path.write_text(json.dumps(tokens, ensure_ascii=False, indent=2), encoding="utf-8")
    path.chmod(0o600)
    return tokens


def _wait_healthy(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the sync server did not start; see the messages above")
        try:
            if requests.get(url + "/health", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit("the sync server did not answer within 30 s")


def main() -> int:
    (ROOT / "server").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PUANTAJ_SERVER_HOME": str(ROOT / "server")}
    env.pop("DATABASE_URL", None)
    _server_cli(
        env, "migrate"
    )  # a .run/ left by an older version is brought up to date
    tokens = _tokens(env)
    url = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "run", "--port", str(PORT)], env=env
    )
    try:
        _wait_healthy(url, server)
        settings = load_settings(flags={"home": str(ROOT / "desktop")})
        services = app.build_services(settings)
        services.settings = save_settings(settings, sync_url=url, sync_enabled=True)
        services.tokens.set(tokens["*"])
        if not services.users.has_users():
            services.users.seed_demo()
            for region, people in DEMO_STAFF.items():
                clerk = Session("demo", "clerk", region)
                for sicil, first, last in people:
                    services.records["employees"].create(
                        clerk,
                        {
                            "sicil_no": sicil,
                            "first_name": first,
                            "last_name": last,
                            "hire_date": "01.01.2026",
                            "tc_no": "",
                        },
                    )
        print(f"sync server: {url} (data in {ROOT / 'server'})")
        print(
            "region tokens for other desktops: "
            + ", ".join(f"{r}={t[:6]}…" for r, t in tokens.items() if r != "*")
            + f" (full list in {ROOT / 'server' / 'demo-tokens.json'})"
        )
        print("log in as admin / demo1234, or ankara1 … izmir1 / demo1234")
        return app.run_desktop(services, demo=True)
    except PuantajError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    sys.exit(main())

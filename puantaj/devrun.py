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
from puantaj.services.users import DEMO_PASSWORD, DEMO_USERS

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


def _desktop(user: str, url: str, token: str):
    """The demo PC of `user`: its own data folder and its own region's token."""
    settings = load_settings(flags={"home": str(ROOT / f"desktop-{user}")})
    services = app.build_services(settings)
    services.settings = save_settings(settings, sync_url=url, sync_enabled=True)
    services.tokens.set(token)
    return services


def _seed_hq(url: str, tokens: dict[str, str]) -> None:
    """Once: the demo accounts and staff, typed at HQ and sent to the server, so
    each office's PC gets its own region's accounts at its first sync."""
    hq = _desktop("admin", url, tokens["*"])
    try:
        if not hq.users.has_users():
            hq.users.seed_demo()
            for region, people in DEMO_STAFF.items():
                admin = Session("demo", "admin", "*")
                for sicil, first, last in people:
                    hq.records["employees"].create(
                        admin,
                        {
                            "sicil_no": sicil,
                            "first_name": first,
                            "last_name": last,
                            "hire_date": "01.01.2026",
                        },
                        region=region,
                    )
        report = app.build_sync(hq).run(verify=False)
        if not report.ok:
            raise SystemExit(f"could not send the demo data: {report.message}")
    finally:
        hq.store.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    user = (args[0] if args else os.environ.get("DEMO", "")) or "admin"
    region = dict(DEMO_USERS).get(user, "*" if user == "admin" else None)
    if region is None:
        names = ", ".join(["admin", *(n for n, _ in DEMO_USERS)])
        raise SystemExit(f"no demo user {user!r}: choose one of {names}")
    (ROOT / "server").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PUANTAJ_SERVER_HOME": str(ROOT / "server")}
    env.pop("DATABASE_URL", None)
    # a .run/ left by an older version is brought up to date
    _server_cli(env, "migrate")
    tokens = _tokens(env)
    url = f"http://127.0.0.1:{PORT}"
    server = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "run", "--port", str(PORT)], env=env
    )
    try:
        _wait_healthy(url, server)
        _seed_hq(url, tokens)
        services = _desktop(user, url, tokens[region])
        if not services.users.has_users():  # its region's accounts, from the server
            app.build_sync(services).run(verify=False)
        print(f"sync server: {url} (data in {ROOT / 'server'})")
        print(
            f"this is {user}'s PC ({'HQ, all regions' if region == '*' else region}),"
            " with its own region's token; another office's PC: make run DEMO=ankara1"
            " (or istanbul1, bursa1, izmir1)"
        )
        print(f"log in as {user} / {DEMO_PASSWORD}")
        return app.run_desktop(services, demo=True)
    except PuantajError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    sys.exit(main())

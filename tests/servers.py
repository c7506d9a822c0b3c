"""Real sync servers for tests: a process on 127.0.0.1 (dev server or gunicorn)."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ServerEnv:
    """Where a server keeps its data: SQLite under `home`, or a PostgreSQL schema."""

    home: Path
    database_url: str
    db_schema: str | None = None

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PUANTAJ_")}
        env.update(
            PUANTAJ_SERVER_HOME=str(self.home),
            DATABASE_URL=self.database_url,
            PYTHONPATH=str(ROOT),
        )
        env.pop("API_KEY", None)
        if self.db_schema:
            env["PUANTAJ_DB_SCHEMA"] = self.db_schema
        return env

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "puantaj-server"), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            check=check,
            cwd=ROOT,
        )

    def tokens(self, scopes: list[str], label: str = "test") -> dict[str, str]:
        """Many tokens at once through the server's own code (the CLI makes one a
        call); `label` names the office PC that uses them."""
        from server import auth
        from server.app import create_app

        env = {**os.environ, **self.env()}
        app = create_app({"database_url": self.database_url}, env=env)
        context = app.extensions["puantaj"]
        try:
            with context.write() as conn:
                return {
                    s: auth.create_token(conn, context.tables, s, label) for s in scopes
                }
        finally:
            context.engine.dispose()

    def token(self, scope: str) -> str:
        """A new token via the real CLI; the token is the last line of its output."""
        args = ("add-token", "--admin") if scope == "*" else ("add-region", scope)
        return self.cli(*args).stdout.strip().splitlines()[-1]


@dataclass
class RunningServer:
    env: ServerEnv
    url: str
    proc: subprocess.Popen
    log: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.reader is not None:
            self.reader.join(timeout=15)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def post(self, path: str, body, token: str | None, **kw) -> requests.Response:
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.post(
            self.url + path, json=body, headers=headers, timeout=60, **kw
        )

    def get(self, path: str, token: str | None, **kw) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.get(self.url + path, headers=headers, timeout=60, **kw)


def start(
    env: ServerEnv, workers: int = 0, port: int | None = None, proxy: bool = False
) -> RunningServer:
    """Start the dev server (workers=0), gunicorn with `workers` processes, or with
    `proxy` the production command (nginx in front of gunicorn), and wait until it
    says it listens."""
    port = port or free_port()
    if proxy:
        cmd = [str(BIN / "puantaj-server"), "serve", "--host", "127.0.0.1"]
        cmd += ["--port", str(port), "--workers", str(workers or 2)]
        ready, workers = "Puantaj sync server (nginx", 1
    elif workers:
        cmd = [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "server:serving_app()",
        ]
        ready = "Booting worker"
    else:
        cmd = [str(BIN / "puantaj-server"), "run", "--port", str(port)]
        ready = "Running on"
    proc = subprocess.Popen(
        cmd,
        env=env.env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    server = RunningServer(env, f"http://127.0.0.1:{port}", proc)

    def reader():
        for line in proc.stdout:
            server.log.append(line)
            lines.put(line)
        lines.put(None)

    server.reader = threading.Thread(target=reader, daemon=True)
    server.reader.start()
    booted = 0
    while True:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            server.stop()
            raise RuntimeError(
                "server did not start:\n" + "".join(server.log)
            ) from None
        if line is None:
            server.stop()  # reaps the process
            raise RuntimeError("server exited:\n" + "".join(server.log))
        if ready in line:
            booted += 1
            if booted >= max(workers, 1):
                break
    # the listening socket exists before workers boot; one request proves it serves
    requests.get(server.url + "/health", timeout=30).raise_for_status()
    return server


def sqlite_env(tmp: Path) -> ServerEnv:
    home = tmp / f"server-{uuid.uuid4().hex[:6]}"
    return ServerEnv(home, f"sqlite:///{home / 'server.db'}")


def pg_env(tmp: Path, base_url: str) -> ServerEnv:
    """A fresh PostgreSQL schema namespace inside the shared test database."""
    return ServerEnv(tmp / "pg-home", base_url, f"t_{uuid.uuid4().hex[:10]}")


def drop_schema(base_url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

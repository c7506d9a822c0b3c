"""`puantaj-server serve`: the production front: nginx, which reads whole requests
from slow clients, in front of gunicorn on a private Unix socket; one process
that runs both and stops both."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from server.config import ServerSettings
from server.errors import ConfigError

GUNICORN_CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
NGINX_TIMEOUT_S = 10  # a client must send its headers, and each body chunk, in this

NGINX_CONF = """\
worker_processes {nginx_workers};
worker_rlimit_nofile 16384;
worker_shutdown_timeout 5s;
pid {runtime}/nginx.pid;
error_log stderr warn;
daemon off;
{user}
events {{ worker_connections 8192; }}
http {{
  access_log off;
  server_tokens off;
  client_body_temp_path {runtime}/body;
  proxy_temp_path {runtime}/proxy;
  fastcgi_temp_path {runtime}/fastcgi;
  uwsgi_temp_path {runtime}/uwsgi;
  scgi_temp_path {runtime}/scgi;
  # slow clients wait here, never in a gunicorn thread
  client_header_timeout {timeout}s;
  client_body_timeout {timeout}s;
  send_timeout 60s;
  keepalive_timeout 15s;
  client_max_body_size {max_body};
  client_body_buffer_size 1m;
  large_client_header_buffers 4 16k;
  upstream app {{ server unix:{socket} fail_timeout=0; keepalive 16; }}
{events_upstream}  server {{
    listen {host}:{port} backlog=1024;
    # nginx's own refusals in the API's JSON shape (DESIGN.md §4); a request
    # too broken to parse (400) keeps nginx's page
    error_page 408 = @timeout;
    error_page 413 414 = @too_large;
    error_page 502 503 504 = @unavailable;
    location @timeout {{ default_type application/json;
      return 408 '{{"error":"timeout","detail":"request not sent in time"}}'; }}
    location @too_large {{ default_type application/json;
      return 413 '{{"error":"too_large","detail":"request too large"}}'; }}
    location @unavailable {{ default_type application/json;
      return 503 '{{"error":"unavailable","detail":"server busy; retry later"}}'; }}
{events_location}    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_request_buffering on;
      proxy_buffering on;
      proxy_read_timeout 150s;
    }}
  }}
}}
"""


# GET /events goes to a gevent process: a stream is a greenlet there, where in
# the gthread workers it would pin one of their few threads (issue 16)
EVENTS_UPSTREAM = "  upstream events {{ server unix:{socket} fail_timeout=0; }}\n"
EVENTS_LOCATION = """\
    location = /events {
      proxy_pass http://events;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
    }
"""
EVENTS_CONNECTIONS = 4000  # streams one gevent process holds


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise ConfigError(
            "serve needs nginx (apt-get install nginx); or run gunicorn behind a "
            "proxy that buffers whole requests"
        )
    return found


def nginx_conf(settings: ServerSettings, runtime: Path, host: str, port: int) -> str:
    # as root, nginx's workers drop to `nobody`: they may enter the runtime
    # folder and connect to the socket, which is all they need
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    return NGINX_CONF.format(
        nginx_workers=1,
        runtime=runtime,
        user=user,
        timeout=NGINX_TIMEOUT_S,
        max_body=settings.max_body_bytes,
        socket=runtime / "gunicorn.sock",
        host=f"[{host}]" if ":" in host else host,
        port=port,
        events_upstream=EVENTS_UPSTREAM.format(socket=runtime / "events.sock")
        if has_events(settings)
        else "",
        events_location=EVENTS_LOCATION if has_events(settings) else "",
    )


def has_events(settings: ServerSettings) -> bool:
    """/events needs LISTEN/NOTIFY to reach it from the sync workers: PostgreSQL.
    On SQLite serve leaves it a 404 and desktops keep to their schedule."""
    return not settings.is_sqlite


def serve(settings: ServerSettings, host: str, port: int, workers: int | None) -> int:
    """Run gunicorn and nginx until a signal or until either stops; returns the
    exit status (non-zero when a child failed)."""
    nginx = nginx_binary()
    runtime = Path(tempfile.mkdtemp(prefix="puantaj-serve-"))
    runtime.chmod(0o711)
    sock = runtime / "gunicorn.sock"
    (runtime / "nginx.conf").write_text(nginx_conf(settings, runtime, host, port))
    # nginx is one proxy in front of the app: its X-Forwarded-For entry is believed
    hops = str(settings.trusted_proxies or 1)
    env = {**os.environ, "PUANTAJ_TRUSTED_PROXIES": hops, "PUANTAJ_EVENTS": "0"}
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
    cmd += ["-b", f"unix:{sock}", "--umask", "0o000"]
    if workers:
        cmd += ["-w", str(workers)]
    events_sock = runtime / "events.sock"
    events_cmd = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
    events_cmd += ["-b", f"unix:{events_sock}", "--umask", "0o000", "-w", "1"]
    events_cmd += ["-k", "gevent", "--worker-connections", str(EVENTS_CONNECTIONS)]
    # open streams never end by themselves: a stop does not wait for them
    events_cmd += ["--graceful-timeout", "3"]
    children: dict[str, subprocess.Popen] = {}
    stopping = False

    def stop(signum=None, _frame=None) -> None:
        nonlocal stopping
        stopping = True
        for name, child in children.items():
            if child.poll() is None:
                child.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        children["gunicorn"] = subprocess.Popen(cmd + ["server:serving_app()"], env=env)
        if not _wait_for(_unix(sock), children["gunicorn"]):
            return children["gunicorn"].wait() or 1
        if has_events(settings):
            children["events"] = subprocess.Popen(
                events_cmd + ["server:serving_app()"],
                env={**env, "PUANTAJ_EVENTS": "1"},
            )
            if not _wait_for(_unix(events_sock), children["events"]):
                return children["events"].wait() or 1
        conf = runtime / "nginx.conf"
        children["nginx"] = subprocess.Popen(
            [nginx, "-p", str(runtime), "-c", str(conf), "-e", "stderr"]
        )
        if not _wait_for(_tcp(host, port), children["nginx"]):
            return children["nginx"].wait() or 1
        print(
            f"Puantaj sync server (nginx → gunicorn) on http://{host}:{port}",
            flush=True,
        )
        status = 0
        while any(child.poll() is None for child in children.values()):
            pid, code = os.wait()
            for child in children.values():
                if child.pid == pid:
                    child.returncode = os.waitstatus_to_exitcode(code)
                    if not stopping:  # one died on its own: the other goes too
                        status = child.returncode or 1
                        stop()
        return status
    finally:
        stop()
        for child in children.values():
            child.wait()
        shutil.rmtree(runtime, ignore_errors=True)


def _unix(path: Path):
    def connect() -> None:
        with socket.socket(socket.AF_UNIX) as probe:
            probe.connect(str(path))

    return connect


def _tcp(host: str, port: int):
    def connect() -> None:
        target = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
        socket.create_connection((target, port), timeout=2).close()

    return connect


def _wait_for(connect, proc: subprocess.Popen, limit_s: float = 120) -> bool:
    """True once `connect` succeeds (the child listens); False if it exited first."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            connect()
            return True
        except OSError:
            time.sleep(0.1)  # still starting (no event to wait on)
    return False

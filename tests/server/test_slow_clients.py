"""Slow clients cannot freeze the production server: 100 connections that never
finish their headers or their body leave /health answering within 1 s
(issue 11 #3). The production start command is `puantaj-server serve`: nginx,
which buffers whole requests, in front of gunicorn."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests import servers
from tests.server.helpers import body, employee

ROOT = Path(__file__).resolve().parents[2]
HEADERS_ONLY = b"POST /sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
SHORT_BODY = (
    b"POST /sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Content-Length: 100000\r\n\r\n{"protocol": 1'
)


@pytest.fixture
def production(backend):
    running = servers.start(backend, workers=2, proxy=True)
    yield running
    running.stop()


def _hold(url: str, count: int, start: bytes) -> list[socket.socket]:
    address = urlsplit(url)
    held = []
    for _ in range(count):
        sock = socket.create_connection((address.hostname, address.port), timeout=10)
        sock.sendall(start)
        held.append(sock)
    return held


def test_100_slow_connections_leave_health_answering_within_1s(production):
    held = _hold(production.url, 50, HEADERS_ONLY)
    held += _hold(production.url, 50, SHORT_BODY)
    try:
        slowest = 0.0
        for _ in range(10):
            t0 = time.perf_counter()
            reply = requests.get(production.url + "/health", timeout=5)
            slowest = max(slowest, time.perf_counter() - t0)
            assert reply.status_code == 200
        token = production.env.token("Ankara")
        pushed = production.post("/sync", body([employee("Ankara", "1")]), token)
        assert pushed.status_code == 200, pushed.text
    finally:
        for sock in held:
            sock.close()
    print(f"slowest /health with 100 slow connections open: {slowest:.3f} s")
    assert slowest < 1.0


def test_the_documented_deploy_starts_the_server_behind_nginx():
    procfile = (ROOT / "Procfile").read_text()
    render = (ROOT / "render.yaml").read_text()
    assert "web: puantaj-server serve" in procfile
    assert "dockerCommand: puantaj-server serve" in render
    assert "nginx" in (ROOT / "Dockerfile").read_text()

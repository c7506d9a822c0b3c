"""What one request can cost a gunicorn worker: a small gzip body that inflates to
a flood of JSON values is refused before it is parsed (issue 11 #1)."""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path

import pytest
import requests

from tests import servers

MB = 1024 * 1024


def _shapes(max_bytes: int, max_nodes: int) -> dict[str, bytes]:
    """Bodies a region token can send, each as costly as the limits let it be."""
    just_under = max_nodes - 10
    return {
        # the case: ~65 KB of gzip, just under 64 MB of `{}` when inflated
        "empty_objects_64mb": b'{"changes":[' + b"{}," * (64 * MB // 3 - 10) + b"{}]}",
        "empty_objects_at_limit": b'{"changes":['
        + b"{}," * (just_under // 2)
        + b"{}]}",
        "strings_at_limit": b'{"changes":[' + b'"a",' * just_under + b'"a"]}',
        "floats_at_limit": b'{"changes":[' + b"1.5," * just_under + b"1.5]}",
        "long_string": b'{"changes":[],"x":"' + b"a" * (max_bytes - 40) + b'"}',
        "deep": b"[" * (max_bytes // 2) + b"]" * (max_bytes // 2),
    }


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise AssertionError(key)


@pytest.fixture(scope="module")
def gunicorn_one_worker(tmp_path_factory):
    env = servers.sqlite_env(tmp_path_factory.mktemp("memory"))
    running = servers.start(env, workers=1)
    token = env.token("Bomb")
    yield running, token
    running.stop()


def _send(url: str, token: str, raw: bytes) -> int:
    reply = requests.post(
        url + "/sync",
        data=gzip.compress(raw, compresslevel=6),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        },
        timeout=120,
    )
    return reply.status_code


def test_no_request_raises_a_workers_memory_by_200mb(gunicorn_one_worker):
    running, token = gunicorn_one_worker
    settings = _settings(running)
    worker = _worker_pid(running.proc.pid)
    grown = {}
    for name, raw in _shapes(*settings).items():
        _send(running.url, token, b'{"protocol":1,"site_id":"warm","changes":[]}')
        before = _status_kb(worker, "VmRSS")
        Path(f"/proc/{worker}/clear_refs").write_text("5")  # resets the peak (VmHWM)
        status = _send(running.url, token, raw)
        grown[name] = ((_status_kb(worker, "VmHWM") - before) // 1024, status)
    print("peak growth MB, status:", grown)
    assert all(status in (400, 413) for _, status in grown.values()), grown
    assert all(mb < 200 for mb, _ in grown.values()), grown


def test_four_costly_requests_at_once_leave_health_answering(gunicorn_one_worker):
    running, token = gunicorn_one_worker
    raw = _shapes(*_settings(running))["empty_objects_64mb"]
    statuses: list[int] = []
    senders = [
        threading.Thread(target=lambda: statuses.append(_send(running.url, token, raw)))
        for _ in range(4)
    ]
    for sender in senders:
        sender.start()
    slowest = 0.0
    while any(s.is_alive() for s in senders):
        t0 = time.perf_counter()
        assert requests.get(running.url + "/health", timeout=10).status_code == 200
        slowest = max(slowest, time.perf_counter() - t0)
    for sender in senders:
        sender.join()
    print("slowest /health while 4 bombs were in flight:", round(slowest, 3), "s")
    assert statuses == [413] * 4
    assert slowest < 1.0


def _settings(running) -> tuple[int, int]:
    from server.config import load_server_settings

    settings = load_server_settings(running.env.env())
    return settings.max_body_bytes, settings.max_json_nodes

"""A desktop's SyncController hears the server's events and syncs (issue 16);
without an event channel it keeps to its schedule. Real server over HTTP on
127.0.0.1, real SQLite stores; waits are on the posted messages, never sleeps.
"""

from __future__ import annotations

import dataclasses
import queue

import pytest

from puantaj.app import build_controller
from puantaj.sync.live import LiveState
from puantaj.sync.scheduler import SyncEvent
from tests import servers
from tests.e2e.conftest import make_desk
from tests.server.helpers import body, employee

WAIT_S = 60  # a bound for a broken build, never a measure


class Messages:
    """A recording `post`: what the controller would hand the Tk pump."""

    def __init__(self) -> None:
        self.items: queue.Queue = queue.Queue()
        self.seen: list[object] = []

    def post(self, message: object) -> None:
        self.items.put(message)

    def wait_for(self, wanted) -> object:
        while True:
            message = self.items.get(timeout=WAIT_S)
            self.seen.append(message)
            if wanted(message):
                return message

    def wait_for_each(self, *wanted) -> list[object]:
        """The first message each predicate matches, whichever comes first (the
        channel's state and the first run's end race each other)."""
        found: list[object] = [None] * len(wanted)
        while any(f is None for f in found):
            message = self.items.get(timeout=WAIT_S)
            self.seen.append(message)
            for i, predicate in enumerate(wanted):
                if found[i] is None and predicate(message):
                    found[i] = message
                    break
        return found


def finished(message: object) -> bool:
    return isinstance(message, SyncEvent) and message.kind == "finished"


@pytest.fixture
def desk_with_controller(tmp_path):
    made = []

    def make(server, token: str, interval_min: float):
        desk = make_desk(tmp_path / f"desk-{len(made)}", server.url, token, "Ankara")
        desk.services.settings = dataclasses.replace(
            desk.services.settings, sync_interval_min=interval_min
        )
        messages = Messages()
        controller = build_controller(desk.services, messages.post)
        made.append((desk, controller))
        return desk, controller, messages

    yield make
    for desk, controller in made:
        controller.stop()
        desk.services.store.close()


def test_an_event_makes_the_desktop_sync(tmp_path, desk_with_controller):
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    token = env.tokens(["Ankara"])["Ankara"]
    server = servers.start(env)  # the embedded server: /events in its process
    try:
        # an hour between scheduled runs: only an event explains a second run
        desk, controller, messages = desk_with_controller(server, token, 60)
        controller.start()
        _, first = messages.wait_for_each(lambda m: m == LiveState(True), finished)
        assert first.report.state == "ok"
        reply = server.post(
            "/sync", body([employee("Ankara", "77", "other-pc")], "other-pc"), token
        )
        assert reply.json()["accepted"] == 1
        second = messages.wait_for(finished)
        assert second.report.state == "ok"
        sicils = {row["sicil_no"] for row in desk.employees().values()}
        assert "77" in sicils
    finally:
        server.stop()


def test_without_an_event_channel_the_schedule_still_syncs(
    tmp_path, desk_with_controller
):
    """An older server (or plain gunicorn) answers /events with 404: the
    desktop says nothing about it and syncs on its schedule."""
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    token = env.tokens(["Ankara"])["Ankara"]
    server = servers.start(env, workers=1)  # gthread workers: no /events
    try:
        desk, controller, messages = desk_with_controller(server, token, 0.01)
        controller.start()
        for _ in range(2):  # the first run and one the schedule started
            assert messages.wait_for(finished).report.state == "ok"
        assert LiveState(True) not in messages.seen
        assert controller.live is not None
        assert server.get("/events", token).status_code == 404
    finally:
        server.stop()


def test_after_the_server_comes_back_the_desktop_listens_and_syncs_again(
    tmp_path, desk_with_controller
):
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    token = env.tokens(["Ankara"])["Ankara"]
    server = servers.start(env)
    port = int(server.url.rsplit(":", 1)[1])
    try:
        desk, controller, messages = desk_with_controller(server, token, 60)
        controller.start()
        messages.wait_for_each(lambda m: m == LiveState(True), finished)
        server.stop()
        messages.wait_for(lambda m: m == LiveState(False))  # quietly: no error shown
        server = servers.start(env, port=port)
        reply = server.post(
            "/sync", body([employee("Ankara", "78", "other-pc")], "other-pc"), token
        )
        assert reply.json()["accepted"] == 1
        messages.wait_for(lambda m: m == LiveState(True))  # backoff found it again
        while "78" not in {r["sicil_no"] for r in desk.employees().values()}:
            assert messages.wait_for(finished).report.state == "ok"
    finally:
        server.stop()

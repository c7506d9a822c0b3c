"""≥ 20 clients push and pull at once through 2 gunicorn workers on PostgreSQL;
every client ends having seen every change in its scope."""

from __future__ import annotations

import threading
import uuid

import requests

from tests import servers
from tests.conftest import require
from tests.server.conftest import pg_url
from tests.server.helpers import body, employee

REGIONS = ("Ankara", "İstanbul", "Bursa", "İzmir")
CLIENTS_PER_REGION = 5
ROUNDS = 6
ROWS_PER_PUSH = 10
PULL_LIMIT = 7  # small pages so pulls interleave with other clients' commits


class Client:
    def __init__(self, server, token: str, region: str | None, name: str) -> None:
        self.server = server
        self.token = token
        self.region = region
        self.site = f"site-{uuid.uuid4().hex[:12]}"
        self.cursor = ""
        self.seen: set[str] = set()
        self.pushed: dict[str, str] = {}  # id → region
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.errors: list[str] = []

    def exchange(self, changes: list) -> bool:
        reply = self.http.post(
            self.server.url + "/sync",
            json=body(changes, site=self.site, cursor=self.cursor, limit=PULL_LIMIT),
            timeout=60,
        )
        if reply.status_code != 200:
            self.errors.append(f"{reply.status_code} {reply.text[:200]}")
            return False
        data = reply.json()
        if data["rejected"]:
            self.errors.append(str(data["rejected"][:2]))
        self.seen |= {c["id"] for c in data["changes"]}
        self.cursor = data["cursor"]
        return data["more"]

    def run(self, start: threading.Barrier, name: str) -> None:
        start.wait()
        for round_no in range(ROUNDS):
            changes = []
            if self.region:
                for i in range(ROWS_PER_PUSH):
                    change = employee(
                        self.region, f"{name}-{round_no}-{i}", site=self.site
                    )
                    changes.append(change)
                    self.pushed[change["id"]] = self.region
            self.exchange(changes)
            self.exchange([])

    def finish(self) -> None:
        while self.exchange([]):
            pass


def test_every_client_sees_every_change_in_its_scope(tmp_path):
    url = pg_url()
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    env = servers.pg_env(tmp_path, url)
    env.cli("migrate")
    tokens = {region: env.token(region) for region in REGIONS}
    admin_token = env.token("*")
    server = servers.start(env, workers=2)
    try:
        clients = [
            Client(server, tokens[r], r, f"{r}{i}")
            for r in REGIONS
            for i in range(CLIENTS_PER_REGION)
        ]
        clients += [Client(server, admin_token, None, f"hq{i}") for i in range(2)]
        start = threading.Barrier(len(clients))
        threads = [
            threading.Thread(target=c.run, args=(start, f"{uuid.uuid4().hex[:6]}"))
            for c in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        for client in clients:
            client.finish()
        everything = {i: r for c in clients for i, r in c.pushed.items()}
        assert (
            len(everything)
            == len(REGIONS) * CLIENTS_PER_REGION * ROUNDS * ROWS_PER_PUSH
        )
        for client in clients:
            assert client.errors == []
            expected = {
                i
                for i, r in everything.items()
                if client.region is None or r == client.region
            }
            # a site is not sent its own writes back; everyone else's it must see
            others = expected - set(client.pushed)
            assert client.seen & others == others, (
                client.site,
                len(others - client.seen),
            )
            assert client.seen <= expected
    finally:
        server.stop()
        servers.drop_schema(url, env.db_schema)

"""The server's logs: no personal data or tokens even when the database fails
with them in hand, and one structured line per request (issue 11 #7)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import requests
from sqlalchemy import create_engine, text

from tests import servers
from tests.server.helpers import body, employee

SICIL, TC, FIRST, LAST = "SC-77310", "28461930070", "Zeynepxyz", "Kahramanxyz"


@dataclass
class LoggedEnv(servers.ServerEnv):
    extra: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {**super().env(), **self.extra}


def _start(env: servers.ServerEnv, **extra: str) -> servers.RunningServer:
    logged = LoggedEnv(env.home, env.database_url, env.db_schema, extra)
    return servers.start(logged, workers=1)


def _refuse_employee_inserts(env: servers.ServerEnv) -> None:
    """Make the database itself refuse a new employee row (as a constraint a
    migration forgot would): PostgreSQL then quotes the whole row back."""
    if env.db_schema:
        engine = create_engine(
            env.database_url.replace("postgresql://", "postgresql+psycopg://")
        )
        sql = (
            f'ALTER TABLE "{env.db_schema}".employees ADD CONSTRAINT refuse_all '
            "CHECK (length(sicil_no) < 0) NOT VALID"
        )
    else:
        engine = create_engine(env.database_url)
        sql = (
            "CREATE TRIGGER refuse_all BEFORE INSERT ON employees "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


def test_a_database_error_is_logged_without_its_values_or_the_token(backend):
    """Also: by default each request is one line of text."""
    running = _start(backend)
    try:
        token = backend.token("Ankara")
        running.post("/sync", body([]), token).raise_for_status()
        _refuse_employee_inserts(backend)
        row = employee("Ankara", SICIL, tc_no=TC, first_name=FIRST, last_name=LAST)
        reply = running.post("/sync", body([row]), token)
        assert reply.status_code in (409, 503), reply.text
        assert set(reply.json()) == {"error", "detail"}
    finally:
        running.stop()
    log = "".join(running.log)
    assert "database error" in log, log
    # the request lines are plain text by default
    (line,) = [ln for ln in running.log if "POST /sync 200" in ln]
    assert "region=Ankara" in line and "ms" in line, line
    for secret in (SICIL, TC, FIRST, LAST, token):
        assert secret not in log, f"{secret!r} in the log:\n{log}"


def test_each_request_is_one_json_line_when_configured(backend):
    running = _start(backend, PUANTAJ_LOG_FORMAT="json")
    try:
        token = backend.token("Ankara")
        pushed = running.post(
            "/sync", body([employee("Ankara", SICIL, tc_no=TC)]), token
        )
        assert pushed.json()["accepted"] == 1
        assert running.post("/sync", body([]), "wrong-token").status_code == 401
        assert running.post("/conflicts/7/restore", {}, token).status_code == 403
        requests.get(running.url + "/health", timeout=10).raise_for_status()
    finally:
        running.stop()
    # every line is JSON, gunicorn's own included
    records = [json.loads(line) for line in running.log if line.strip()]
    requests_ = [r for r in records if r.get("event") == "request"]
    by_route = {(r["method"], r["route"], r["status"]): r for r in requests_}
    push = by_route[("POST", "/sync", 200)]
    assert push["region"] == "Ankara" and push["token_id"] >= 1
    assert push["accepted"] == 1 and push["rejected"] == 0
    assert push["duration_ms"] >= 0 and push["level"] == "INFO"
    assert ("POST", "/sync", 401) in by_route
    assert ("POST", "/conflicts/<conflict_id>/restore", 403) in by_route
    # a load balancer's health checks stay out of the log (DEBUG)
    assert ("GET", "/health", 200) not in by_route
    log = "".join(running.log)
    for secret in (SICIL, TC, token, "wrong-token"):
        assert secret not in log

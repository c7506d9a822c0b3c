"""Schema guard, migrations, batch atomicity, SQLite → PostgreSQL move, CLI."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import uuid

import pytest

from puantaj.core.tables import natural_id
from tests import servers
from tests.conftest import require
from tests.server.conftest import LocalServer, pg_url
from tests.server.helpers import body, employee, pull_all


def test_a_database_with_another_apps_users_table_is_refused(tmp_path):
    env = servers.sqlite_env(tmp_path)
    env.home.mkdir(parents=True)
    conn = sqlite3.connect(env.home / "server.db")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    conn.close()
    out = env.cli("run", "--port", str(servers.free_port()), check=False)
    assert out.returncode == 2
    assert "not Puantaj's" in out.stderr and "users" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_older_or_foreign_revision_is_refused_with_what_to_do(tmp_path):
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    conn = sqlite3.connect(env.home / "server.db")
    conn.execute("UPDATE alembic_version SET version_num = 'ab12cd'")
    conn.commit()
    conn.close()
    out = env.cli("list-tokens", check=False)
    assert out.returncode == 2 and "another application" in out.stderr
    conn = sqlite3.connect(env.home / "server.db")
    conn.execute("DROP TABLE conflicts")
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    out = env.cli("list-tokens", check=False)
    assert out.returncode == 2 and "missing tables: conflicts" in out.stderr
    assert "puantaj-server migrate" in out.stderr


def test_an_older_schema_with_data_is_upgraded_by_migrate(tmp_path):
    from server import storage
    from server.config import load_server_settings

    env = servers.sqlite_env(tmp_path)
    settings = load_server_settings(
        env={}, overrides={"database_url": env.database_url}
    )
    engine = storage.make_engine(settings)
    assert storage.migrate(engine, settings, "0001") == "0001"
    conn = sqlite3.connect(env.home / "server.db")
    conn.execute(
        "INSERT INTO employees (id, region, sicil_no, first_name, last_name, deleted,"
        " _hlc, _seq) VALUES (?, 'Ankara', '1', 'Eski', 'Kayıt', 0, ?, 1)",
        (
            natural_id("employees", "Ankara", "1"),
            '{"1700000000000:00000:old": ["sicil_no", "first_name", "last_name"]}',
        ),
    )
    conn.execute("UPDATE sync_counter SET value = 1")
    conn.commit()
    conn.close()
    refused = env.cli("list-tokens", check=False)
    assert refused.returncode == 2 and "puantaj-server migrate" in refused.stderr
    assert f"at {storage.head_revision()}" in env.cli("migrate").stdout
    server = servers.start(env)
    try:
        head = int(storage.head_revision())
        assert server.get("/health", None).json()["schema_version"] == head
        ankara = env.token("Ankara")
        rows = pull_all(server, ankara)
        assert [r["first_name"] for r in rows.values()] == ["Eski"]
    finally:
        server.stop()
        engine.dispose()


def test_a_batch_is_all_or_nothing_when_the_database_fails_part_way(tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        ankara = env.token("Ankara")
        conn = sqlite3.connect(env.home / "server.db")
        conn.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON employees"
            " WHEN NEW.first_name = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
        conn.commit()
        batch = body(
            [
                employee("Ankara", "1"),
                employee("Ankara", "2", first_name="BOOM"),
                employee("Ankara", "3"),
            ],
            batch_id="b-atomic",
        )
        reply = server.post("/sync", batch, ankara)
        assert (
            reply.status_code == 503 and reply.json()["error"] == "database_unavailable"
        )
        assert pull_all(server, ankara) == {}  # not even the first row
        conn.execute("DROP TRIGGER boom")
        conn.commit()
        conn.close()
        assert server.post("/sync", batch, ankara).json()["accepted"] == 3
        assert len(pull_all(server, ankara)) == 3
    finally:
        server.stop()


def test_the_database_file_itself_holds_what_was_pushed(tmp_path):
    """A thread of the server's own copies writes from the WAL into the file
    soon after they commit, not once a request's commit crosses the
    autocheckpoint (that request then answered 70 ms late): a copy of the file
    alone, as a careless file backup would take it, holds them."""
    env = servers.sqlite_env(tmp_path)
    local = LocalServer(env)

    def push_and_count_in_the_file_alone(first: int, last: int) -> int:
        rows = [employee("Ankara", str(n)) for n in range(first, last)]
        reply = local.post("/sync", body(rows), token).json()
        assert reply["accepted"] == last - first
        assert local.context.checkpointer.settled(timeout_s=10)
        shutil.copy(env.home / "server.db", tmp_path / "alone.db")
        alone = sqlite3.connect(tmp_path / "alone.db")
        try:
            return alone.execute("SELECT count(*) FROM employees").fetchone()[0]
        finally:
            alone.close()

    try:
        token = local.token("Ankara")
        assert push_and_count_in_the_file_alone(0, 50) == 50
        assert push_and_count_in_the_file_alone(50, 60) == 60  # and a later write
    finally:
        local.close()


@pytest.mark.parametrize("name", ["server.db", "şube #1 %41;&.db"])
def test_the_checkpointer_copies_whatever_the_path_looks_like(tmp_path, name):
    """A path SQLite would misread as a URI (a leading '//' is an authority, '%'
    an escape) is still the file that gets copied into."""
    from server.checkpoint import Checkpointer

    path = tmp_path / name
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # only the thread copies
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    checkpointer = Checkpointer("/" + str(path))  # '//tmp/…': the same file
    checkpointer.poke()
    assert checkpointer.settled(timeout_s=10)
    shutil.copy(path, tmp_path / "alone.db")
    alone = sqlite3.connect(tmp_path / "alone.db")
    assert alone.execute("SELECT x FROM t").fetchall() == [(1,)]
    alone.close()
    conn.close()


def test_token_commands_list_and_revoke(tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.token("Bursa")
        assert server.post("/sync", body([]), token).status_code == 200
        listing = env.cli("list-tokens").stdout
        assert "Bursa" in listing and token not in listing
        token_id = listing.split()[0]
        assert "revoked" in env.cli("revoke-token", token_id).stdout
        fresh = servers.start(env)  # a new process has no cached token
        try:
            assert fresh.post("/sync", body([]), token).status_code == 401
        finally:
            fresh.stop()
    finally:
        server.stop()
    stored = (
        sqlite3.connect(env.home / "server.db")
        .execute("SELECT token_hash FROM tokens")
        .fetchone()[0]
    )
    assert stored != token and len(stored) == 64


def test_server_backup_is_verified_and_pruned(tmp_path):
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    for _ in range(3):
        out = env.cli("backup")
        assert "integrity ok" in out.stdout
    assert len(list((env.home / "backups").glob("server-*.db"))) == 3


def move_data(source: str, target: str, env: dict, *extra: str):
    """Run `python migrate_db.py --from SOURCE --to TARGET` as a user would."""
    return subprocess.run(
        [
            sys.executable,
            str(servers.ROOT / "migrate_db.py"),
            "--from",
            source,
            "--to",
            target,
            *extra,
        ],
        env=env,
        cwd=servers.ROOT,
        capture_output=True,
        text=True,
    )


def test_sqlite_to_postgresql_move_is_proven_by_checksums(tmp_path):
    url = pg_url()
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    src = servers.sqlite_env(tmp_path)
    server = servers.start(src)
    try:
        ankara, admin = src.token("Ankara"), src.token("*")
        server.post(
            "/sync", body([employee("Ankara", str(i)) for i in range(30)]), ankara
        )
        older = employee("Ankara", "1", site="pc-2", offset_ms=-60_000, title="Eski")
        server.post("/sync", body([older], site="pc-2"), ankara)
        expected = pull_all(server, admin)
    finally:
        server.stop()
    schema = f"t_{uuid.uuid4().hex[:10]}"
    env = {**src.env(), "PUANTAJ_DB_SCHEMA": schema}
    try:
        move = move_data(src.database_url, url, env)
        assert move.returncode == 0, move.stdout + move.stderr
        assert "all tables match ✓" in move.stdout
        assert "conflicts" in move.stdout
        check = move_data(src.database_url, url, env, "--validate-only")
        assert check.returncode == 0 and "✗" not in check.stdout
        # the moved server serves the same data and keeps counting from there
        pg = servers.ServerEnv(tmp_path / "pg", url, schema)
        moved = servers.start(pg)
        try:
            assert pull_all(moved, admin) == expected
            # the moved sites stay bound to their tokens; a new token, a new site
            ankara_pg = pg.token("Ankara")
            pushed = moved.post(
                "/sync", body([employee("Ankara", "99")], site="pc-new"), ankara_pg
            )
            assert pushed.json()["accepted"] == 1
            taken = moved.post("/sync", body([]), ankara_pg)  # site-a: the old token's
            assert taken.status_code == 403
        finally:
            moved.stop()
        # a second move into a non-empty target is refused
        again = move_data(src.database_url, url, env)
        assert again.returncode == 2 and "not empty" in again.stderr
    finally:
        servers.drop_schema(url, schema)


def test_validate_only_reports_a_difference(tmp_path):
    a, b = servers.sqlite_env(tmp_path), servers.sqlite_env(tmp_path)
    for env in (a, b):
        env.cli("migrate")
    a.token("Ankara")
    out = move_data(a.database_url, b.database_url, a.env(), "--validate-only")
    assert out.returncode == 1 and "MISMATCH in tokens" in out.stderr


def test_cli_lists_and_restores_conflicts_and_locks_months(tmp_path):
    import json

    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        ankara = env.token("Ankara")
        emp = employee("Ankara", "1", site="pc-1", title="Usta")
        server.post("/sync", body([emp], site="pc-1"), ankara)
        older = employee("Ankara", "1", site="pc-2", offset_ms=-60_000)
        older["row"] = {"title": "Kalfa"}
        server.post("/sync", body([older], site="pc-2"), ankara)
        listed = [json.loads(line) for line in env.cli("conflicts").stdout.splitlines()]
        (lost,) = [c for c in listed if c["column_name"] == "title"]
        assert lost["value"] == "Kalfa"
        restored = json.loads(env.cli("restore-conflict", str(lost["id"])).stdout)
        assert restored["value"] == "Kalfa"
        assert pull_all(server, ankara)[("employees", emp["id"])]["title"] == "Kalfa"
        assert '"locked"' in env.cli("lock", "Ankara", "2026-03").stdout
        no_reason = env.cli("unlock", "Ankara", "2026-03", check=False)
        assert no_reason.returncode == 2 and "reason" in no_reason.stderr
        assert (
            '"draft"'
            in env.cli("unlock", "Ankara", "2026-03", "--reason", "düzeltme").stdout
        )
    finally:
        server.stop()

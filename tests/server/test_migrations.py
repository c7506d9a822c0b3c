"""Alembic revisions are frozen snapshots: a table or column added to the code
later never changes what an old revision does; and 0003 data upgrades to head."""

from __future__ import annotations

import dataclasses

from sqlalchemy import inspect, text

from puantaj.core import tables as core_tables
from server import storage
from server.config import load_server_settings
from tests import servers
from tests.server.conftest import LocalServer
from tests.server.helpers import at, body, new_employee, pull_all


def schema_of(engine) -> dict[str, list[str]]:
    found = inspect(engine)
    return {
        name: sorted(c["name"] for c in found.get_columns(name))
        for name in sorted(found.get_table_names())
    }


def migrated(env: servers.ServerEnv, revision: str = "head"):
    settings = load_server_settings(
        env=env.env(), overrides={"database_url": env.database_url}
    )
    engine = storage.make_engine(settings)
    storage.migrate(engine, settings, revision)
    return engine


def test_revisions_do_not_read_the_live_table_list(tmp_path, monkeypatch):
    plain = migrated(servers.sqlite_env(tmp_path))
    expected = schema_of(plain)
    plain.dispose()
    employees = core_tables.TABLES["employees"]
    grown = dataclasses.replace(
        employees, columns=(*employees.columns, core_tables.Column("later", "text"))
    )
    monkeypatch.setitem(core_tables.TABLES, "employees", grown)
    monkeypatch.setitem(
        core_tables.TABLES,
        "later_table",
        core_tables.TableSpec("later_table", (core_tables.Column("x", "text"),)),
    )
    engine = migrated(servers.sqlite_env(tmp_path))
    try:
        assert schema_of(engine) == expected
    finally:
        engine.dispose()


def test_a_0003_database_with_batches_and_sites_upgrades_to_head(backend):
    engine = migrated(backend, "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO batches (batch_id, site_id, result, at)"
                " VALUES ('old', 'pc-old', '{\"accepted\": 1, \"rejected\": []}', 'x')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sites (site_id, region, pushed_total, refused_total)"
                " VALUES ('pc-old', 'Ankara', 5, 0)"
            )
        )
    storage.migrate(
        engine,
        load_server_settings(
            env=backend.env(), overrides={"database_url": backend.database_url}
        ),
    )
    engine.dispose()
    local = LocalServer(backend)
    try:
        ankara = local.token("Ankara")
        emp = new_employee("Ankara", "1", at("pc-old"))
        data = local.post("/sync", body([emp], site="pc-old"), ankara).json()
        assert data["accepted"] == 1
        assert ("employees", emp["id"]) in pull_all(local, ankara)
        # the old site was claimed by the first token that used it
        izmir = local.token("İzmir")
        assert local.post("/sync", body([], site="pc-old"), izmir).status_code == 403
    finally:
        local.close()

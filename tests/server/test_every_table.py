"""Every synced table keeps every column's value exactly, new rows and updates,
on SQLite and on PostgreSQL (where rows are written as one array per column)."""

from __future__ import annotations

import uuid

from puantaj.core.tables import TABLES, Column
from tests.server.helpers import body, pull_all, stamp

VALID_TC = "10000000146"


def value(column: Column, version: int):
    if column.choices:
        return column.choices[version % len(column.choices)]
    if column.check == "tc":
        return VALID_TC
    if column.check == "plate":
        return ("06 ABC 123", "34 KL 4567")[version % 2]
    return {
        "text": f"ğüşİı {column.name} {version}"[: column.max_len],
        "date": f"2026-0{version + 1}-15",
        "month": f"2026-0{version + 1}",
        "int": 41 + version,
        "bool": version % 2,
        "real": 1.25 + version,
    }[column.kind]


def every_table(version: int, ids: dict[str, str], site: str) -> list[dict]:
    return [
        {
            "table": name,
            "id": ids[name],
            "region": "Ankara",
            "hlc": stamp(site, counter=version),
            "row": {c.name: value(c, version) for c in spec.columns},
        }
        for name, spec in TABLES.items()
    ]


def test_every_column_of_every_table_round_trips(server):
    admin = server.env.token("*")
    ids = {name: str(uuid.uuid4()) for name in TABLES}
    for version in (0, 1):  # a new row, then every column updated
        reply = server.post(
            "/sync", body(every_table(version, ids, "pc-1"), site="pc-1"), admin
        ).json()
        assert (reply["accepted"], reply["rejected"]) == (len(TABLES), [])
        rows = pull_all(server, admin)
        for name, spec in TABLES.items():
            row = rows[(name, ids[name])]
            assert row == {
                "region": "Ankara",
                **{c.name: value(c, version) for c in spec.columns},
            }, name

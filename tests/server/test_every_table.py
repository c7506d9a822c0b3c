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
        "int": 41 + version if column.max_value > 41 else column.min_value + version,
        "bool": version % 2,
        "real": 1.25 + version,
    }[column.kind]


# a row names its parent by id; the parent comes in the same batch
PARENT_IDS = {"employee_id": "employees", "vehicle_id": "vehicles"}


def row_of(name: str, version: int, ids: dict[str, str]) -> dict:
    """Every column of table `name`; a natural key (fixed once the row exists)
    keeps its first value, a parent link points at the batch's parent row."""
    spec = TABLES[name]
    row = {}
    for c in spec.columns:
        if c.name in PARENT_IDS:
            row[c.name] = ids[PARENT_IDS[c.name]]
        elif c.name in spec.natural_key:
            row[c.name] = value(c, 0)
        else:
            row[c.name] = value(c, version)
    return row


def every_table(version: int, ids: dict[str, str], site: str) -> list[dict]:
    return [
        {
            "table": name,
            "id": ids[name],
            "region": "Ankara",
            "hlc": stamp(site, counter=version),
            "row": row_of(name, version, ids),
        }
        for name in TABLES
    ]


def test_every_column_of_every_table_round_trips(server):
    admin = server.env.token("*")
    ids = {name: str(uuid.uuid4()) for name in TABLES}
    for version in (0, 1):  # a new row, then every column updated
        reply = server.post(
            "/sync", body(every_table(version, ids, "pc-1"), site="pc-1"), admin
        ).json()
        assert (reply["accepted"], reply["rejected"]) == (len(TABLES), []), reply
        rows = pull_all(server, admin)
        for name in TABLES:
            row = rows[(name, ids[name])]
            assert row == {"region": "Ankara", **row_of(name, version, ids)}, name

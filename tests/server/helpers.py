"""Building wire changes and sync bodies for server tests."""

from __future__ import annotations

import hashlib
import time
import uuid

from puantaj.core.hlc import Stamp
from puantaj.core.tables import natural_id, timesheet_id


def stamp(site: str, offset_ms: int = 0, counter: int = 0) -> str:
    return str(Stamp(int(time.time() * 1000) + offset_ms, counter, site))


def employee(
    region: str, sicil: str, site: str = "site-a", offset_ms: int = 0, **row
) -> dict:
    base = {
        "sicil_no": sicil,
        "first_name": "Ad",
        "last_name": "Soyad",
        "hire_date": "2025-01-01",
        "deleted": 0,
    }
    base.update(row)
    return {
        "table": "employees",
        "id": natural_id("employees", region, sicil),
        "region": region,
        "hlc": stamp(site, offset_ms),
        "row": base,
    }


def cell(
    region: str,
    employee_id: str,
    day: str,
    code: str,
    site: str = "site-a",
    offset_ms: int = 0,
) -> dict:
    return {
        "table": "timesheets",
        "id": timesheet_id(employee_id, day),
        "region": region,
        "hlc": stamp(site, offset_ms),
        "row": {
            "employee_id": employee_id,
            "work_date": day,
            "code": code,
            "deleted": 0,
        },
    }


def body(
    changes: list,
    site: str = "site-a",
    cursor: str = "",
    limit: int = 5000,
    batch_id: str | None = None,
) -> dict:
    return {
        "protocol": 1,
        "site_id": site,
        "batch_id": batch_id or str(uuid.uuid4()),
        "cursor": cursor,
        "changes": changes,
        "limit": limit,
    }


def pull_all(server, token: str, site: str = "", limit: int = 5000) -> dict:
    """Follow the cursor until `more` is false; return {(table, id): merged row}.

    The default site is one per token (a site id belongs to one token)."""
    site = site or "puller-" + hashlib.sha256(token.encode()).hexdigest()[:12]
    rows: dict[tuple[str, str], dict] = {}
    cursor = ""
    while True:
        reply = server.post(
            "/sync", body([], site=site, cursor=cursor, limit=limit), token
        )
        reply.raise_for_status()
        data = reply.json()
        for change in data["changes"]:
            row = rows.setdefault(
                (change["table"], change["id"]), {"region": change["region"]}
            )
            row.update(change["row"])
        cursor = data["cursor"]
        if not data["more"]:
            return rows


def at(site: str, offset_ms: int = 0, counter: int = 0) -> str:
    """A stamp relative to the fake physical time of the `local` servers."""
    from tests.server.conftest import NOW_MS

    return str(Stamp(NOW_MS + offset_ms, counter, site))


def change(table: str, row_id: str, region: str, hlc: str, **row) -> dict:
    return {"table": table, "id": row_id, "region": region, "hlc": hlc, "row": row}


def new_employee(region: str, sicil: str, hlc: str, **row) -> dict:
    """A whole employee row under one stamp (all required columns)."""
    values = {
        "sicil_no": sicil,
        "first_name": "Ad",
        "last_name": "Soyad",
        "hire_date": "2025-01-01",
        "deleted": 0,
        **row,
    }
    return change(
        "employees", natural_id("employees", region, sicil), region, hlc, **values
    )


def new_cell(region: str, employee_id: str, day: str, hlc: str, **row) -> dict:
    values = {"employee_id": employee_id, "work_date": day, "deleted": 0, **row}
    return change("timesheets", timesheet_id(employee_id, day), region, hlc, **values)


def month_report(region: str, month: str, status: str, hlc: str) -> dict:
    return change(
        "reports",
        natural_id("reports", region, month),
        region,
        hlc,
        month=month,
        status=status,
        deleted=0,
    )

"""Upgrade of the old single-office database (integer ids, no region, no users)."""

from __future__ import annotations

import sqlite3

from puantaj.core import validators
from puantaj.core.codes import CodeTable
from puantaj.core.tables import natural_id, timesheet_id
from puantaj.errors import ValidationError

_EMPLOYEE_ALIASES = {
    "sicil_no": ("sicil_no", "sicil", "employee_no", "sicilno"),
    "tc_no": ("tc_no", "tc", "tc_kimlik", "tckn", "tc_kimlik_no"),
    "first_name": ("first_name", "ad", "adi"),
    "last_name": ("last_name", "soyad", "soyadi"),
    "full_name": ("name", "full_name", "ad_soyad", "adsoyad"),
    "title": ("title", "unvan", "position", "gorev"),
    "hire_date": ("hire_date", "ise_giris", "start_date", "giris_tarihi"),
    "exit_date": ("exit_date", "cikis", "end_date", "cikis_tarihi"),
}
_TIMESHEET_ALIASES = {
    "employee_id": ("employee_id", "personel_id", "emp_id"),
    "work_date": ("work_date", "date", "tarih", "day"),
    "code": ("code", "kod", "status", "value", "durum"),
    "overtime_hours": ("overtime_hours", "overtime", "mesai", "fm"),
}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def is_legacy(conn: sqlite3.Connection) -> bool:
    """True for a database whose employees table has no region column."""
    cols = _columns(conn, "employees")
    return bool(cols) and "region" not in cols


def set_aside(conn: sqlite3.Connection) -> None:
    """Rename the old tables so the new schema can be created beside them."""
    for table in ("employees", "timesheets"):
        if _columns(conn, table):
            conn.execute(f'ALTER TABLE "{table}" RENAME TO "_legacy_{table}"')


def _pick(row: sqlite3.Row, keys: list[str], aliases: tuple[str, ...]) -> object:
    for name in aliases:
        if name in keys and row[name] not in (None, ""):
            return row[name]
    return None


def _date(value: object) -> str | None:
    try:
        return validators.parse_date(value).isoformat() if value else None
    except ValidationError:
        return None


def import_rows(conn: sqlite3.Connection, region: str) -> dict[str, int]:
    """Copy every old row into the new tables with a UUID and `region`."""
    ids: dict[object, str] = {}
    keys = _columns(conn, "_legacy_employees")
    n_emp = 0
    for row in conn.execute("SELECT * FROM _legacy_employees").fetchall():
        v = {k: _pick(row, keys, a) for k, a in _EMPLOYEE_ALIASES.items()}
        legacy_id = row["id"] if "id" in keys else row[0]
        sicil = str(v["sicil_no"] or f"L{legacy_id}")
        first, last = v["first_name"], v["last_name"]
        if not (first and last) and v["full_name"]:
            parts = str(v["full_name"]).split()
            first, last = " ".join(parts[:-1]) or parts[0], parts[-1]
        emp_id = natural_id("employees", region, sicil)
        ids[legacy_id] = emp_id
        n_emp += conn.execute(
            "INSERT OR IGNORE INTO employees (id, region, sicil_no, tc_no, first_name,"
            " last_name, title, hire_date, exit_date, created_by, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,'migrate_db',datetime('now'))",
            (
                emp_id,
                region,
                sicil,
                v["tc_no"] and str(v["tc_no"]),
                first or "?",
                last or "?",
                v["title"],
                _date(v["hire_date"]) or "2000-01-01",
                _date(v["exit_date"]),
            ),
        ).rowcount
    n_cells = 0
    if _columns(conn, "_legacy_timesheets"):
        n_cells = _import_cells(conn, ids, region)
    return {"employees": n_emp, "timesheets": n_cells}


def _import_cells(conn: sqlite3.Connection, ids: dict[object, str], region: str) -> int:
    keys = _columns(conn, "_legacy_timesheets")
    codes = CodeTable()
    count = 0
    for row in conn.execute("SELECT * FROM _legacy_timesheets").fetchall():
        v = {k: _pick(row, keys, a) for k, a in _TIMESHEET_ALIASES.items()}
        emp_id = ids.get(v["employee_id"])
        day = _date(v["work_date"])
        if emp_id is None or day is None:
            continue
        raw = str(v["code"] or "")
        known = codes.resolve(raw)
        code = known.code if known else raw or None
        count += conn.execute(
            "INSERT OR IGNORE INTO timesheets (id, region, employee_id, work_date, code,"
            " overtime_hours, created_by, created_at)"
            " VALUES (?,?,?,?,?,?,'migrate_db',datetime('now'))",
            (
                timesheet_id(emp_id, day),
                region,
                emp_id,
                day,
                code,
                float(str(v["overtime_hours"])) if v["overtime_hours"] else None,
            ),
        ).rowcount
    return count

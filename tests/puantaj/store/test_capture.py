"""Change capture: every write to a synced table is stamped and queued, even raw SQL."""

import json
import shutil
import subprocess

import pytest

from puantaj.core.changes import parse_change
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from puantaj.store import changelog
from tests.conftest import employee_stamps, require

ONE_EMPLOYEE = {
    "sicil_no": "1",
    "first_name": "A",
    "last_name": "B",
    "hire_date": "01.01.2026",
}


def rows(conn, sql, *args):
    return [dict(r) for r in conn.execute(sql, args)]


def test_a_raw_sql_write_in_the_sqlite3_shell_is_captured(services):
    require(shutil.which("sqlite3") is not None, "the sqlite3 shell is not installed")
    db = str(services.store.path)
    subprocess.run(
        [
            "sqlite3",
            db,
            "INSERT INTO employees (id, region, sicil_no, first_name, last_name, hire_date)"
            " VALUES ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'Ankara', '7', 'Ali', 'Kaya',"
            " '2026-01-05');"
            "UPDATE employees SET title = 'Şoför' WHERE sicil_no = '7';",
        ],
        check=True,
    )
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 100)
        assert changelog.pending_count(conn) == 1
    changes = [parse_change(c) for c in page.changes]  # valid on the wire
    (emp,) = [c for c in changes if c.table == "employees" and "title" in c.row]
    assert emp.row == {"title": "Şoför"}
    others = [c for c in changes if c.table == "employees" and c is not emp]
    assert others and "first_name" in others[0].row
    assert Stamp.parse(emp.hlc) > Stamp.parse(others[0].hlc)


def test_a_delete_in_the_shell_becomes_a_tombstone(services, ankara):
    require(shutil.which("sqlite3") is not None, "the sqlite3 shell is not installed")
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    subprocess.run(
        [
            "sqlite3",
            str(services.store.path),
            f"DELETE FROM employees WHERE id = '{emp}';",
        ],
        check=True,
    )
    with services.store.connection() as conn:
        (row,) = rows(conn, "SELECT deleted, _hlc FROM employees WHERE id = ?", emp)
    assert row["deleted"] == 1
    stamps = employee_stamps(row["_hlc"])
    assert stamps["deleted"] > stamps["first_name"]


def test_region_and_id_cannot_change(services, ankara):
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    import sqlite3

    with services.store.connection() as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE employees SET region = 'İzmir' WHERE id = ?", (emp,))


def test_only_changed_columns_get_new_stamps_and_ack_keeps_rewritten_rows(
    services, ankara
):
    svc = services.records["employees"]
    emp = svc.create(ankara, ONE_EMPLOYEE)
    with services.store.connection() as conn:
        first = changelog.read_page(conn, 10)
    svc.update(ankara, emp, {"title": "Usta"})
    with services.store.connection() as conn:
        (stamps,) = [
            employee_stamps(r["_hlc"])
            for r in conn.execute("SELECT _hlc FROM employees")
        ]
        assert stamps["title"] > stamps["first_name"]
        changelog.acknowledge(conn, first)  # acked what was read before the edit
        assert changelog.pending_count(conn) == 1  # the newer write is still queued
        again = changelog.read_page(conn, 10)
        changelog.acknowledge(conn, again)
        assert changelog.pending_count(conn) == 0


def test_a_row_written_once_keeps_one_stamp_and_an_edit_writes_each(services, ankara):
    """Issue 16: the file keeps a row written once as {"*": stamp}, a tenth of
    the bytes of one stamp per column; an edit writes the row out in full, the
    columns it left alone keeping the first stamp."""
    svc = services.records["employees"]
    emp = svc.create(ankara, ONE_EMPLOYEE)
    read = "SELECT _hlc FROM employees WHERE id = ?"
    with services.store.connection() as conn:
        (text,) = conn.execute(read, (emp,)).fetchone()
    (first,) = json.loads(text).values()
    assert json.loads(text) == {"*": first} and len(text) < 80
    svc.update(ankara, emp, {"title": "Usta"})
    with services.store.connection() as conn:
        (text,) = conn.execute(read, (emp,)).fetchone()
    held = json.loads(text)
    assert set(held) == set(TABLES["employees"].data_columns)
    assert held["first_name"] == held["sicil_no"] == first
    assert held["title"] > first
    with services.store.connection() as conn:  # what is sent: the two writes
        page = changelog.read_page(conn, 10)
    assert sorted(c["hlc"] for c in page.changes) == sorted({first, held["title"]})


def test_pulled_changes_apply_per_column_without_being_queued(services, ankara):
    svc = services.records["employees"]
    emp = svc.create(ankara, ONE_EMPLOYEE)
    with services.store.connection() as conn:
        changelog.acknowledge(conn, changelog.read_page(conn, 10))
        local = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
        old = Stamp.parse(local["first_name"])
        newer = str(Stamp(old.ms + 1000, 0, "remote"))
        older = str(Stamp(old.ms - 1000, 0, "remote"))
        from puantaj.core.changes import Change

        conn.execute("BEGIN")
        changelog.apply_remote(
            conn,
            [
                Change("employees", emp, "Ankara", newer, {"first_name": "Ayşe"}),
                Change("employees", emp, "Ankara", older, {"last_name": "Eski"}),
            ],
        )
        conn.execute("COMMIT")
        row = dict(
            conn.execute("SELECT first_name, last_name FROM employees").fetchone()
        )
        assert row == {"first_name": "Ayşe", "last_name": "B"}
        assert changelog.pending_count(conn) == 0
    svc.update(ankara, emp, {"title": "Usta"})  # a later local write wins over both
    with services.store.connection() as conn:
        stamps = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
    assert Stamp.parse(stamps["title"]) > Stamp.parse(newer)


GOOD_EMPLOYEE = {
    "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "region": "Ankara",
    "sicil_no": "2",
    "first_name": "C",
    "last_name": "D",
    "hire_date": "2026-01-05",
}


@pytest.mark.parametrize(
    "column, value",
    [
        ("sicil_no", None),
        ("first_name", ""),
        ("weekly_rest_day", 9),
        ("hire_date", "2026-02-30"),
        ("hire_date", "05.01.2026"),
        ("title", "Us\x00ta"),
        ("title", "Us\x07ta"),
        ("daily_hours", "sekiz"),
        ("deleted", 2),
    ],
)
def test_raw_sql_cannot_store_a_row_sync_would_refuse(services, ankara, column, value):
    """Issue 10 #5: the desktop's tables enforce what the server does."""
    import sqlite3

    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    row = {**GOOD_EMPLOYEE, column: value}
    names = ", ".join(row)
    with services.store.connection() as conn:
        with pytest.raises(sqlite3.IntegrityError, match=f"employees.{column}"):
            conn.execute(
                f"UPDATE employees SET {column} = ? WHERE id = ?", (value, emp)
            )
        with pytest.raises(sqlite3.IntegrityError, match=f"employees.{column}"):
            conn.execute(
                f"INSERT INTO employees ({names}) VALUES ({','.join('?' * len(row))})",
                tuple(row.values()),
            )
        conn.execute(
            f"INSERT INTO employees ({', '.join(GOOD_EMPLOYEE)}) VALUES (?,?,?,?,?,?)",
            tuple(GOOD_EMPLOYEE.values()),
        )  # the same row, valid, goes in


def test_an_old_row_that_breaks_a_rule_is_listed_by_check_and_can_be_fixed(
    services, ankara
):
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    with services.store.connection() as conn:  # as an old database may hold it
        conn.execute("UPDATE _clock SET applying = 1")
        conn.execute("UPDATE employees SET weekly_rest_day = 9, title = 'x\x01'")
        conn.execute("UPDATE _clock SET applying = 0")
    report = services.check()
    assert not report.ok
    assert "Rows the server would refuse: 1" in report.problems
    assert any(emp in line and "weekly_rest_day" in line for line in report.lines)
    services.records["employees"].update(ankara, emp, {"weekly_rest_day": 6})
    with services.store.connection() as conn:  # another field is still to fix
        assert "title" in services.check().render()
        conn.execute("UPDATE employees SET title = 'Usta'")
    assert "Rows the server would refuse: 0" in services.check().render()

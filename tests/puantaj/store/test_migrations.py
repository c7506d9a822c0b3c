"""migrate_db.py upgrades the old single-office layout without losing a row."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from puantaj.core.tables import natural_id, timesheet_id
from puantaj.store import changelog, migrations

ROOT = Path(__file__).resolve().parents[3]


def legacy_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE employees (id INTEGER PRIMARY KEY AUTOINCREMENT, sicil_no TEXT,
            name TEXT, tc_no TEXT, title TEXT, hire_date TEXT);
        CREATE TABLE timesheets (id INTEGER PRIMARY KEY AUTOINCREMENT,
            employee_id INTEGER REFERENCES employees(id), date TEXT, code TEXT);
        INSERT INTO employees (sicil_no, name, tc_no, title, hire_date) VALUES
            ('100', 'Ayşe Yılmaz', '10000000146', 'Muhasebe', '01.03.2020'),
            ('101', 'İsmail Çelik', NULL, 'Şoför', '2024-06-15'),
            (NULL, 'Işıl Öz', NULL, NULL, NULL);
        INSERT INTO timesheets (employee_id, date, code) VALUES
            (1, '2026-02-02', 'x'), (1, '2026-02-03', 'Yİ'), (2, '02.02.2026', 'h'),
            (3, '2026-02-02', 'R');
        """
    )
    conn.commit()
    conn.close()


def migrate(db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "migrate_db.py"), "--db", str(db), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_legacy_database_is_upgraded_with_uuids_and_region(tmp_path):
    db = tmp_path / "old.db"
    legacy_db(db)
    out = migrate(db, "--region", "Ankara")
    assert out.returncode == 0, out.stderr
    assert "imported 3 employees and 4 timesheet cells" in out.stdout
    backups = list((tmp_path / "backups").glob("puantaj-*before-migrate.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    assert (
        conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    )
    emps = {r["sicil_no"]: dict(r) for r in conn.execute("SELECT * FROM employees")}
    assert set(emps) == {"100", "101", "L3"}
    ayse = emps["100"]
    assert ayse["id"] == natural_id("employees", "Ankara", "100")
    assert (ayse["first_name"], ayse["last_name"], ayse["region"]) == (
        "Ayşe",
        "Yılmaz",
        "Ankara",
    )
    assert ayse["hire_date"] == "2020-03-01"
    cells = {
        (r["employee_id"], r["work_date"]): r["code"]
        for r in conn.execute("SELECT * FROM timesheets")
    }
    assert cells[(ayse["id"], "2026-02-02")] == "X"
    assert cells[(emps["101"]["id"], "2026-02-02")] == "HT"
    assert timesheet_id(ayse["id"], "2026-02-03") in {
        r[0] for r in conn.execute("SELECT id FROM timesheets")
    }
    # the old rows are kept, and every new row waits for its first push
    assert conn.execute("SELECT count(*) FROM _legacy_employees").fetchone()[0] == 3
    assert changelog.pending_count(conn) == 7
    conn.close()


def test_migration_is_idempotent(tmp_path):
    db = tmp_path / "old.db"
    legacy_db(db)
    assert migrate(db, "--region", "Ankara").returncode == 0
    second = migrate(db, "--region", "Ankara")
    assert second.returncode == 0
    assert "nothing to do" in second.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM employees").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM timesheets").fetchone()[0] == 4


def test_legacy_database_without_region_gets_a_clear_error_and_is_untouched(tmp_path):
    db = tmp_path / "old.db"
    legacy_db(db)
    out = migrate(db)
    assert out.returncode == 2
    assert "--region" in out.stderr
    assert "Traceback" not in out.stderr
    conn = sqlite3.connect(db)
    assert (
        conn.execute(
            "SELECT count(*) FROM employees WHERE name IS NOT NULL"
        ).fetchone()[0]
        == 3
    )


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    db = tmp_path / "new.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    out = migrate(db)
    assert out.returncode == 2
    assert "newer" in out.stderr

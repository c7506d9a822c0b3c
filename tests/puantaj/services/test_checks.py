"""check_db.py / puantaj check: a readable report, non-zero exit when anything is wrong."""

import subprocess
import sys
from pathlib import Path

from puantaj.core import desktop_schema

ROOT = Path(__file__).resolve().parents[3]


def check(db: Path, *cmd: str) -> subprocess.CompletedProcess:
    args = list(cmd) or [sys.executable, str(ROOT / "check_db.py")]
    return subprocess.run(
        [*args, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PUANTAJ_HOME": str(db.parent), "PATH": "/usr/bin:/bin"},
    )


def test_healthy_database_reports_counts_per_region(services, ankara, istanbul):
    for session, sicil in ((ankara, "1"), (ankara, "2"), (istanbul, "3")):
        services.records["employees"].create(
            session,
            {
                "sicil_no": sicil,
                "first_name": "A",
                "last_name": "B",
                "hire_date": "01.01.2026",
            },
        )
    out = check(services.store.path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Employees: 3 records ✓" in out.stdout
    assert "  Ankara: 2" in out.stdout and "  İstanbul: 1" in out.stdout
    assert "Unsent changes: 3 rows" in out.stdout
    version = desktop_schema.SCHEMA_VERSION
    assert f"Schema version: {version} (current {version}) ✓" in out.stdout


def test_puantaj_check_matches_and_a_corrupt_file_fails(services, tmp_path):
    same = subprocess.run(
        [sys.executable, "-m", "puantaj", "--db", str(services.store.path), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert same.returncode == 0 and "All checks passed ✓" in same.stdout
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"garbage" * 1000)
    out = check(bad)
    assert out.returncode == 1
    assert "✗" in out.stdout and "Traceback" not in out.stderr


def test_missing_database_is_a_problem_not_a_new_file(tmp_path):
    out = check(tmp_path / "nope.db")
    assert out.returncode == 1
    assert not (tmp_path / "nope.db").exists()

"""KVKK right to erasure: an employee's personal data leaves every office and the
server, and sync keeps working."""

from __future__ import annotations

import subprocess

from puantaj.core import personal
from puantaj.services.erasure import ErasureService
from puantaj.services.session import SYSTEM


def test_an_erased_employee_is_blank_everywhere_and_gone_from_the_history(
    desks, server, server_env
):
    clerk, other = desks("Ankara"), desks("Ankara")
    admin = desks("*")
    records = clerk.services.records["employees"]
    emp = records.create(
        clerk.session,
        {
            "sicil_no": "7",
            "first_name": "Ayşegül",
            "last_name": "Yıldırımoğlu",
            "tc_no": "10000000146",
            "birth_date": "01.02.1990",
            "hire_date": "01.01.2026",
        },
    )
    assert clerk.sync().ok and other.sync().ok and admin.sync().ok
    records.update(clerk.session, emp, {"title": "Ustabaşı"})  # a history entry
    other.services.records["employees"].update(other.session, emp, {"title": "Şef"})
    assert clerk.sync().ok and other.sync().ok and admin.sync().ok
    # the server cannot purge the history while the row still names the person
    early = server_env.cli("erase", emp, check=False)
    assert early.returncode != 0 and "erase it on a desktop" in early.stderr
    ErasureService(admin.services.store).erase_employee(SYSTEM, emp)
    assert admin.sync().ok and clerk.sync().ok and other.sync().ok
    for desk in (clerk, other, admin):
        assert personal.is_erased(desk.employees()[emp])
    purged = server_env.cli("erase", emp)
    assert '"erased"' in purged.stdout
    kept = server.get(f"/conflicts?id={emp}", desks.tokens["*"]).json()["conflicts"]
    assert kept == []
    if server_env.db_schema is None:  # nothing of the person left in the file
        dump = subprocess.run(
            ["sqlite3", str(server_env.home / "server.db"), ".dump"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for word in ("Ayşegül", "Yıldırımoğlu", "10000000146", "1990-02-01"):
            assert word not in dump, word
    # sync goes on as before
    records.update(clerk.session, emp, {"exit_date": "31.03.2026"})
    assert clerk.sync().ok and admin.sync().ok
    assert admin.employees()[emp]["exit_date"] == "2026-03-31"

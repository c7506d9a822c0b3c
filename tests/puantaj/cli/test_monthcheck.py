"""`puantaj check --month`: the month's checks on the command line, in Turkish."""

from __future__ import annotations

import argparse
import datetime as dt

from puantaj.__main__ import main
from puantaj.cli import monthcheck
from puantaj.services.timesheets import Edit


def _january_with_a_blank(services, session) -> str:
    emp = services.records["employees"].create(
        session,
        {
            "sicil_no": "7",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2025",
        },
    )
    ts = services.timesheets
    ts.fill_month(session, ts.load_month(session, "Ankara", 2026, 1))
    ts.write(
        session,
        [Edit(emp, dt.date(2026, 1, 13), ""), Edit(emp, dt.date(2026, 1, 5), "X+4")],
    )
    return emp


def test_the_month_check_prints_each_finding_and_fails_on_errors(
    services, ankara, capsys
):
    _january_with_a_blank(services, ankara)
    args = argparse.Namespace(month="2026-01", check_region=None)
    assert monthcheck.run(args, services, "tr") == 1
    assert capsys.readouterr().out.splitlines() == [
        "Ankara — Ocak 2026: 1 hata, 2 uyarı",
        "  ✗ 7  Ayşe Yılmaz: 1 gün kodsuz (13.01.2026 – 13.01.2026): hiçbir yerde"
        " sayılmaz",
        "  ! 7  Ayşe Yılmaz: Bir günde 11,5 saat çalışma (sınır 11 saat, md.63)",
        "  ! 7  Ayşe Yılmaz: 05.01.2026 – 11.01.2026 haftasında 49 saat (sınır 45"
        " saat, md.63)",
    ]
    assert monthcheck.run(args, services, "en") == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "Ankara — January 2026: 1 error(s), 2 warning(s)"
    )


def test_puantaj_check_month_from_the_command_line(services, ankara, capsys):
    _january_with_a_blank(services, ankara)
    home = str(services.settings.home)
    services.store.close()
    code = main(["--home", home, "check", "--month", "2026-01", "--region", "Ankara"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Ankara — Ocak 2026: 1 hata, 2 uyarı" in out
    assert main(["--home", home, "check", "--month", "2026-13"]) == 2

"""A region's October 2026 as the cetvel tests read it: names with İ, ı, ş, ğ."""

from __future__ import annotations

import datetime as dt

from puantaj.services.export import ExportService
from puantaj.services.timesheets import Edit

PRINTED_AT = dt.datetime(2026, 12, 2, 9, 30)
TC = "10000000146"
STAFF = (
    ("0042", TC, "İsmail", "Işıkoğlu", "Şoför"),
    ("0007", None, "Ayşe Yağmur", "Doğan", "Usta"),
)


def october(services, clerk, admin) -> ExportService:
    """Two employees coded for October 2026 (28th an eve, 29th a holiday), the
    month submitted by the clerk and approved by the admin."""
    services.users.add_user(
        "ankara1", "Parola-2026!", "clerk", "Ankara", full_name="Gülşen Çağlar"
    )
    services.users.add_user(
        "admin", "Parola-2026!", "admin", "*", full_name="Ömer Süzgün"
    )
    ids = [
        services.records["employees"].create(
            clerk,
            {
                "sicil_no": sicil,
                "tc_no": tc,
                "first_name": first,
                "last_name": last,
                "title": title,
                "hire_date": "01.01.2025",
            },
        )
        for sicil, tc, first, last, title in STAFF
    ]
    grid = services.timesheets.load_month(clerk, "Ankara", 2026, 10)
    services.timesheets.fill_month(clerk, grid)
    services.timesheets.write(
        clerk,
        [
            Edit(ids[0], dt.date(2026, 10, 5), "X+2,5"),
            Edit(ids[1], dt.date(2026, 10, 6), "Yİ"),
            Edit(ids[1], dt.date(2026, 10, 7), "R"),
        ],
    )
    services.reports.move(clerk, "Ankara", "2026-10", "submit")
    services.reports.move(admin, "Ankara", "2026-10", "approve")
    return ExportService(
        services.timesheets, services.store, "Örnek Lojistik A.Ş.", lambda: PRINTED_AT
    )

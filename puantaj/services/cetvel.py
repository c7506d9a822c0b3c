"""The puantaj cetveli of one region's month as rows and marks, ready to render.

The xlsx and the PDF draw this one model, so the printed sheet is the same in
both: header lines, the day and weekday rows, one row per employee with the
totals, a totals row, the codes legend and the signature block.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from puantaj.core import sheet
from puantaj.core.codes import cell_text
from puantaj.core.tables import natural_id
from puantaj.services.month_grid import MonthGrid, month_key, rest_day
from puantaj.services.summary import CODE_COLUMNS, HEADERS_TR, KEYS, summary
from puantaj.services.timesheets import TimesheetService

PERSONAL_DATA_NOTE = "Kişisel veri içerir (KVKK): yalnızca bordro için"
ID_HEADERS = ("Sicil", "TC kimlik no", "Ad Soyad", "Görevi")
# leave by kind: the totals' code columns under their payroll names
TOTAL_HEADERS = tuple(
    {
        "Yİ": "Yıllık izin",
        "Mİ": "Mazeret izni",
        "R": "Rapor",
        "Üİ": "Ücretsiz izin",
        "D": "Devamsız",
    }.get(k, HEADERS_TR.get(k, k))
    for k in KEYS
)
# the totals row adds these up; an eksik code or a leave balance is not a sum
SUMMED = {"worked", "paid", "sgk", "overtime", *CODE_COLUMNS, "blank"}
ROLE_TITLES = {"clerk": "Puantaj sorumlusu", "admin": "Bordro / yönetici"}


@dataclass(frozen=True)
class Signer:
    role: str  # Düzenleyen / Kontrol eden / Onaylayan
    name: str = ""
    title: str = ""
    date: str = ""  # dd.mm.yyyy when known


@dataclass
class Cetvel:
    """One region's month as the printed sheet shows it."""

    title: str
    header: list[str]  # company, region, month in words, status, printed at
    days: list[dt.date]
    day_marks: list[str]  # per day: 'holiday', 'eve', 'rest' (Sunday) or ''
    rows: list[list]  # ID columns, day codes, totals (numbers as numbers)
    cell_marks: list[list[str]]  # per row and day: day_kind for that employee
    totals_row: list
    legend: list[tuple[str, str]]
    signers: list[Signer]
    note: str = PERSONAL_DATA_NOTE
    holidays: list[str] = field(default_factory=list)  # "19.03 Ramazan … (½)"

    @property
    def columns(self) -> list[str]:
        return [*ID_HEADERS, *(str(d.day) for d in self.days), *TOTAL_HEADERS]

    @property
    def weekday_row(self) -> list[str]:
        marks = {"eve": " " + sheet.EVE_MARK}
        return [
            "",
            "",
            "",
            "",
            *(
                sheet.weekday_words(d) + marks.get(m, "")
                for d, m in zip(self.days, self.day_marks, strict=True)
            ),
            *("" for _ in TOTAL_HEADERS),
        ]


def build(
    ts: TimesheetService,
    grid: MonthGrid,
    company: str,
    signers: list[Signer],
    printed_at: dt.datetime,
) -> Cetvel:
    """The sheet of `grid`; totals as the grid and the payroll files count them."""
    holidays = ts.holidays
    rows, marks, sums = [], [], {k: 0.0 for k in SUMMED}
    for employee in grid.employees:
        values = summary(ts, grid, employee)
        for key in SUMMED:
            sums[key] += values[key] or 0
        cells = [grid.cell(employee["id"], d) for d in grid.days]
        rows.append(
            [
                employee["sicil_no"],
                employee["tc_no"] or "",
                f"{employee['first_name']} {employee['last_name']}",
                employee.get("title") or "",
                *(cell_text(c.code, c.overtime_hours) if c else "" for c in cells),
                *("" if values[k] is None else values[k] for k in KEYS),
            ]
        )
        rest = rest_day(employee)
        marks.append(
            [
                sheet.day_kind(d, rest, holidays)
                if grid.is_employed(employee, d)
                else "out"
                for d in grid.days
            ]
        )
    totals = [
        "Toplam",
        "",
        f"{len(rows)} kişi",
        "",
        *("" for _ in grid.days),
        *(sums[k] if k in SUMMED else "" for k in KEYS),
    ]
    return Cetvel(
        title=f"PUANTAJ CETVELİ — {sheet.month_in_words(grid.year, grid.month)}",
        header=[
            f"Firma: {company or '—'}",
            f"Bölge: {grid.region}",
            f"Dönem: {sheet.month_in_words(grid.year, grid.month)}",
            f"Durum: {sheet.status_words(grid.status.status)}",
            f"Yazdırılma: {printed_at.strftime('%d.%m.%Y %H:%M')}",
        ],
        days=list(grid.days),
        day_marks=[sheet.day_kind(d, 6, holidays) for d in grid.days],
        rows=rows,
        cell_marks=marks,
        totals_row=totals,
        legend=[(c.code, c.label_tr) for c in ts.codes.codes.values()],
        signers=signers,
        holidays=_holiday_lines(grid, holidays),
    )


def _holiday_lines(grid: MonthGrid, holidays) -> list[str]:
    lines = []
    for day in grid.days:
        holiday = holidays.get(day)
        if holiday:
            half = f" ({sheet.EVE_MARK} gün)" if holiday.fraction < 1 else ""
            lines.append(f"{day.strftime('%d.%m')} {holiday.name_tr}{half}")
    return lines


def signers_of(conn, region: str, year: int, month: int) -> list[Signer]:
    """Düzenleyen: who submitted; Onaylayan: who approved (or locked); Kontrol
    eden is signed by hand. Names from the accounts, login names otherwise."""
    row = conn.execute(
        "SELECT * FROM reports WHERE id = ? AND deleted = 0",
        (natural_id("reports", region, month_key(year, month)),),
    ).fetchone()
    made = approved = (None, None)
    if row is not None:
        made = (row["submitted_by"], row["submitted_at"])
        if row["status"] == "approved":
            approved = (row["updated_by"], row["updated_at"])
        elif row["status"] == "locked":
            approved = (row["locked_by"], row["locked_at"])
    return [
        _signer(conn, "Düzenleyen", *made),
        Signer("Kontrol eden"),
        _signer(conn, "Onaylayan", *approved),
    ]


def _signer(conn, role: str, username: str | None, at: str | None) -> Signer:
    if not username:
        return Signer(role)
    user = conn.execute(
        "SELECT full_name, role FROM users WHERE username = ?", (username,)
    ).fetchone()
    name = (user["full_name"] if user else "") or username
    title = ROLE_TITLES.get(user["role"], "") if user else ""
    date = ""
    if at:
        try:
            date = dt.datetime.fromisoformat(at[:19]).strftime("%d.%m.%Y")
        except ValueError:
            date = ""
    return Signer(role, name, title, date)


def per_employee(made: Cetvel) -> list[Cetvel]:
    """The cetvel cut into one sheet per employee, for each to sign their own
    month (kimai#2559): their row, no totals row, and the employee's signature
    beside the office's."""
    sheets = []
    for row, marks in zip(made.rows, made.cell_marks, strict=True):
        name, title = row[2], row[3]
        sheets.append(
            replace(
                made,
                title=f"{made.title} — {name}",
                rows=[row],
                cell_marks=[marks],
                totals_row=[],
                signers=[Signer("Çalışan", name, title), *made.signers],
            )
        )
    return sheets

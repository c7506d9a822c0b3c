"""The totals columns of one employee's month, shared by the grid and the exports."""

from __future__ import annotations

from puantaj.core.codes import COLUMN_CODES
from puantaj.services.month_grid import MonthGrid
from puantaj.services.timesheets import TimesheetService

CODE_COLUMNS = COLUMN_CODES  # the core's list (issue 15)
# the columns in order: totals first (as before), then blank days, the year's
# overtime (md.41) and the leave year's used and remaining days (md.53)
KEYS = (
    "worked",
    "paid",
    "sgk",
    "eksik",
    "overtime",
    *CODE_COLUMNS,
    "blank",
    "year_overtime",
    "leave_used",
    "leave_left",
)
HEADERS_TR = {
    "worked": "Çalışılan",
    "paid": "Ücretli",
    "sgk": "SGK gün",
    "eksik": "Eksik kodu",
    "overtime": "FM saat",
    "blank": "Boş gün",
    "year_overtime": "FM yıl",
    "leave_used": "İzin kullanılan",
    "leave_left": "İzin kalan",
}


def summary(ts: TimesheetService, grid: MonthGrid, employee: dict) -> dict:
    """Each column's value: numbers, the eksik code's text, None where a value
    does not apply (no leave earned or used yet)."""
    t = grid.totals[employee["id"]]
    leave = ts.leave_for(grid, employee)
    has_leave = leave is not None and (leave.year.entitlement or leave.used)
    return {
        "worked": t.worked_days,
        "paid": t.paid_days,
        "sgk": t.sgk_days,
        "eksik": t.eksik_code,
        "overtime": t.overtime_hours,
        **{c: t.by_code.get(c, 0) for c in CODE_COLUMNS},
        "blank": t.empty_days,
        "year_overtime": ts.year_overtime(grid, employee),
        "leave_used": leave.used if has_leave else None,
        "leave_left": leave.remaining if has_leave else None,
    }

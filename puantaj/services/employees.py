"""Employees leaving and coming back, and their leave balances (md.53).

Deactivating an employee sets the exit date: the record, its cells and every
month the employee worked in stay as they were. Reactivating clears the exit
date again. Neither may change a month that is read-only (locked; for a clerk,
also submitted or approved): that month's payroll has been handed over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.core import validators
from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HolidayCalendar
from puantaj.core.leave import LeaveBalance, leave_used, leave_year
from puantaj.errors import PeriodLocked, ValidationError
from puantaj.services.calendar import CalendarService
from puantaj.services.month_grid import date_of, month_key, rest_day
from puantaj.services.records import RecordService, now_text
from puantaj.services.reports import CLERK_READ_ONLY
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction


@dataclass(frozen=True)
class ExitPreview:
    """What an exit date changes: coded days after it stop counting."""

    exit_date: dt.date
    coded_after: int
    first_after: dt.date | None


class EmployeeService:
    """Exit dates and leave balances of the employees in a session's scope."""

    def __init__(
        self,
        store: Store,
        records: RecordService,
        calendars: CalendarService,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._store = store
        self._records = records
        self._calendars = calendars
        self._today = today

    def preview_exit(
        self, session: Session, employee_id: str, exit_date: object
    ) -> ExitPreview:
        """Check an exit date and say what it changes; raises ValidationError
        (before the hire date) or PeriodLocked (a read-only month would change)."""
        employee = self._records.get(session, employee_id)
        day = validators.parse_date(exit_date, "exit_date")
        hire = date_of(employee["hire_date"])
        if hire and day < hire:
            raise ValidationError(
                "exit_date: before the hire date", "exit_date", code="exit_before_hire"
            )
        old = date_of(employee["exit_date"])
        with self._store.connection() as conn:
            if old is None or old > day:  # (day, old] stop being employed
                self._check_months(conn, session, employee, day, old)
            elif old < day:  # (old, day] become employed again
                self._check_months(conn, session, employee, old, day)
            rows = conn.execute(
                "SELECT work_date FROM timesheets WHERE employee_id = ? AND deleted = 0"
                " AND code IS NOT NULL AND work_date > ? ORDER BY work_date",
                (employee_id, day.isoformat()),
            ).fetchall()
        first = dt.date.fromisoformat(rows[0][0]) if rows else None
        return ExitPreview(day, len(rows), first)

    def deactivate(self, session: Session, employee_id: str, exit_date: object) -> None:
        """Set the exit date (the record and its months stay)."""
        preview = self.preview_exit(session, employee_id, exit_date)
        self._set_exit(session, employee_id, preview.exit_date.isoformat())

    def reactivate(self, session: Session, employee_id: str) -> None:
        """Undo a deactivation: clear the exit date (and an old tombstone)."""
        employee = self._records.get(session, employee_id)
        old = date_of(employee["exit_date"])
        if old is not None:
            with self._store.connection() as conn:
                self._check_months(conn, session, employee, old, None)
        self._set_exit(session, employee_id, None)

    def is_active(self, employee: dict) -> bool:
        exit_date = date_of(employee["exit_date"])
        return not employee["deleted"] and (
            exit_date is None or exit_date >= self._today()
        )

    def _set_exit(self, session: Session, employee_id: str, value: str | None) -> None:
        with self._store.connection() as conn, transaction(conn):
            self._records.repo.update(
                conn,
                employee_id,
                {
                    "exit_date": value,
                    "deleted": 0,
                    "updated_at": now_text(),
                    "updated_by": session.username,
                },
            )

    def _check_months(
        self,
        conn,
        session: Session,
        employee: dict,
        start: dt.date,
        end: dt.date | None,
    ) -> None:
        """Refuse when a month whose days from `start` (exclusive) to `end`
        (None: on) change employment is read-only for this session."""
        after = start + dt.timedelta(days=1)
        first = month_key(after.year, after.month)
        last = month_key(end.year, end.month) if end else "9999-12"
        statuses = ("locked",) if session.is_admin else CLERK_READ_ONLY
        marks = ",".join("?" * len(statuses))
        row = conn.execute(
            f"SELECT month, status FROM reports WHERE region = ? AND deleted = 0"
            f" AND month BETWEEN ? AND ? AND status IN ({marks}) ORDER BY month",
            (employee["region"], first, last, *statuses),
        ).fetchone()
        if row is not None:
            raise PeriodLocked(
                f"{employee['region']} {row[0]} is {row[1]}: its employees cannot change",
                code="exit_month_closed",
                region=employee["region"],
                month=row[0],
                status=row[1],
            )

    def balances(self, session: Session, today: dt.date | None = None) -> dict:
        """Employee id → LeaveBalance of the leave year holding today (every day
        coded annual leave in that year counted, planned ones too)."""
        today = today or self._today()
        codes: CodeTable = self._calendars.codes()
        holidays: HolidayCalendar = self._calendars.holidays()
        annual = [c.code for c in codes.codes.values() if c.kind == "annual"]
        out: dict[str, LeaveBalance] = {}
        with self._store.connection() as conn:
            for employee in self._records.list(session):
                hire = date_of(employee["hire_date"])
                if hire is None:
                    continue
                year = leave_year(
                    hire,
                    today,
                    date_of(employee["birth_date"]),
                    employee["annual_leave_days"],
                )
                marks = ",".join("?" * len(annual))
                days = [
                    dt.date.fromisoformat(r[0])
                    for r in conn.execute(
                        "SELECT work_date FROM timesheets WHERE employee_id = ? AND"
                        f" deleted = 0 AND code IN ({marks}) AND work_date BETWEEN ? AND ?",
                        (
                            employee["id"],
                            *annual,
                            year.start.isoformat(),
                            year.end.isoformat(),
                        ),
                    )
                ]
                used = leave_used(days, holidays, rest_day(employee))
                out[employee["id"]] = LeaveBalance(year, used)
        return out

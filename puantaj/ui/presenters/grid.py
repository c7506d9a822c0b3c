"""What the puantaj grid shows and does, without Tk: rows, colours, edits, totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from puantaj.core.totals import Cell, MonthTotals
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit, MonthGrid, TimesheetService

WEEKDAYS = {
    "tr": ("Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
TOTALS = (
    "tot.worked",
    "tot.paid",
    "tot.sgk",
    "tot.eksik",
    "tot.overtime",
    "Yİ",
    "Mİ",
    "R",
    "Üİ",
    "D",
)
GREY = "#d9d9d9"
WEEKEND = "#e8eefc"
HOLIDAY = "#fbe3c2"
ARIFE = "#fdf0dc"


@dataclass(frozen=True)
class Header:
    text: str
    color: str | None = None


def cell_text(code: str | None, overtime: float | None) -> str:
    if not code:
        return ""
    if overtime:
        return f"{code}+{overtime:g}".replace(".", ",")
    return code


class GridPresenter:
    """Holds the month on screen; turns typed text into service writes."""

    def __init__(
        self,
        timesheets: TimesheetService,
        session: Session,
        strings,
        language: str = "tr",
    ) -> None:
        self.timesheets = timesheets
        self.session = session
        self.t = strings
        self.language = language
        self.grid: MonthGrid | None = None
        self._outside: list[tuple[int, int]] = []

    # --- loading -----------------------------------------------------------
    def load(self, region: str, year: int, month: int) -> None:
        self.grid = self.timesheets.load_month(self.session, region, year, month)
        self._outside = []
        for r, employee in enumerate(self.grid.employees):
            first, last = self.grid.employed_span(employee)
            self._outside.extend(
                (r, c)
                for c, day in enumerate(self.grid.days)
                if not first <= day <= last
            )

    @property
    def day_count(self) -> int:
        return len(self.grid.days)

    @property
    def is_locked(self) -> bool:
        return self.grid.status.is_locked

    def lock_banner(self) -> str:
        return (
            self.t("grid.locked", by=self.grid.status.by or "?")
            if self.is_locked
            else ""
        )

    def headers(self) -> list[Header]:
        names = WEEKDAYS.get(self.language, WEEKDAYS["tr"])
        out = []
        for day in self.grid.days:
            fraction = self.timesheets.holidays.fraction(day)
            color = (
                HOLIDAY
                if fraction >= 1
                else ARIFE
                if fraction
                else (WEEKEND if day.weekday() >= 5 else None)
            )
            out.append(Header(f"{day.day}\n{names[day.weekday()]}", color))
        out.extend(
            Header(self.t(key) if key.startswith("tot.") else key) for key in TOTALS
        )
        return out

    def index(self) -> list[str]:
        return [
            f"{e['sicil_no']}  {e['first_name']} {e['last_name']}"
            for e in self.grid.employees
        ]

    def rows(self) -> list[list[str]]:
        return [self.row(i) for i in range(len(self.grid.employees))]

    def row(self, r: int) -> list[str]:
        employee = self.grid.employees[r]
        out = []
        for day in self.grid.days:
            cell = self.grid.cell(employee["id"], day)
            out.append(cell_text(cell.code, cell.overtime_hours) if cell else "")
        return out + self.totals_row(self.grid.totals[employee["id"]])

    @staticmethod
    def totals_row(t: MonthTotals) -> list[str]:
        def num(v: float) -> str:
            return f"{v:g}".replace(".", ",")

        return [
            num(t.worked_days),
            num(t.paid_days),
            str(t.sgk_days),
            t.eksik_code,
            num(t.overtime_hours),
        ] + [num(t.by_code.get(c, 0)) for c in ("Yİ", "Mİ", "R", "Üİ", "D")]

    def locked_cells(self) -> list[tuple[int, int]]:
        """Cells outside employment dates (greyed and read-only)."""
        return self._outside

    def code_color(self, text: str) -> str | None:
        code = self.timesheets.codes.resolve(text.split("+")[0]) if text else None
        return code.color if code else None

    # --- editing -----------------------------------------------------------
    def locate(self, r: int, c: int) -> tuple[dict, dt.date] | None:
        if not (0 <= r < len(self.grid.employees)) or not (0 <= c < self.day_count):
            return None
        return self.grid.employees[r], self.grid.days[c]

    def normalise(self, text: str) -> str:
        """Canonical text of a typed entry ('x' → 'X', 'ç+2' → 'X+2'); raises
        ValidationError for an unknown code."""
        entry = self.timesheets.codes.parse_entry(str(text or ""))
        return cell_text(entry.code, entry.overtime_hours)

    def commit(
        self, changes: dict[tuple[int, int], str], source: str = "grid"
    ) -> list[int]:
        """Write changed day cells in one transaction; return the rows to redraw."""
        edits = []
        for (r, c), text in changes.items():
            where = self.locate(r, c)
            if where is None:
                continue
            employee, day = where
            edits.append(Edit(employee["id"], day, text))
        if not edits:
            return []
        self.timesheets.write(self.session, edits, source=source)
        for edit in edits:
            entry = self.timesheets.codes.parse_entry(edit.text)
            mine = self.grid.cells.setdefault(edit.employee_id, {})
            if entry.code is None:
                mine.pop(edit.day, None)
            else:
                mine[edit.day] = Cell(entry.code, entry.overtime_hours or 0.0)
        touched = sorted({r for r, _ in changes})
        for r in touched:
            employee = self.grid.employees[r]
            self.grid.totals[employee["id"]] = self.timesheets.totals_for(
                self.grid, employee
            )
        return touched

    def fill_month(self) -> int:
        return self.timesheets.fill_month(self.session, self.grid)

    def copy_last_month(self) -> int:
        return self.timesheets.copy_last_month(self.session, self.grid)

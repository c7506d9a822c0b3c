"""What the puantaj grid shows and does, without Tk: rows, colours, edits, totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from puantaj.core.codes import cell_text
from puantaj.core.datetext import day_text
from puantaj.core.numbers import format_number
from puantaj.core.sheet import WEEKDAYS_TR
from puantaj.core.totals import Cell
from puantaj.errors import PuantajError
from puantaj.services.month_grid import MonthGrid
from puantaj.services.session import Session
from puantaj.services.summary import CODE_COLUMNS, KEYS, summary
from puantaj.services.timesheets import Edit, TimesheetService
from puantaj.ui.presenters.undo import CellChange, Step, UndoHistory

WEEKDAYS = {
    "tr": WEEKDAYS_TR,
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
# the totals columns: a code's own name, else the catalogue's "tot.<key>"
TOTALS = tuple(k if k in CODE_COLUMNS else f"tot.{k}" for k in KEYS)
GREY = "#d9d9d9"
MISSING = "#ffc9c9"  # an employed day up to today without a code
WEEKEND = "#e8eefc"
HOLIDAY = "#fbe3c2"
ARIFE = "#fdf0dc"


@dataclass(frozen=True)
class Header:
    text: str
    color: str | None = None
    tip: str = ""  # the whole meaning, shown on hover (issue 15)


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
        self._mark: tuple[int, int] | None = None  # the file as the month was read
        self._outside: list[tuple[int, int]] = []
        self.warning = ""  # what the last commit should warn about (leave)
        self.history = UndoHistory()  # survives reloads (issue 15)

    # --- loading -----------------------------------------------------------
    def load(self, region: str, year: int, month: int) -> None:
        self.grid = self.timesheets.load_month(self.session, region, year, month)
        self._mark = self.timesheets.change_mark()
        self._outside = []
        for r, employee in enumerate(self.grid.employees):
            first, last = self.grid.employed_span(employee)
            self._outside.extend(
                (r, c)
                for c, day in enumerate(self.grid.days)
                if not first <= day <= last
            )

    def is_stale(self) -> bool:
        """Something else wrote the file since the month was read (another tab,
        an import, a sync): the screen may miss it."""
        return self._mark != self.timesheets.change_mark()

    @property
    def day_count(self) -> int:
        return len(self.grid.days)

    @property
    def is_locked(self) -> bool:
        """Read-only for this user: locked, or submitted/approved for a clerk."""
        return self.grid.status.is_read_only(self.session)

    def lock_banner(self) -> str:
        """What the month's status means for this user, or ''."""
        status = self.grid.status
        by = status.by or "?"
        if status.is_locked:
            return self.t("grid.locked", by=by)
        if status.status in ("submitted", "approved"):
            key = "read_only" if self.is_locked else "waiting"
            return self.t(f"grid.{status.status}.{key}", by=by)
        if status.was_sent_back:
            return self.t("grid.sent_back", by=by, reason=status.reason)
        return ""

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
            out.append(
                Header(f"{day.day}\n{names[day.weekday()]}", color, self._day_tip(day))
            )
        out.extend(self._total_header(key) for key in TOTALS)
        return out

    def _day_tip(self, day: dt.date) -> str:
        """2 Aralık 2026, Çarşamba."""
        month = self.t(f"month.{day.month}")
        return f"{day.day} {month} {day.year}, {self.t(f'day.{day.weekday()}')}"

    def _total_header(self, key: str) -> Header:
        if key.startswith("tot."):
            return Header(self.t(key), tip=self.t(f"tip.{key[4:]}"))
        code = self.timesheets.codes.resolve(key)  # a code's own column: its name
        label = "label_en" if self.language == "en" else "label_tr"
        return Header(key, tip=getattr(code, label) if code else key)

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
        return out + totals_row(summary(self.timesheets, self.grid, employee))

    def locked_cells(self) -> list[tuple[int, int]]:
        """Cells outside employment dates (greyed and read-only)."""
        return self._outside

    def is_missing(self, r: int, c: int) -> bool:
        """An employed day up to today without a code: missing data."""
        employee, day = self.grid.employees[r], self.grid.days[c]
        cell = self.grid.cell(employee["id"], day)
        return (
            day <= self.grid.today
            and not (cell and cell.code)
            and self.grid.is_employed(employee, day)
        )

    def locate_day(self, employee_id: str | None, day) -> tuple[int, int] | None:
        """The (row, column) of an employee's day (row 0 for the whole month)."""
        if day not in self.grid.days:
            return None
        rows = [e["id"] for e in self.grid.employees]
        if employee_id is not None and employee_id not in rows:
            return None
        r = rows.index(employee_id) if employee_id else 0
        return (r, self.grid.days.index(day)) if rows else None

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
        fresh = not self.is_stale()  # our own write does not make the month stale
        before = [self.text_of(e.employee_id, e.day) or "" for e in edits]
        self.timesheets.write(self.session, edits, source=source)
        if fresh:
            self._mark = self.timesheets.change_mark()
        self._record(edits, before)
        for edit in edits:
            entry = self.timesheets.codes.parse_entry(edit.text)
            mine = self.grid.cells.setdefault(edit.employee_id, {})
            if entry.code is None:
                mine.pop(edit.day, None)
            else:
                mine[edit.day] = Cell(entry.code, entry.overtime_hours or 0.0)
        touched = sorted({r for r, _ in changes})
        self.warning = ""
        for r in touched:
            employee = self.grid.employees[r]
            self.grid.totals[employee["id"]] = self.timesheets.totals_for(
                self.grid, employee
            )
            self._warn_leave(employee, edits)
        return touched

    def _warn_leave(self, employee: dict, edits: list[Edit]) -> None:
        """Annual leave typed beyond the leave year's entitlement: a warning."""
        typed = [e for e in edits if e.employee_id == employee["id"]]
        codes = self.timesheets.codes
        if not any(
            (code := codes.resolve(e.text.split("+")[0].strip())) is not None
            and code.kind == "annual"
            for e in typed
        ):
            return
        balance = self.timesheets.leave_for(self.grid, employee)
        if balance is not None and balance.is_overdrawn:
            self.warning = self.t(
                "grid.leave_overdrawn",
                name=f"{employee['first_name']} {employee['last_name']}",
                used=format_number(balance.used),
                days=balance.year.entitlement,
            )

    def fill_question(self) -> str:
        """What "Ayı doldur" asks before it writes."""
        grid = self.grid
        return self.t(
            "grid.fill_confirm",
            month=f"{self.t(f'month.{grid.month}')} {grid.year}",
            today=day_text(grid.today),
        )

    def fill_month(self) -> int:
        """Fill the empty days up to today, as one undoable step."""
        return self._write_plan(self.timesheets.fill_plan(self.grid), "fill")

    def copy_last_month(self) -> int:
        """Copy last month into the empty days up to today, as one undoable step."""
        plan = self.timesheets.copy_plan(self.session, self.grid)
        return self._write_plan(plan, "copy")

    def _write_plan(self, edits: list[Edit], source: str) -> int:
        before = [self.text_of(e.employee_id, e.day) or "" for e in edits]
        count = self.timesheets.write(self.session, edits, source=source)
        self._record(edits, before)
        return count

    # --- undo --------------------------------------------------------------
    def month_key(self) -> tuple[str, int, int]:
        return (self.grid.region, self.grid.year, self.grid.month)

    def text_of(self, employee_id: str, day: dt.date) -> str | None:
        """The cell as the grid shows it; None for someone not in this month."""
        if not any(e["id"] == employee_id for e in self.grid.employees):
            return None
        cell = self.grid.cell(employee_id, day)
        return cell_text(cell.code, cell.overtime_hours) if cell else ""

    def _record(self, edits: list[Edit], before: list[str]) -> None:
        codes = self.timesheets.codes
        changes = []
        for edit, old in zip(edits, before, strict=True):
            entry = codes.parse_entry(edit.text)
            new = cell_text(entry.code, entry.overtime_hours)
            if new != old:
                changes.append(CellChange(edit.employee_id, edit.day, old, new))
        self.history.record(self.month_key(), Step(tuple(changes)))

    def undo(self) -> tuple[int, int] | None:
        """Put back the month's last change: (cells written, cells left alone as
        they changed meanwhile, by a sync say); None when there is nothing to undo.
        The caller reloads the month."""
        key = self.month_key()
        step = self.history.take_undo(key)
        return self._replay(step, lambda: self.history.take_redo(key))

    def redo(self) -> tuple[int, int] | None:
        """Make the last undone change again; as `undo`."""
        key = self.month_key()
        step = self.history.take_redo(key)
        return self._replay(step, lambda: self.history.take_undo(key))

    def _replay(self, step: Step | None, put_back) -> tuple[int, int] | None:
        if step is None:
            return None
        edits = [
            Edit(c.employee_id, c.day, c.after)
            for c in step.cells
            if self.text_of(c.employee_id, c.day) == c.before
        ]
        try:
            if edits:
                self.timesheets.write(self.session, edits, source="undo")
        except PuantajError:
            put_back()  # the step stays where it was (a locked month, say)
            raise
        return len(edits), len(step.cells) - len(edits)


def totals_row(values: dict) -> list[str]:
    """The totals columns as the grid and the Raporlar list show them."""
    out = []
    for key in KEYS:
        value = values[key]
        if value is None:
            out.append("")
        elif isinstance(value, str):
            out.append(value)
        else:
            out.append(format_number(value))
    return out

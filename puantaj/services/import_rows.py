"""Judges one row of an office's sheet: what importing it would do, and why not.

No writing here: ImportService (importer.py) plans with it and applies the lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from puantaj.core import import_map, validators
from puantaj.core.codes import CodeTable, cell_text
from puantaj.core.tables import natural_id
from puantaj.errors import ValidationError
from puantaj.import_words import Word
from puantaj.services.month_grid import MonthGrid, date_of
from puantaj.services.timesheets import Edit


@dataclass
class PlanLine:
    """What importing one row of the sheet would do."""

    row: int
    sicil: str
    name: str
    action: str = "same"  # create / change / same / refused
    reasons: list[Word] = field(default_factory=list)  # why refused
    notes: list[Word] = field(default_factory=list)  # what changes
    employee_id: str = ""
    new_employee: dict | None = None
    updates: dict = field(default_factory=dict)  # an employee's fields to set
    previous: dict = field(default_factory=dict)  # the same fields as they were
    edits: list[Edit] = field(default_factory=list)
    before: list[Edit] = field(default_factory=list)  # the cells as they were


class RowJudge:
    """Turns a row's values into a PlanLine against one region's month."""

    def __init__(
        self, codes: CodeTable, grid: MonthGrid, known: dict[str, dict], region: str
    ) -> None:
        """`known`: the region's employees by sicil no."""
        self._codes, self._grid, self._known = codes, grid, known
        self._region = region

    def line(self, row: int, values: dict[str, str]) -> PlanLine:
        """What importing one row (its values by field) would do."""
        known, region = self._known, self._region
        sicil = values.get("sicil", "")
        first, last = values.get("first", ""), values.get("last", "")
        if values.get("name") and not (first and last):
            first, last = import_map.split_name(values["name"])
        line = PlanLine(row, sicil, f"{first} {last}".strip())
        tc = values.get("tc", "")
        if not sicil:
            line.reasons.append(Word("imp.r.no_sicil"))
        if tc and not validators.is_valid_tc(tc):
            line.reasons.append(Word("imp.r.bad_tc", {"tc": tc}))
        employee = known.get(sicil) or _zeros_lost(sicil, known)
        if employee is not None:
            line.sicil = employee["sicil_no"]
        if employee is None and sicil:
            employee = self._new_employee(line, values, first, last, tc, region)
        elif employee is not None:
            line.employee_id = employee["id"]
            if tc and employee["tc_no"] and tc != employee["tc_no"]:
                line.reasons.append(Word("imp.r.tc_differs", {"tc": employee["tc_no"]}))
        owner = _tc_owner(tc, line.sicil, known)
        if owner:  # one person, one TC no: never a second record with it
            line.reasons.append(Word("imp.r.tc_taken", {"sicil": owner}))
        if employee is not None and not line.reasons:
            if line.new_employee is None:
                self._fields(line, values, employee, tc)
            self._cells(line, values, employee)
        if line.reasons:
            line.action = "refused"
        elif line.new_employee is not None:
            line.action = "create"
        elif line.edits or line.updates:
            line.action = "change"
        return line

    def _new_employee(self, line, values, first, last, tc, region) -> dict | None:
        if not (first and last):
            line.reasons.append(Word("imp.r.need_name"))
            return None
        hire = values.get("hire", "")
        try:
            hire_day = validators.parse_date(hire, "hire_date") if hire else None
        except ValidationError:
            line.reasons.append(Word("imp.r.bad_hire", {"value": hire}))
            return None
        if hire_day is None:
            line.reasons.append(Word("imp.r.need_hire"))
            return None
        leave = values.get("exit", "")
        try:
            exit_day = validators.parse_date(leave, "exit_date") if leave else None
        except ValidationError:
            line.reasons.append(Word("imp.r.bad_exit", {"value": leave}))
            return None
        record = {
            "sicil_no": line.sicil,
            "tc_no": tc or None,
            "first_name": first,
            "last_name": last,
            "title": values.get("title") or None,
            "hire_date": hire_day.strftime("%d.%m.%Y"),
            "exit_date": exit_day.strftime("%d.%m.%Y") if exit_day else None,
        }
        line.new_employee = record
        line.employee_id = natural_id("employees", region, line.sicil)
        line.notes.append(Word("imp.n.new", {"hire": record["hire_date"]}))
        return {
            "id": line.employee_id,
            "hire_date": hire_day.isoformat(),
            "exit_date": exit_day.isoformat() if exit_day else None,
        }

    def _fields(self, line: PlanLine, values, employee: dict, tc: str) -> None:
        """A known employee's title as the sheet has it, and a TC no where the
        record has none (a different one is refused, never overwritten)."""
        title = values.get("title", "")
        if title and title != (employee["title"] or ""):
            line.updates["title"], line.previous["title"] = title, employee["title"]
            line.notes.append(Word("imp.n.title", {"title": title}))
        if tc and not employee["tc_no"]:
            line.updates["tc_no"], line.previous["tc_no"] = tc, None
            line.notes.append(Word("imp.n.tc"))

    def _cells(self, line: PlanLine, values, employee: dict) -> None:
        grid = self._grid
        hire, leave = date_of(employee["hire_date"]), date_of(employee["exit_date"])
        changed = 0
        for key, text in values.items():
            if not key.startswith("day:") or not text:
                continue
            day = dt.date(grid.year, grid.month, int(key[4:]))
            try:
                entry = self._codes.parse_entry(text)
            except ValidationError as exc:  # an unknown code, or overtime refused
                line.reasons.append(
                    Word("imp.r.unknown_code", {"day": day.day, "code": text})
                    if exc.code == "code"
                    else Word("imp.r.bad_entry", {"day": day.day, "why": exc})
                )
                continue
            if (hire and day < hire) or (leave and day > leave):
                line.reasons.append(Word("imp.r.outside", {"day": day.day}))
                continue
            new = cell_text(entry.code, entry.overtime_hours)
            old = grid.cell(employee["id"], day)
            old_text = cell_text(old.code, old.overtime_hours) if old else ""
            if new != old_text:
                line.edits.append(Edit(employee["id"], day, new))
                line.before.append(Edit(employee["id"], day, old_text))
                changed += 1
        if changed:
            line.notes.append(Word("imp.n.days", {"n": changed}))


def _tc_owner(tc: str, sicil: str, known: dict[str, dict]) -> str:
    """The sicil of another employee who has this TC no, if any."""
    if not tc:
        return ""
    others = (e["sicil_no"] for e in known.values() if e["sicil_no"] != sicil)
    return next((s for s in others if known[s]["tc_no"] == tc), "")


def _zeros_lost(sicil: str, known: dict[str, dict]) -> dict | None:
    """The one employee whose sicil `0042` Excel showed as the number 42."""
    if not sicil.isdigit():
        return None
    same = [e for s, e in known.items() if s.isdigit() and int(s) == int(sicil)]
    return same[0] if len(same) == 1 else None


def cell_value(value: object) -> str:
    """A cell as text: `42.0` → `42`, a date → `dd.mm.yyyy`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()

"""The grid's undo history: each step's cells before and after, kept per month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MAX_STEPS = 100  # per month


@dataclass(frozen=True)
class CellChange:
    """One cell of a step, by employee and day (not by screen position, so the
    step still applies after a reload reorders or adds rows)."""

    employee_id: str
    day: dt.date
    before: str
    after: str


@dataclass(frozen=True)
class Step:
    """What one edit, paste, fill or copy changed."""

    cells: tuple[CellChange, ...]

    def inverted(self) -> Step:
        return Step(
            tuple(
                CellChange(c.employee_id, c.day, c.after, c.before) for c in self.cells
            )
        )


@dataclass
class _Stacks:
    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)


class UndoHistory:
    """Undo and redo stacks for each (region, year, month).

    It lives in the presenter, not in the sheet widget: reloading the month (a
    sync brought rows, the month was switched back) keeps it (issue 15).
    """

    def __init__(self) -> None:
        self._months: dict[tuple[str, int, int], _Stacks] = {}

    def record(self, month: tuple[str, int, int], step: Step) -> None:
        """A new change: it can be undone, and what was undone cannot be redone."""
        if not step.cells:
            return
        stacks = self._months.setdefault(month, _Stacks())
        stacks.undo.append(step)
        del stacks.undo[:-MAX_STEPS]
        stacks.redo.clear()

    def take_undo(self, month: tuple[str, int, int]) -> Step | None:
        """The last step, moved to the redo stack; None when there is none."""
        stacks = self._months.get(month)
        if stacks is None or not stacks.undo:
            return None
        step = stacks.undo.pop()
        stacks.redo.append(step)
        return step.inverted()

    def take_redo(self, month: tuple[str, int, int]) -> Step | None:
        """The last undone step, moved back to the undo stack."""
        stacks = self._months.get(month)
        if stacks is None or not stacks.redo:
            return None
        step = stacks.redo.pop()
        stacks.undo.append(step)
        return step

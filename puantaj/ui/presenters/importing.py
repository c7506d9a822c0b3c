"""The import screen's state: the sheet read, the clerk's column mapping, the dry
run shown and the last import written (so it can be undone in one step).

No Tk here: `open`, `preview`, `apply` and `undo` run on a worker thread.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path

from puantaj.core import import_map
from puantaj.services.import_files import Table, read_table
from puantaj.services.importer import ImportPlan, ImportResult, ImportService
from puantaj.services.session import Session

IGNORED = ""  # a column the import leaves out


@dataclass(frozen=True)
class Target:
    """Where the import goes: a region's month."""

    region: str
    year: int
    month: int

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]


class ImportPresenter:
    """Holds one import from file to undo; the dialog draws what it holds."""

    def __init__(self, importer: ImportService, session: Session) -> None:
        self._importer = importer
        self._session = session
        self.target: Target | None = None
        self.table: Table | None = None
        self.mapping: dict[int, str] = {}
        self.plan: ImportPlan | None = None  # the dry run for `mapping`, if current
        self.last: tuple[Target, ImportResult] | None = None  # what undo takes back

    def fields(self) -> list[str]:
        """Every field a column can be: ignored, the person's fields, the days."""
        days = self.target.days if self.target else 31
        return [IGNORED, *import_map.FIELDS, *(f"day:{d}" for d in range(1, days + 1))]

    def open(self, path: Path, target: Target) -> ImportPlan:
        """Read the sheet, guess its columns, and dry-run it (worker thread)."""
        table = read_table(Path(path))
        self.target, self.table = target, table
        self.mapping = import_map.guess_mapping(
            table.headings, target.year, target.month
        )
        self.plan = self.preview(dict(self.mapping))
        return self.plan

    def assign(self, column: int, field: str) -> None:
        """The clerk's choice for a column; a field taken elsewhere moves here."""
        self.mapping = import_map.assign(self.mapping, column, field)
        self.plan = None  # the dry run shown no longer matches

    def preview(self, mapping: dict[int, str]) -> ImportPlan:
        """The dry run for `mapping` (a copy the Tk thread took); writes nothing
        and keeps nothing (worker thread): `accept` decides on the Tk thread."""
        assert self.table is not None and self.target is not None
        t = self.target
        return self._importer.plan(
            self._session, t.region, t.year, t.month, self.table, mapping
        )

    def accept(self, plan: ImportPlan) -> bool:
        """Keep a finished dry run as the one to import, unless the columns were
        changed while it ran (then it is stale, and dropped)."""
        if plan.mapping != self.mapping:
            return False
        self.plan = plan
        return True

    @property
    def can_apply(self) -> bool:
        plan = self.plan
        return plan is not None and plan.count("create") + plan.count("change") > 0

    def apply(self) -> ImportResult:
        """Write the dry run the clerk saw, as one step (worker thread)."""
        assert self.plan is not None and self.target is not None
        result = self._importer.apply(self._session, self.plan)
        self.last = (self.target, result)
        self.plan = None
        return result

    def undo(self) -> tuple[Target, int]:
        """Take the last import back in one step (worker thread): where, and how
        many cells changed since were left as they are."""
        assert self.last is not None
        target, result = self.last
        changed = self._importer.undo(self._session, result)
        self.last = None
        return target, changed

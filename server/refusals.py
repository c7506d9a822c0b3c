"""Whether a row may stand as a batch would leave it: region, role and period
rules, required fields, natural key and parent row (DESIGN.md §4).

Each rule judges the row after the merge against the row before it, so a row
that travels as several changes is judged once, whole; a refusal holds for
every change of that row in the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from puantaj.core.tables import TABLES
from server.auth import Caller
from server.rows import RowState

LOCKED, APPROVED = "locked", "approved"
# a row that names another by id: (its column, the parent's table). The parent
# must be on the server, in the same region, or come in the same batch.
PARENTS = {
    "timesheets": ("employee_id", "employees"),
    "vehicle_faults": ("vehicle_id", "vehicles"),
    "vehicle_inspections": ("vehicle_id", "vehicles"),
}
# parents are judged before the rows that name them
ORDER = {"employees": 0, "vehicles": 0}
_REQUIRED = {
    name: tuple(c.name for c in spec.columns if c.required)
    for name, spec in TABLES.items()
}
# key columns a row's id was derived from: fixed once the row exists
_KEYS = {
    name: tuple(k for k in spec.natural_key if k != "region")
    for name, spec in TABLES.items()
}

Refusal = tuple[str, str]  # (reason code, detail)


def region_refusal(
    caller: Caller, stored: RowState | None, region: str
) -> Refusal | None:
    """A row's region is fixed; a clerk is not told where another region's row is."""
    if stored is None or stored.region == region:
        return None
    if caller.is_admin:
        return ("invalid_row", f"region is fixed: row is in {stored.region}")
    return ("invalid_row", "this id belongs to a row outside your region")


@dataclass
class Judge:
    """The rules for one batch: who sends it, which months are locked, which
    parent rows exist ((table, id) → region) and which rows of the batch were
    refused ((table, id) → refusal)."""

    caller: Caller
    locks: set[tuple[str, str]] = field(default_factory=set)
    parents: dict[tuple[str, str], str] = field(default_factory=dict)
    refused: dict[tuple[str, str], Refusal] = field(default_factory=dict)

    def refusal(self, before: RowState | None, after: RowState) -> Refusal | None:
        """Why `after` may not replace `before` (None: a new row), or None."""
        return (
            self._permission(before, after)
            or _incomplete(after)
            or _key_changed(before, after)
            or self._orphan(after)
        )

    def accepted(self, after: RowState) -> None:
        """`after` will exist once the batch commits: rows naming it may follow."""
        self.parents[(after.table, after.id)] = after.region

    def _permission(self, before: RowState | None, after: RowState) -> Refusal | None:
        if self.caller.is_admin:
            return None
        old = before.values if before is not None else {}
        new = after.values
        if after.table == "timesheets":
            for day in (old.get("work_date"), new.get("work_date")):
                if day and (after.region, day[:7]) in self.locks:
                    return ("period_locked", f"{after.region} {day[:7]} is locked")
        elif after.table == "reports":
            was, status = old.get("status"), new.get("status")
            if was == LOCKED:
                return ("period_locked", "the month is locked; ask an admin")
            if status != was and status in (APPROVED, LOCKED):
                return ("region_forbidden", "only an admin can approve or lock a month")
            if status != was and was == APPROVED:
                return (
                    "region_forbidden",
                    "only an admin can reopen an approved month",
                )
        elif after.table == "users" and new.get("role") == "admin":
            return ("region_forbidden", "a region token cannot create or change admins")
        return None

    def _orphan(self, after: RowState) -> Refusal | None:
        link = PARENTS.get(after.table)
        if link is None:
            return None
        column, parent = link
        ref = after.values.get(column)
        if self.parents.get((parent, ref)) == after.region:
            return None
        if (parent, ref) in self.refused:
            # the parent waits (or fails) for its reason: so does the child, so
            # that it comes back with its parent (a clock_ahead row is re-sent)
            reason, detail = self.refused[(parent, ref)]
            return (reason, f"its {parent} row was refused: {detail}")
        return (
            "invalid_row",
            f"orphan: {column} {ref} is no {parent} row of {after.region}",
        )


def _incomplete(after: RowState) -> Refusal | None:
    missing = [c for c in _REQUIRED[after.table] if after.values.get(c) is None]
    if not missing:
        return None
    return ("invalid_row", f"incomplete row: no {', '.join(missing)}")


def _key_changed(before: RowState | None, after: RowState) -> Refusal | None:
    if before is None:
        return None
    for column in _KEYS[after.table]:
        was = before.values.get(column)
        if was is not None and after.values.get(column) != was:
            return ("invalid_row", f"natural key is fixed: {column} cannot change")
    return None

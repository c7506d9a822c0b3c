"""Whether a change or a row may stand, and why not (DESIGN.md §4).

The rules: region, role and period, required fields, natural key, parent row.

Each row rule judges the row after the merge against the row before it, so a
row that travels as several changes is judged once, whole; a refusal holds for
every change of that row in the batch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from puantaj.core.changes import Change
from puantaj.core.tables import TABLES
from puantaj.syncproto.access import Access
from puantaj.syncproto.refusal_details import detail
from puantaj.syncproto.rows import Key, RowState

LOCKED, APPROVED = "locked", "approved"
# a row that names another by id: (its column, the parent's table). The parent
# must be on the server, in the same region, or come in the same batch.
PARENTS = {
    "timesheets": ("employee_id", "employees"),
    "vehicle_faults": ("vehicle_id", "vehicles"),
    "vehicle_inspections": ("vehicle_id", "vehicles"),
}
# parents are judged before the rows that name them
PARENT_TABLES = frozenset(parent for _, parent in PARENTS.values())
_REQUIRED = {
    name: tuple(c.name for c in spec.columns if c.required)
    for name, spec in TABLES.items()
}
# key columns a row's id was derived from: fixed once the row exists
_KEYS = {
    name: tuple(k for k in spec.natural_key if k != "region")
    for name, spec in TABLES.items()
}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")

Refusal = tuple[str, str]  # (reason code, detail)


def printable(text: object, limit: int) -> str:
    """`text` cut to `limit` with control characters escaped: what a refusal
    repeats of a client's input can be stored and shown anywhere."""
    escaped = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)[:limit])
    return escaped[:limit]


def change_refusal(
    access: Access, change: Change, first_region: str, limit_ms: int | None
) -> Refusal | None:
    """Why one valid change is refused before any row is read: out of scope,
    stamped ahead of `limit_ms` (None: the server's own write), or naming
    another region than the row's first change (`first_region`)."""
    if not access.can_see(change.region):
        return (
            "region_forbidden",
            detail("token_region", scope=access.scope, region=change.region),
        )
    if limit_ms is not None and int(change.hlc[:13]) > limit_ms:
        return ("clock_ahead", detail("clock_ahead"))
    if change.region != first_region:
        return ("invalid_row", detail("two_regions"))
    return None


def region_refusal(
    access: Access, stored: RowState | None, region: str
) -> Refusal | None:
    """A row's region is fixed; a clerk is not told where another region's row is."""
    if stored is None or stored.region == region:
        return None
    if access.is_admin:
        return ("invalid_row", detail("region_fixed", region=stored.region))
    return ("invalid_row", detail("outside_region"))


def parent_key(table: str, values: Mapping[str, Any]) -> Key | None:
    """The (table, id) of the row a row of `table` with `values` names as its
    parent, if it names one."""
    link = PARENTS.get(table)
    if link is None:
        return None
    ref = values.get(link[0])
    return (link[1], ref) if ref else None


def needs_locks(access: Access, tables: set[str]) -> bool:
    """Whether judging rows of `tables` for `access` needs the locked months."""
    return not access.is_admin and bool(tables & {"timesheets", "reports"})


def wanted_parents(
    rows: dict[tuple[str, str], list[Change]],
    stored: dict[tuple[str, str], RowState],
) -> dict[str, set[str]]:
    """The parent ids the rows of a batch name (as sent or as stored), by table."""
    wanted: dict[str, set[str]] = {}
    for key, changes in rows.items():
        link = PARENTS.get(key[0])
        if link is None:
            continue
        column, parent = link
        names = wanted.setdefault(parent, set())
        for change in changes:
            if name := change.row.get(column):
                names.add(name)
        before = stored.get(key)
        if before is not None and (name := before.values.get(column)):
            names.add(name)
    return wanted


@dataclass
class Judge:
    """The rules for one batch: who sends it, which (region, month)s are locked,
    which parent rows exist ((table, id) → region) and which rows of the batch
    were refused ((table, id) → refusal)."""

    access: Access
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
        if self.access.is_admin:
            return None
        old = before.values if before is not None else {}
        new = after.values
        if after.table == "timesheets":
            for day in (old.get("work_date"), new.get("work_date")):
                if day and (after.region, day[:7]) in self.locks:
                    locked = detail("month_locked", region=after.region, month=day[:7])
                    return ("period_locked", locked)
        elif after.table == "reports":
            was, status = old.get("status"), new.get("status")
            if was == LOCKED:
                return ("period_locked", detail("locked_ask_admin"))
            if status != was and status in (APPROVED, LOCKED):
                return ("region_forbidden", detail("approve_or_lock"))
            if status != was and was == APPROVED:
                return ("region_forbidden", detail("reopen_approved"))
        elif after.table == "users" and new.get("role") == "admin":
            return ("region_forbidden", detail("admins"))
        return None

    def _orphan(self, after: RowState) -> Refusal | None:
        link = PARENTS.get(after.table)
        if link is None:
            return None
        column, parent = link
        ref = str(after.values.get(column))
        if self.parents.get((parent, ref)) == after.region:
            return None
        if (parent, ref) in self.refused:
            # the parent waits (or fails) for its reason: so does the child, so
            # that it comes back with its parent (a clock_ahead row is re-sent)
            reason, why = self.refused[(parent, ref)]
            return (reason, detail("parent_refused", parent=parent, detail=why))
        return (
            "invalid_row",
            detail(
                "orphan", column=column, ref=ref, parent=parent, region=after.region
            ),
        )


def _incomplete(after: RowState) -> Refusal | None:
    missing = [c for c in _REQUIRED[after.table] if after.values.get(c) is None]
    if not missing:
        return None
    return ("invalid_row", detail("incomplete", columns=", ".join(missing)))


def _key_changed(before: RowState | None, after: RowState) -> Refusal | None:
    if before is None:
        return None
    for column in _KEYS[after.table]:
        was = before.values.get(column)
        if was is not None and after.values.get(column) != was:
            return ("invalid_row", detail("key_fixed", column=column))
    return None

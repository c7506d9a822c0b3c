"""KVKK right to erasure: an employee's personal fields blanked everywhere sync
reaches, without breaking sync (the row and its stamps stay)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from puantaj.core import personal
from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction


@dataclass(frozen=True)
class Erasure:
    """What an erasure did here, and what is left to do elsewhere."""

    employee_id: str
    sicil_no: str
    refusals_removed: int


class ErasureService:
    """Blanks an employee's name, TC no, birth date and title, and marks it left.

    The write is an ordinary synced write: every office and the server take it
    at their next sync. The server's conflict history may still hold the old
    values; `puantaj-server erase ID` removes them once the erasure has synced.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def erase_employee(self, session: Session, employee_id: str) -> Erasure:
        if not session.is_admin:
            raise PermissionDenied(
                "only an admin erases personal data", code="admin_erases"
            )
        values = personal.erased_values()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        values.update(updated_at=now, updated_by=session.username)
        sets = ", ".join(f'"{name}" = ?' for name in values)
        with self._store.connection() as conn, transaction(conn):
            row = conn.execute(
                "SELECT sicil_no FROM employees WHERE id = ?", (employee_id,)
            ).fetchone()
            if row is None:
                raise ValidationError("no such employee", "id", code="no_record")
            conn.execute(
                f"UPDATE employees SET {sets} WHERE id = ?",
                (*values.values(), employee_id),
            )
            # copies of the row kept for the clerk: a refusal holds what was sent
            removed = conn.execute(
                "DELETE FROM _rejected WHERE tbl = 'employees' AND row_id = ?",
                (employee_id,),
            ).rowcount
            conn.execute(
                "DELETE FROM _deferred WHERE json_extract(change, '$.id') = ?",
                (employee_id,),
            )
        return Erasure(employee_id, row[0], removed)

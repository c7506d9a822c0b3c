"""Create, edit, list and deactivate records of one synced table, region-scoped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from puantaj.core import turkish, validators
from puantaj.core.changes import check_value
from puantaj.core.numbers import parse_number
from puantaj.core.tables import natural_id, new_id
from puantaj.errors import ValidationError
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo

_SORT_KEYS = {
    "employees": ("last_name", "first_name"),
    "vehicles": ("plate",),
    "drivers": ("full_name",),
    "vehicle_faults": ("fault_date",),
    "vehicle_inspections": ("inspection_date",),
}


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class RecordService:
    """Use cases on one table; the session decides the region, never the input."""

    def __init__(self, store: Store, table: str) -> None:
        self._store = store
        self.repo = TableRepo(table)
        self.spec = self.repo.spec

    def clean(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Parse what a form holds (dd.mm.yyyy, '7,5', plates) and validate each field."""
        out: dict[str, Any] = {}
        for name, raw in values.items():
            column = self.spec.column(name)
            if column is None:
                raise ValidationError(
                    f"unknown field {name!r}", name, code="unknown_field"
                )
            value = raw.strip() if isinstance(raw, str) else raw
            if value in ("", None):
                value = None
            elif column.kind == "date":
                value = validators.parse_date(value, name).isoformat()
            elif column.kind in ("int", "real") and isinstance(value, str):
                # Turkish notation: 125.000 km, 1.250,50 TL; ambiguity refused
                number = parse_number(value, name, whole=column.kind == "int")
                value = int(number) if column.kind == "int" else number
            elif column.check == "plate":
                value = validators.normalize_plate(value, name)
            out[name] = check_value(self.spec, name, value)
        return out

    def list(
        self,
        session: Session,
        region: str | None = None,
        search: str = "",
        include_deleted: bool = False,
    ) -> list[dict]:
        with self._store.connection() as conn:
            rows = self.repo.select(
                conn, session.read_region(region), include_deleted=include_deleted
            )
        if search:
            needle = turkish.lower(search.strip())
            rows = [
                r
                for r in rows
                if any(
                    needle in turkish.lower(str(v))
                    for k, v in r.items()
                    if isinstance(v, str) and k != "_hlc"
                )
            ]
        keys = _SORT_KEYS.get(self.spec.name, ("id",))
        rows.sort(
            key=lambda r: tuple(turkish.sort_key(str(r.get(k) or "")) for k in keys)
        )
        return rows

    def get(self, session: Session, row_id: str) -> dict:
        with self._store.connection() as conn:
            row = self.repo.get(conn, row_id)
        if row is None:
            raise ValidationError("record not found", "id", code="no_record")
        session.check_row(row)
        return row

    def create(
        self, session: Session, values: Mapping[str, Any], region: str | None = None
    ) -> str:
        clean = self.clean(values)
        for column in self.spec.columns:
            if column.required and clean.get(column.name) is None:
                raise ValidationError(
                    f"{column.name}: is required", column.name, code="required"
                )
        region = session.write_region(region)
        row_id = self._new_id(region, clean)
        clean.update(
            deleted=0,
            created_at=now_text(),
            created_by=session.username,
            updated_at=now_text(),
            updated_by=session.username,
        )
        with self._store.connection() as conn, transaction(conn):
            existing = self.repo.get(conn, row_id)
            if existing is not None and not existing["deleted"]:
                raise ValidationError(
                    "a record with this key already exists",
                    self.spec.natural_key[-1],
                    code="duplicate",
                )
            self.repo.upsert(conn, row_id, region, clean)
        return row_id

    def update(self, session: Session, row_id: str, values: Mapping[str, Any]) -> None:
        clean = self.clean(values)
        for key in self.spec.natural_key:
            if key in clean:
                clean.pop(key)  # the id is derived from it; a new key is a new record
        clean.update(updated_at=now_text(), updated_by=session.username)
        with self._store.connection() as conn, transaction(conn):
            row = self.repo.get(conn, row_id)
            if row is None:
                raise ValidationError("record not found", "id", code="no_record")
            session.check_row(row)
            self.repo.update(conn, row_id, clean)

    def set_deleted(self, session: Session, row_id: str, deleted: bool = True) -> None:
        """Deactivate (tombstone) or reactivate a record."""
        with self._store.connection() as conn, transaction(conn):
            row = self.repo.get(conn, row_id)
            if row is None:
                raise ValidationError("record not found", "id", code="no_record")
            session.check_row(row)
            self.repo.update(
                conn,
                row_id,
                {
                    "deleted": int(deleted),
                    "updated_at": now_text(),
                    "updated_by": session.username,
                },
            )

    def _new_id(self, region: str, clean: Mapping[str, Any]) -> str:
        if not self.spec.natural_key:
            return new_id()
        parts = [
            region if k == "region" else clean.get(k) for k in self.spec.natural_key
        ]
        return natural_id(self.spec.name, *parts)

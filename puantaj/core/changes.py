"""The change record of the wire protocol (DESIGN.md §4) and its validation."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from puantaj.core import validators
from puantaj.core.hlc import STAMP_RE, Stamp
from puantaj.core.tables import TABLES, Column, TableSpec
from puantaj.errors import ValidationError

PROTOCOL = 1
_COLUMNS = {spec.name: {c.name: c for c in spec.columns} for spec in TABLES.values()}


@dataclass(frozen=True)
class _Glance:
    """A table's columns whose usual values need no closer look: optional ones
    (None), plain text ones (their longest), flags (0 or 1)."""

    optional: frozenset[str]
    plain_text: dict[str, int]
    flags: frozenset[str]


_GLANCE = {
    spec.name: _Glance(
        frozenset(c.name for c in spec.columns if not c.required),
        {c.name: c.max_len for c in spec.columns if c.kind == "text" and c.plain},
        frozenset(c.name for c in spec.columns if c.kind == "bool"),
    )
    for spec in TABLES.values()
}
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # fullmatch: no trailing newline
_REGION_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")
# C0 controls but tab, newline and carriage return: PostgreSQL cannot store a NUL
# in text at all, and the others are pasted garbage no screen can show
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


class ChangeError(ValidationError):
    """A change that cannot be applied; `reason` is the wire reason code."""

    def __init__(
        self,
        reason: str,
        message: str,
        field: str | None = None,
        *,
        code: str = "",
        **values: object,
    ) -> None:
        super().__init__(message, field, code=code, **values)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Change:
    """The columns one write set on one row, all under one stamp."""

    table: str
    id: str
    region: str
    hlc: str
    row: dict[str, Any]

    def to_wire(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "id": self.id,
            "region": self.region,
            "hlc": self.hlc,
            "row": self.row,
        }

    @property
    def stamp(self) -> Stamp:
        return Stamp.parse(self.hlc)


def parse_change(obj: object) -> Change:
    """Validate one wire change; raise ChangeError with reason and field."""
    if not isinstance(obj, dict):
        raise ChangeError("invalid_row", "change must be an object")
    table = obj.get("table")
    spec = TABLES.get(table) if isinstance(table, str) else None
    if spec is None:
        raise ChangeError("unknown_table", f"unknown table {table!r}", "table")
    row_id = obj.get("id")
    if not isinstance(row_id, str) or not _UUID_RE.fullmatch(row_id):
        raise ChangeError("invalid_row", "id: must be a UUID string", "id")
    region = obj.get("region")
    if not isinstance(region, str) or not _REGION_RE.fullmatch(region):
        raise ChangeError("invalid_row", "region: must be a short string", "region")
    hlc = obj.get("hlc")
    if not isinstance(hlc, str) or not STAMP_RE.fullmatch(hlc):
        try:
            Stamp.parse(hlc)  # for its message
        except ValidationError as exc:
            raise ChangeError("invalid_row", str(exc), "hlc") from None
        raise ChangeError("invalid_row", "hlc: malformed stamp", "hlc")
    row = obj.get("row")
    if not isinstance(row, dict) or not row:
        raise ChangeError("invalid_row", "row: must be a non-empty object", "row")
    glance = _GLANCE[spec.name]
    clean: dict[str, Any] = {}
    for name, value in row.items():
        # the common values pass at a glance; anything else is looked at closely
        if value is None:
            if name in glance.optional:
                clean[name] = None
                continue
        elif type(value) is str:
            if 0 < len(value) <= glance.plain_text.get(name, 0) and (
                value.isprintable() or not _CONTROL_RE.search(value)
            ):
                clean[name] = value  # plain text within its length
                continue
        elif type(value) is int and (value == 0 or value == 1) and name in glance.flags:
            clean[name] = value
            continue
        column = _COLUMNS[spec.name].get(name) if isinstance(name, str) else None
        if column is None:
            raise ChangeError(
                "invalid_row", f"{spec.name}: unknown column {name!r}", "row"
            )
        clean[name] = _checked(column, name, value)
    return Change(spec.name, row_id, region, hlc, clean)


def check_value(spec: TableSpec, name: object, value: object) -> Any:
    """Return `value` normalised for column `name`, or raise ChangeError."""
    column = spec.column(name) if isinstance(name, str) else None
    if column is None:
        raise ChangeError("invalid_row", f"{spec.name}: unknown column {name!r}", "row")
    return _checked(column, column.name, value)


def _checked(column: Column, name: str, value: object) -> Any:
    """The value as both sides store it; '' stays '' in optional text (it is
    stored as sent), and is refused where it could only become NULL."""
    if value is None or (value == "" and column.required):
        if column.required:
            raise ChangeError(
                "invalid_row", f"{name}: is required", name, code="required"
            )
        return None
    try:
        return _typed(column, value)
    except ValidationError as exc:
        raise ChangeError(
            "invalid_row", str(exc), name, code=exc.code, **exc.values
        ) from None


def _typed(column: Column, value: object) -> Any:
    name = column.name
    kind = column.kind
    if kind == "bool":
        if value in (True, False, 0, 1):
            return int(bool(value))
        raise ValidationError(f"{name}: must be true or false", name)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{name}: must be an integer", name)
        if not column.min_value <= value <= column.max_value:
            raise ValidationError(
                f"{name}: must be from {column.min_value} to {column.max_value}",
                name,
                code="range",
                min=column.min_value,
                max=column.max_value,
            )
        return value
    if kind == "real":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"{name}: must be a number", name)
        if not math.isfinite(value) or abs(value) > 1e12:
            raise ValidationError(f"{name}: must be a finite number", name)
        return float(value)
    if not isinstance(value, str):
        raise ValidationError(f"{name}: must be text", name)
    control = _CONTROL_RE.search(value)
    if control:
        raise ValidationError(
            f"{name}: holds control character U+{ord(control.group()):04X}"
            f" at position {control.start() + 1}",
            name,
            code="control",
        )
    if len(value) > column.max_len:
        raise ValidationError(
            f"{name}: longer than {column.max_len}",
            name,
            code="too_long",
            max=column.max_len,
        )
    if kind == "date":
        problem = _date_problem(value)
        if problem:
            raise ValidationError(f"{name}: {problem}", name)
    elif kind == "month":
        validators.parse_month(value, name)
    if column.choices and value not in column.choices:
        raise ValidationError(
            f"{name}: must be one of {', '.join(column.choices)}", name
        )
    if column.check == "tc":
        validators.check_tc(value, name)
    elif column.check == "plate" and validators.normalize_plate(value, name) != value:
        raise ValidationError(f"{name}: plate not in canonical form", name)
    return value


@functools.lru_cache(maxsize=4096)
def _date_problem(value: str) -> str:
    """Why `value` is not a YYYY-MM-DD day ("" if it is one); cached, as a sync
    carries the same few hundred days over and over."""
    if not _DATE_RE.fullmatch(value):
        return "must be YYYY-MM-DD"
    try:
        dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return f"no such day {value!r}"
    return ""

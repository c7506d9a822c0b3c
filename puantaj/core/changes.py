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


# the usual values of a column that need no closer look, per column:
# (optional: None passes, what a str passes as, its longest); "text" is plain
# text within its length, "day" a YYYY-MM-DD day; flags pass 0 and 1
_TEXT, _DAY, _FLAG = "text", "day", "flag"


def _glance(column: Column) -> tuple[bool, str, int]:
    if column.kind == "bool":
        return (not column.required, _FLAG, 0)
    if column.plain and column.kind in ("text", "date"):
        return (
            not column.required,
            _TEXT if column.kind == "text" else _DAY,
            column.max_len,
        )
    return (not column.required, "", 0)


_GLANCE = {
    spec.name: {c.name: _glance(c) for c in spec.columns} for spec in TABLES.values()
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


@dataclass(slots=True)  # not frozen: a push builds one a row, and frozen is 4x slower
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
    clean = row  # copied only if a value comes out changed
    for name, value in row.items():
        # the usual values pass at a glance; anything else is looked at closely
        rule = glance.get(name) if type(name) is str else None
        if rule is not None:
            if value is None:
                if rule[0]:
                    continue
            elif type(value) is str:
                if rule[1] is _TEXT:
                    if 0 < len(value) <= rule[2] and (
                        value.isprintable() or not _CONTROL_RE.search(value)
                    ):
                        continue
                elif rule[1] is _DAY and len(value) == 10 and not _date_problem(value):
                    continue
            elif type(value) is int and rule[1] is _FLAG and (value == 0 or value == 1):
                continue
        column = _COLUMNS[spec.name].get(name) if isinstance(name, str) else None
        if column is None:
            raise ChangeError(
                "invalid_row", f"{spec.name}: unknown column {name!r}", "row"
            )
        checked = _checked(column, name, value)
        if checked is not value:
            if clean is row:
                clean = dict(row)
            clean[name] = checked
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

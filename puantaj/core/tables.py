"""Definitions of the synced tables (DESIGN.md §2), shared by desktop and server."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import cached_property

from puantaj.core.codes import KINDS

# Fixed namespace so every office derives the same id for the same natural key.
NAMESPACE = uuid.UUID("5b0b8a3e-6f0d-4d5e-9a41-7c1f0f3f2a10")

SYSTEM_COLUMNS = ("id", "region")


@dataclass(frozen=True)
class Column:
    """One user-visible column: its type and the rules a value must pass."""

    name: str
    kind: str  # text | int | real | date | bool | month
    required: bool = False
    choices: tuple[str, ...] = ()
    check: str = ""  # extra validator: tc | plate
    max_len: int = 200
    # bounds of an int column (inclusive); the default is what a double holds exactly
    min_value: int = -(2**53)
    max_value: int = 2**53

    @cached_property
    def plain(self) -> bool:
        """Free text: no choices and no extra check beyond its length."""
        return not self.choices and not self.check


@dataclass(frozen=True)
class TableSpec:
    """A synced table: its columns (beyond id/region) and natural key, if any."""

    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = field(default=())

    @cached_property
    def data_columns(self) -> tuple[str, ...]:
        """Every stamped column, `deleted` and the audit columns included."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column | None:
        return _COLUMN_INDEX[self.name].get(name)


def _audit() -> tuple[Column, ...]:
    return (
        Column("deleted", "bool"),
        Column("created_at", "text", max_len=40),
        Column("created_by", "text", max_len=80),
        Column("updated_at", "text", max_len=40),
        Column("updated_by", "text", max_len=80),
    )


VEHICLE_TYPES = ("private", "commercial", "motorcycle", "tractor", "truck", "bus")
HOLIDAY_STATES = ("confirmed", "to_confirm")

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec(
            "employees",
            (
                Column("sicil_no", "text", required=True, max_len=20),
                Column("tc_no", "text", check="tc", max_len=11),
                Column("first_name", "text", required=True, max_len=80),
                Column("last_name", "text", required=True, max_len=80),
                Column("title", "text", max_len=80),
                Column("hire_date", "date", required=True),
                Column("exit_date", "date"),
                Column("birth_date", "date"),
                # 0 = Monday … 6 = Sunday
                Column("weekly_rest_day", "int", min_value=0, max_value=6),
                Column("daily_hours", "real"),
                Column("annual_leave_days", "int"),
                *_audit(),
            ),
            natural_key=("region", "sicil_no"),
        ),
        TableSpec(
            "timesheets",
            (
                Column("employee_id", "text", required=True, max_len=36),
                Column("work_date", "date", required=True),
                Column("code", "text", max_len=8),
                Column("overtime_hours", "real"),
                Column("note", "text", max_len=500),
                *_audit(),
            ),
            natural_key=("employee_id", "work_date"),
            indexes=(("employee_id", "work_date"), ("work_date",)),
        ),
        TableSpec(
            "vehicles",
            (
                Column("plate", "text", required=True, check="plate", max_len=12),
                Column("vehicle_type", "text", required=True, choices=VEHICLE_TYPES),
                Column("make", "text", max_len=60),
                Column("model", "text", max_len=60),
                Column("first_registration", "date"),
                Column("km", "int"),
                Column("driver_id", "text", max_len=36),
                Column(
                    "status", "text", choices=("active", "passive", "service", "sale")
                ),
                Column("insurance_expiry", "date"),
                Column("kasko_expiry", "date"),
                Column("last_inspection", "date"),
                Column("last_emission", "date"),
                *_audit(),
            ),
            # a plate is unique within a region: a vehicle moved to another region
            # is a new row there (its id is not the old region's row id)
            natural_key=("region", "plate"),
        ),
        TableSpec(
            "drivers",
            (
                Column("full_name", "text", required=True, max_len=120),
                Column("employee_id", "text", max_len=36),
                Column("license_no", "text", max_len=30),
                Column("license_class", "text", max_len=10),
                Column("license_expiry", "date"),
                Column("phone", "text", max_len=30),
                *_audit(),
            ),
        ),
        TableSpec(
            "vehicle_faults",
            (
                Column("vehicle_id", "text", required=True, max_len=36),
                Column("fault_date", "date", required=True),
                Column("reported_by", "text", max_len=120),
                Column("km", "int"),
                Column("category", "text", max_len=60),
                Column("description", "text", max_len=2000),
                Column("severity", "text", choices=("low", "medium", "high")),
                Column("status", "text", choices=("open", "service", "closed")),
                Column("service_shop", "text", max_len=120),
                Column("cost", "real"),
                Column("days_out", "int"),
                *_audit(),
            ),
        ),
        TableSpec(
            "vehicle_inspections",
            (
                Column("vehicle_id", "text", required=True, max_len=36),
                Column(
                    "kind",
                    "text",
                    required=True,
                    choices=("inspection", "emission", "tachograph"),
                ),
                Column("inspection_date", "date", required=True),
                Column("result", "text", choices=("passed", "failed")),
                Column("next_due", "date"),
                Column("station", "text", max_len=120),
                Column("cost", "real"),
                Column("note", "text", max_len=500),
                *_audit(),
            ),
        ),
        TableSpec(
            "reports",
            (
                Column("month", "month", required=True),
                Column(
                    "status",
                    "text",
                    required=True,
                    choices=("draft", "submitted", "approved", "locked"),
                ),
                Column("submitted_by", "text", max_len=80),
                Column("submitted_at", "text", max_len=40),
                Column("locked_by", "text", max_len=80),
                Column("locked_at", "text", max_len=40),
                Column("reason", "text", max_len=500),
                *_audit(),
            ),
            natural_key=("region", "month"),
        ),
        TableSpec(
            "users",
            (
                Column("username", "text", required=True, max_len=40),
                Column("full_name", "text", max_len=120),
                Column("role", "text", required=True, choices=("clerk", "admin")),
                Column("password_hash", "text", max_len=300),
                Column("active", "bool"),
                Column("last_login_at", "text", max_len=40),
                *_audit(),
            ),
            # a login name is global (login looks it up by name alone)
            natural_key=("username",),
        ),
        # issue 13: the admin's code and holiday tables, kept for every office
        # (region '*', see SHARED_TABLES); a row overrides the built-in default
        # of its code or day, a tombstone brings the default back
        TableSpec(
            "day_codes",
            (
                Column("code", "text", required=True, max_len=8),
                Column("label_tr", "text", required=True, max_len=80),
                Column("label_en", "text", max_len=80),
                Column("kind", "text", required=True, choices=KINDS),
                Column("worked", "real"),
                Column("paid", "real"),
                Column("sgk", "bool"),
                Column("eksik", "text", max_len=2),
                Column("aliases", "text", max_len=200),
                Column("color", "text", max_len=7),
                Column("active", "bool"),
                *_audit(),
            ),
            natural_key=("code",),
        ),
        TableSpec(
            "holiday_days",
            (
                Column("holiday_date", "date", required=True),
                Column("name_tr", "text", required=True, max_len=120),
                Column("name_en", "text", max_len=120),
                # 1: a full day, 0.5: an eve from 13:00, 0: no holiday after all
                Column("fraction", "real"),
                Column("status", "text", choices=HOLIDAY_STATES),
                *_audit(),
            ),
            natural_key=("holiday_date",),
        ),
    )
}

_COLUMN_INDEX = {t.name: {c.name: c for c in t.columns} for t in TABLES.values()}

ALL_REGIONS = "*"
# tables whose rows of region '*' every office reads (only an admin writes them)
SHARED_TABLES = frozenset({"day_codes", "holiday_days"})


def is_shared(table: str, region: str) -> bool:
    """Whether a row is one every region pulls: an admin's shared table row."""
    return table in SHARED_TABLES and region == ALL_REGIONS


def can_read(scope: str, table: str, region: str) -> bool:
    """Whether a caller scoped to `scope` ('*': admin) reads a row of `region`."""
    return scope in (ALL_REGIONS, region) or is_shared(table, region)


def natural_id(table: str, *parts: object) -> str:
    """The deterministic id of a row with a natural key (uuid5 over its parts)."""
    key = table + "|" + "|".join(str(p) for p in parts)
    return str(uuid.uuid5(NAMESPACE, key))


def timesheet_id(employee_id: str, work_date: str) -> str:
    """DESIGN.md §2: a cell is uuid5(namespace, employee_id + work_date)."""
    return str(uuid.uuid5(NAMESPACE, employee_id + work_date))


def new_id() -> str:
    return str(uuid.uuid4())

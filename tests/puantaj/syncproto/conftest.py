"""Builders for the protocol's unit tests: stamps, changes, row states."""

from __future__ import annotations

import pytest

from puantaj.core.changes import Change
from puantaj.core.hlc import Stamp
from puantaj.core.tables import natural_id
from puantaj.syncproto.access import Access
from puantaj.syncproto.rows import RowState

NOW_MS = 1_780_000_000_000
EMPLOYEE = natural_id("employees", "Ankara", "1")


def at(site: str, offset_ms: int = 0, counter: int = 0) -> str:
    return str(Stamp(NOW_MS + offset_ms, counter, site))


def change(table: str, row_id: str, hlc: str, region: str = "Ankara", **row) -> Change:
    return Change(table, row_id, region, hlc, row)


def employee(hlc: str, **row) -> RowState:
    """A stored employee row, every column under `hlc`."""
    values = {
        "sicil_no": "1",
        "first_name": "Ad",
        "last_name": "Soyad",
        "hire_date": "2025-01-01",
        "deleted": 0,
        **row,
    }
    return RowState(
        "employees", EMPLOYEE, "Ankara", values, dict.fromkeys(values, hlc), prev_seq=1
    )


@pytest.fixture
def clerk() -> Access:
    return Access("Ankara")


@pytest.fixture
def admin() -> Access:
    return Access("*")

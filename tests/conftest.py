"""Shared fixtures: stores and services on tmp_path, sessions, environment gates."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from puantaj.app import Services, build_services
from puantaj.config import load_settings
from puantaj.core import stamps as core_stamps
from puantaj.core.tables import TABLES
from puantaj.services.session import Session

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# the services' "today" (issue 13 was filed on 2 December 2026): no test reads
# the wall clock to decide whether a month is over
TODAY = dt.date(2026, 12, 2)


def require(condition: bool, reason: str) -> None:
    """Skip when a real dependency is missing, except in CI where that is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def employee_stamps(text: str) -> dict[str, str]:
    """{column: stamp} of an employee row's _hlc, in either form (core.stamps)."""
    return core_stamps.read(text, TABLES["employees"].data_columns)


def make_services(home: Path, region: str | None = None) -> Services:
    settings = load_settings(env={}, flags={"home": str(home)})
    return build_services(settings, region, today=lambda: TODAY)


@pytest.fixture
def services(tmp_path: Path):
    made = make_services(tmp_path / "desk")
    yield made
    made.store.close()


@pytest.fixture
def ankara() -> Session:
    return Session("ankara1", "clerk", "Ankara")


@pytest.fixture
def istanbul() -> Session:
    return Session("istanbul1", "clerk", "İstanbul")


@pytest.fixture
def admin() -> Session:
    return Session("admin", "admin", "*")

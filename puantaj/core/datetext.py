"""Dates and moments as people read them: dd.mm.yyyy and dd.mm.yyyy HH:MM."""

from __future__ import annotations

import datetime as dt

DAY_FORMAT = "%d.%m.%Y"
MOMENT_FORMAT = "%d.%m.%Y %H:%M"


def day_text(value: str | dt.date | None) -> str:
    """A day as dd.mm.yyyy, from a date or ISO text; '' for none, and text that
    is not a date shown as it is."""
    if not value:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DAY_FORMAT)
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime(DAY_FORMAT)
    except ValueError:
        return str(value)


def moment_text(value: str | dt.datetime | None) -> str:
    """A UTC (or zoned) moment as dd.mm.yyyy HH:MM in this PC's time zone; ''
    for none, and text that is not a moment shown as it is."""
    if not value:
        return ""
    try:
        at = (
            value
            if isinstance(value, dt.datetime)
            else dt.datetime.fromisoformat(str(value))
        )
    except ValueError:
        return str(value)
    if at.tzinfo is None:  # stamps are UTC (STYLE §7)
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime(MOMENT_FORMAT)

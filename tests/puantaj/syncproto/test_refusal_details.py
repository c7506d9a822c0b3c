"""Refusal details read back into their template and values (for the desktop
to word them)."""

from __future__ import annotations

import string

import pytest

from puantaj.syncproto.refusal_details import TEMPLATES, detail, parse


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_detail_reads_back_into_its_template_and_values(name):
    fields = {f for _, f, _, _ in string.Formatter().parse(TEMPLATES[name]) if f}
    # a region may hold a space; names and ids do not
    values = {f: f"Kuzey {f}" if f in ("region", "scope") else f"x_{f}" for f in fields}
    if "month" in fields:
        values["month"] = "2026-03"
    assert parse(detail(name, **values)) == (name, values)


def test_a_parent_refusal_keeps_its_parents_detail_whole():
    inner = detail("month_locked", region="Ankara", month="2026-03")
    outer = detail("parent_refused", parent="employees", detail=inner)
    assert parse(outer) == ("parent_refused", {"parent": "employees", "detail": inner})
    assert parse("hire_date: not a date (dd.mm.yyyy): '31.02.2026'") is None

"""The main window's wiring: which lists a tab switch refreshes (issue 15)."""

from __future__ import annotations

import dataclasses

from puantaj.core import codes, tables


def test_opening_a_record_tab_refreshes_only_its_own_lists(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    window = driver.window
    refreshed: list[str] = []
    for table, view in window.record_views.items():
        view.refresh = lambda table=table, real=view.refresh: (
            refreshed.append(table),
            real(),
        )
    tabs = {window.notebook.tab(t, "text"): t for t in window.notebook.tabs()}
    expected = {
        "Çalışanlar": ["employees"],
        "Araçlar": ["vehicles"],
        "Sürücüler": ["drivers"],
        "Arıza & Muayene": ["vehicle_faults", "vehicle_inspections"],
    }
    for text, shown in expected.items():
        refreshed.clear()
        window.notebook.select(tabs[text])
        driver.root.update()
        assert sorted(refreshed) == sorted(shown), text


def test_choice_lists_come_from_the_core_table_definitions(
    services, drive, monkeypatch
):
    # a new choice in the core's table definitions reaches the forms at once
    index = tables._COLUMN_INDEX
    for table, name, added in (
        ("vehicles", "vehicle_type", "minibus"),
        ("vehicle_faults", "severity", "critical"),
        ("vehicle_faults", "status", "waiting"),
        ("vehicle_inspections", "kind", "lpg"),
        ("vehicle_inspections", "result", "retest"),
    ):
        column = index[table][name]
        widened = dataclasses.replace(column, choices=(*column.choices, added))
        monkeypatch.setitem(index[table], name, widened)
    driver = drive(services)
    driver.login("ankara1")
    for table, view in driver.window.record_views.items():
        spec = view._service.spec
        for field in view._fields:
            stored = spec.column(field.name).choices
            if not stored:
                continue
            offered = field.choices() if callable(field.choices) else {}
            assert sorted(offered.values()) == sorted(stored), (table, field.name)


def test_the_grid_counts_the_core_code_columns(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    headers = [h.text for h in driver.window.grid_view.p.headers()]
    assert [h for h in headers if h in codes.COLUMN_CODES] == list(codes.COLUMN_CODES)

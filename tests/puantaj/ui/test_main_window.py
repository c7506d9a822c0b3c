"""The main window's wiring: which lists a tab switch refreshes (issue 15)."""

from __future__ import annotations


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
    for text, tables in expected.items():
        refreshed.clear()
        window.notebook.select(tabs[text])
        driver.root.update()
        assert sorted(refreshed) == sorted(tables), text

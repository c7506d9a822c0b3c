"""The record tabs: Çalışanlar, Araçlar (with the due list), Sürücüler, Arıza & Muayene."""

from __future__ import annotations

from collections.abc import Callable
from tkinter import ttk

from puantaj.services.fleet import FleetService
from puantaj.services.session import Session
from puantaj.ui.views.due import DueList
from puantaj.ui.views.employees import EmployeesView
from puantaj.ui.views.records import Field, RecordsView

EMPLOYEE_FIELDS = (
    "sicil_no",
    "first_name",
    "last_name",
    "tc_no",
    "title",
    "hire_date",
    "exit_date",
    "birth_date",  # md.53: the age rule of the leave entitlement
    "weekly_rest_day",
)
MONEY = ("cost",)  # shown with two decimals: 1.850,00
LONG_TEXT = ("description",)  # a multi-line box in the form


class RecordTabs:
    """Builds the record tabs into a notebook and keeps their views; the due
    list follows every edit of a vehicle or an inspection."""

    def __init__(
        self,
        notebook: ttk.Notebook,
        services,
        session: Session,
        strings,
        show_status: Callable[[str], None],
        confirm: Callable[[str], bool],
    ) -> None:
        self.notebook, self.services, self.session, self.t = (
            notebook,
            services,
            session,
            strings,
        )
        self._status, self._confirm = show_status, confirm
        self.views: dict[str, RecordsView] = {}
        self._tab_of: dict[str, ttk.Frame | ttk.PanedWindow] = {}
        frame = self._tab("tab.employees")
        names = [
            n if n != "weekly_rest_day" else (n, self._weekdays)
            for n in EMPLOYEE_FIELDS
        ]
        view = EmployeesView(
            frame,
            services.employees,
            services.records["employees"],
            session,
            self._fields("employees", names),
            strings,
            show_status,
            confirm,
            title=strings("list.title.employees"),
        )
        self._keep("employees", view, frame)
        self.fleet_tab = self._tab("tab.vehicles")
        self._records(
            self.fleet_tab,
            "vehicles",
            ["plate", "vehicle_type", "make", "model"]
            + ["first_registration", "km", "insurance_expiry", "kasko_expiry"]
            + ["last_inspection", "last_emission"],
        )
        fleet = FleetService(
            services.records["vehicles"], services.records["vehicle_inspections"]
        )
        self.due = DueList(self.fleet_tab, fleet, session, strings)
        self.due.pack(fill="both", expand=False)
        self.due.refresh()
        drivers = self._tab("tab.drivers")
        self._records(
            drivers,
            "drivers",
            ["full_name", "license_no", "license_class", "license_expiry", "phone"],
        )
        faults = ttk.PanedWindow(notebook, orient="vertical")
        notebook.add(faults, text=strings("tab.faults"))
        for table, names in (
            (
                "vehicle_faults",
                ["vehicle_id", "fault_date", "category", "description"]
                + ["severity", "status", "cost"],
            ),
            (
                "vehicle_inspections",
                ["vehicle_id", "kind", "inspection_date", "result", "station"]
                + ["cost"],
            ),
        ):
            faults.add(self._records(faults, table, names, pack=False), weight=1)

    def _tab(self, key: str) -> ttk.Frame:
        frame = ttk.Frame(self.notebook)
        self.notebook.add(frame, text=self.t(key))
        return frame

    def _fields(self, table: str, names: list) -> list[Field]:
        """The form's fields; a column's choices are the core table definition's."""
        spec = self.services.records[table].spec
        fields = []
        for item in names:
            name, choices = item if isinstance(item, tuple) else (item, ())
            if name == "vehicle_id":
                choices = self._vehicle_choices
            elif not choices and spec.column(name).choices:
                choices = self.t.labelled(spec.column(name).choices)
            decimals = 2 if name in MONEY else None
            lines = 4 if name in LONG_TEXT else 1
            fields.append(
                Field(
                    name,
                    self.t(f"f.{name}"),
                    choices=choices,
                    decimals=decimals,
                    lines=lines,
                )
            )
        return fields

    def _records(
        self, parent, table: str, names: list, pack: bool = True
    ) -> RecordsView:
        follows = table in ("vehicles", "vehicle_inspections")
        view = RecordsView(
            parent,
            self.services.records[table],
            self.session,
            self._fields(table, names),
            self.t,
            self._status,
            self._confirm,
            on_changed=self.refresh_due if follows else lambda: None,
            title=self.t(f"list.title.{table}"),
        )
        self._keep(table, view, parent, pack)
        return view

    def _keep(self, table: str, view: RecordsView, tab, pack: bool = True) -> None:
        if pack:
            view.pack(fill="both", expand=True)
        view.refresh()
        self.views[table] = view
        self._tab_of[table] = tab

    def refresh_tab(self, tab) -> None:
        """The lists on the notebook tab `tab` (a widget), after it was opened."""
        for table, view in self.views.items():
            if self._tab_of[table] is tab:
                view.refresh()
        if tab is self.fleet_tab:
            self.refresh_due()

    def refresh_due(self) -> None:
        if hasattr(self, "due"):
            self.due.refresh()

    def refresh_all(self) -> None:
        """After a sync brought rows: every list and the due list, without a tab switch."""
        for view in self.views.values():
            view.refresh()
        self.refresh_due()

    def _weekdays(self) -> dict[str, str]:
        """Weekday names → the stored 0 (Monday) … 6 (Sunday)."""
        return {self.t(f"day.{i}"): str(i) for i in range(7)}

    def _vehicle_choices(self) -> dict[str, str]:
        return {
            v["plate"]: v["id"]
            for v in self.services.records["vehicles"].list(self.session)
        }

"""The main window: tabs scoped by the session, the status bar, message pump wiring."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core.monthcheck import Finding
from puantaj.services.export import ExportService
from puantaj.services.overview import OverviewService
from puantaj.services.session import Session
from puantaj.sync.controller import SyncController, last_report, unsent
from puantaj.sync.live import ServerChanged
from puantaj.sync.scheduler import SyncEvent
from puantaj.sync.unsent_watch import UnsentCounts, UnsentWatch
from puantaj.ui.dialogs import Dialogs
from puantaj.ui.i18n import Strings
from puantaj.ui.jobs import Jobs
from puantaj.ui.presenters.grid import GridPresenter
from puantaj.ui.presenters.importing import ImportPresenter
from puantaj.ui.pump import Pump
from puantaj.ui.record_tabs import RecordTabs
from puantaj.ui.statusbar import StatusBar
from puantaj.ui.views.admin import AdminView
from puantaj.ui.views.grid import GridView
from puantaj.ui.views.month_check import MonthCheckDialog
from puantaj.ui.views.refusals import RefusalsDialog
from puantaj.ui.views.report_files import FileAsks, ReportFiles
from puantaj.ui.views.reports import ReportsView
from puantaj.ui.views.settings import SettingsView
from puantaj.ui.views.tables import TablesView
from puantaj.ui.views.users import PasswordDialog, UsersView


class MainWindow(ttk.Frame):
    """Tabs scoped by the session's role and region, and the status bar."""

    def __init__(
        self,
        root: tk.Misc,
        services,
        session: Session,
        controller: SyncController,
        pump: Pump,
        strings: Strings,
        dialogs: Dialogs,
        on_logout: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(root)
        self.services, self.session, self.t = services, session, strings
        self.controller, self.dialogs = controller, dialogs
        self.jobs = Jobs(pump.post)  # exports and imports run on workers (issue 14)
        self.overview = OverviewService(services.store)
        self.regions = (
            self.overview.regions if session.is_admin else lambda: [session.region]
        )
        self.notebook = ttk.Notebook(self)
        self._build_status_bar(on_logout)
        # packed after the status bar: a short window shrinks the tabs, never the bar
        self.notebook.pack(fill="both", expand=True)
        self._add_grid_tab()
        self._add_record_tabs()
        self._add_reports_tab()
        self._add_settings_tab()
        self.admin_view = None
        if session.is_admin:
            self._add_admin_tabs()
        self.notebook.bind("<<NotebookTabChanged>>", lambda _e: self._tab_changed())
        pump.subscribe(self.on_message)
        # every write moves the unsent count, whoever made it (issue 15), counted
        # on a thread of its own and shown through the pump
        self.unsent_watch = UnsentWatch(services.store, pump.post)
        self._refused = 0  # the last count of refusals kept
        self.bind("<Destroy>", self._stop_watching, add="+")
        self._show_first_state()

    def _build_status_bar(self, on_logout: Callable[[], None] | None) -> None:
        services, session, strings = self.services, self.session, self.t
        self.status = StatusBar(
            self,
            strings,
            on_refused=lambda: RefusalsDialog(self, services.refusals, strings),
            on_password=lambda: PasswordDialog(
                self, services.users, session, strings, session.username
            ),
            on_logout=on_logout,
        )
        self.status.pack(fill="x", side="bottom")

    def _show(self, text: str) -> None:
        """A view's status line (the unsent count follows the file by itself)."""
        self.status.show_message(text)

    def _add_grid_tab(self) -> None:
        presenter = GridPresenter(
            self.services.timesheets,
            self.session,
            self.t,
            self.services.settings.language,
        )
        self.grid_view = GridView(
            self.notebook,
            presenter,
            self.t,
            self.regions,
            self._show,
            on_check=self.check_month,
            confirm=self.dialogs.confirm,  # "Ayı doldur" asks first (issue 15)
            today=self.services.timesheets.today(),  # the services' clock
        )
        self.notebook.add(self.grid_view, text=self.t("tab.grid"))

    def _add_record_tabs(self) -> None:
        self.tabs = RecordTabs(
            self.notebook,
            self.services,
            self.session,
            self.t,
            self._show,
            self.dialogs.confirm,
        )
        self.record_views = self.tabs.views
        self.due = self.tabs.due

    def _add_reports_tab(self) -> None:
        services = self.services
        exports = ExportService(
            services.timesheets,
            services.store,
            lambda: services.settings.company,  # as set when exported
        )
        self.reports_view = ReportsView(
            self.notebook,
            self.session,
            services.reports,
            exports,
            services.monthchecks,
            self.t,
            self.regions,
            self._show,
            self.dialogs.confirm,
            self.jump,
            files=lambda view, bar: self._report_files(view, bar, exports),
        )
        self.notebook.add(self.reports_view, text=self.t("tab.reports"))

    def _report_files(
        self, view: ReportsView, bar: ttk.Frame, exports: ExportService
    ) -> ReportFiles:
        """The Raporlar tab's exports and import, run on workers."""
        d = self.dialogs
        asks = FileAsks(
            lambda suffix, name: d.save_path(suffix, name),
            lambda: d.open_sheet(),
            lambda text: d.confirm(text),
        )
        return ReportFiles(
            view,
            bar,
            self.session,
            exports,
            ImportPresenter(self.services.importer, self.session),
            self.jobs,
            asks,
            self.t,
            self._show,
            self._imported,
        )

    def _imported(self) -> None:
        """An import (or its undo) wrote the month: the grid and lists follow."""
        self.grid_view.reload()
        self.tabs.refresh_all()
        self._count_unsent()  # the imported rows wait to be sent like typed ones

    def _add_settings_tab(self) -> None:
        self.settings_view = SettingsView(
            self.notebook,
            self.services,
            self.controller,
            self.t,
            self.dialogs.confirm,
            self.dialogs.choose_backup,
            self.services.tokens.get,
        )
        self.notebook.add(self.settings_view, text=self.t("tab.settings"))

    def _add_admin_tabs(self) -> None:
        """Yönetim, Tablolar and Kullanıcılar: administrators only."""
        services, session, strings = self.services, self.session, self.t
        self.admin_view = AdminView(
            self.notebook,
            session,
            self.controller,
            self.overview,
            strings,
            self.dialogs.confirm,
        )
        self.notebook.add(self.admin_view, text=strings("tab.admin"))
        self.tables_view = TablesView(
            self.notebook,
            services.calendars,
            services.calendar_admin,
            session,
            strings,
            self.dialogs.confirm,
            self._show,
            self.grid_view.reload,
        )
        self.notebook.add(self.tables_view, text=strings("tab.tables"))
        self.users_view = UsersView(self.notebook, services.users, session, strings)
        self.notebook.add(self.users_view, text=strings("tab.users"))

    def _show_first_state(self) -> None:
        """The grid, the unsent count and the last sync as the window opens."""
        self.grid_view.reload()
        self._count_unsent()
        self.unsent_watch.start()
        report = last_report(self.services.store)
        if report:
            self.status.show_report(report)
        self.settings_view.show_last_sync(report)

    def _month(self) -> tuple[int, int]:
        year, month = self.grid_view.month.get().split("-")
        return int(year), int(month)

    def check_month(self) -> MonthCheckDialog | None:
        """The month's checks on the Puantaj tab's region and month (no submit)."""
        grid = self.grid_view.p.grid
        if grid is None:
            return None
        check = self.services.monthchecks.run(
            self.session, grid.region, grid.year, grid.month
        )
        return MonthCheckDialog(
            self,
            check,
            self.t,
            lambda f: self.jump(grid.region, grid.year, grid.month, f),
            self.dialogs.confirm,
        )

    def jump(self, region: str, year: int, month: int, finding: Finding) -> None:
        """Show a finding's cell on the Puantaj tab."""
        self.notebook.select(self.grid_view)
        grid = self.grid_view.p.grid
        if grid is None or (grid.region, grid.year, grid.month) != (
            region,
            year,
            month,
        ):
            self.grid_view.show(region, year, month)
        if finding.day is not None:
            self.grid_view.show_cell(finding.employee_id, finding.day)

    def _tab_changed(self) -> None:
        current = self.notebook.nametowidget(self.notebook.select())
        if current is self.reports_view:
            year, month = self._month()
            self.reports_view.follow(self.grid_view.region.get(), year, month)
        elif current is self.admin_view:
            self.admin_view.refresh()
        self.tabs.refresh_tab(current)

    def _shows(self, view: tk.Misc) -> bool:
        return self.notebook.nametowidget(self.notebook.select()) is view

    def _count_unsent(self) -> None:
        count, self._refused = unsent(self.services.store)
        self.status.set_unsent(count, self._refused)

    def _stop_watching(self, event) -> None:
        if event.widget is self:  # this window's own Destroy, not a child's
            self.unsent_watch.stop()

    def on_message(self, message: object) -> None:
        if isinstance(message, UnsentCounts):
            if not self.unsent_watch.is_current(message):
                return  # counted before a sync began: the count at its end stands
            self._refused = message.refused
            self.status.set_unsent(message.unsent, message.refused)
            return
        if isinstance(message, SyncEvent):
            self.status.on_event(message)
            if message.kind == "started":  # the sync's progress tells it meanwhile
                self.unsent_watch.pause()
            elif message.kind == "progress" and message.total:
                left = max(message.total - message.done, 0)
                self.status.set_unsent(left, self._refused)
            if message.kind == "finished":
                self._count_unsent()  # what is left, and what the server refused
                self.unsent_watch.resume()
                self.settings_view.show_last_sync(message.report)
                if message.report and message.report.pulled:
                    self.grid_view.reload()
                    self.tabs.refresh_all()  # lists and the due list follow it
                if self.admin_view is not None:
                    self.admin_view.refresh()
            return
        if isinstance(message, ServerChanged):  # a site synced (issue 16)
            if self.admin_view is not None and self._shows(self.admin_view):
                self.admin_view.refresh()
            return
        self.settings_view.on_message(message)
        self.reports_view.on_message(message)
        if self.admin_view is not None:
            self.admin_view.on_message(message)

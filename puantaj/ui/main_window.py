"""The desktop application window: login, tabs, status bar, message pump wiring."""

from __future__ import annotations

import contextlib
import gc
import logging
import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tkinter import filedialog, messagebox, ttk

from puantaj.config import save_settings
from puantaj.core.monthcheck import Finding
from puantaj.errors import PuantajError
from puantaj.services.export import ExportService
from puantaj.services.overview import OverviewService
from puantaj.services.session import Session
from puantaj.sync.controller import SyncController, last_report, unsent
from puantaj.sync.live import ServerChanged
from puantaj.sync.scheduler import SyncEvent
from puantaj.sync.unsent_watch import UnsentCounts, UnsentWatch
from puantaj.ui.i18n import Strings
from puantaj.ui.jobs import Jobs
from puantaj.ui.placement import place, remembered
from puantaj.ui.presenters.grid import GridPresenter
from puantaj.ui.presenters.importing import ImportPresenter
from puantaj.ui.pump import Pump
from puantaj.ui.record_tabs import RecordTabs
from puantaj.ui.statusbar import StatusBar
from puantaj.ui.theme import scale_pixels
from puantaj.ui.views.admin import AdminView
from puantaj.ui.views.grid import GridView
from puantaj.ui.views.login import LoginView
from puantaj.ui.views.month_check import MonthCheckDialog
from puantaj.ui.views.refusals import RefusalsDialog
from puantaj.ui.views.report_files import FileAsks, ReportFiles
from puantaj.ui.views.reports import ReportsView
from puantaj.ui.views.settings import SettingsView
from puantaj.ui.views.tables import TablesView
from puantaj.ui.views.users import PasswordDialog, UsersView

log = logging.getLogger(__name__)
ICON = Path(__file__).with_name("icon.png")


@dataclass
class Dialogs:
    """The blocking questions the window asks; tests hand in their own answers."""

    confirm: Callable[[str], bool]
    save_path: Callable[[str, str], Path | None]
    choose_backup: Callable[[], Path | None]
    open_sheet: Callable[[], Path | None] = lambda: None  # an office's xlsx/CSV
    # closing with unsent changes: True sync first, False close anyway, None stay
    ask_close: Callable[[str], bool | None] = lambda _text: False


def native_dialogs(backups: Path, exports: Callable[[], Path] = Path.home) -> Dialogs:
    """The toolkit's own dialogs; `exports` is the folder files are offered in."""

    def save_path(suffix: str, name: str = "") -> Path | None:
        chosen = filedialog.asksaveasfilename(
            defaultextension=suffix, initialdir=str(exports()), initialfile=name
        )
        return Path(chosen) if chosen else None

    def open_sheet() -> Path | None:
        name = filedialog.askopenfilename(
            initialdir=str(exports()),
            filetypes=[("Excel / CSV", "*.xlsx *.csv"), ("*", "*")],
        )
        return Path(name) if name else None

    def choose_backup() -> Path | None:
        name = filedialog.askopenfilename(
            initialdir=str(backups), filetypes=[("SQLite", "*.db")]
        )
        return Path(name) if name else None

    return Dialogs(
        lambda text: messagebox.askyesno("Puantaj", text),
        save_path,
        choose_backup,
        open_sheet,
        ask_close=lambda text: messagebox.askyesnocancel("Puantaj", text),
    )


class DesktopApp:
    """Builds the login screen, then the main window for the logged-in user."""

    def __init__(
        self,
        root: tk.Tk,
        services,
        controller_factory,
        dialogs: Dialogs,
        demo: bool = False,
    ) -> None:
        self.root = root
        self.services = services
        self.t = Strings(services.settings.language)
        self.pump = Pump(root)
        self.controller: SyncController = controller_factory(self.pump.post)
        self.dialogs = dialogs
        self.window: MainWindow | None = None
        root.title(self.t("app.title"))
        place(root, services.settings.window_geometry)
        with contextlib.suppress(tk.TclError):  # a window manager without icons
            self._icon = tk.PhotoImage(file=str(ICON))
            root.iconphoto(True, self._icon)
        root.report_callback_exception = self._report_error
        root.protocol("WM_DELETE_WINDOW", self.close)
        self.demo = demo
        self._show_login()
        self.pump.subscribe(self._to_login)
        self._close_after_sync = False
        self.pump.subscribe(self._close_when_synced)
        self.pump.start()

    def _show_login(self) -> None:
        settings = self.services.settings
        token = "" if settings.sync_token else (self.services.tokens.get() or "")
        self.login = LoginView(
            self.root,
            self.services.users,
            self.t,
            self.demo,
            self.enter,
            connect=self.controller.first_contact,
            server=(settings.sync_url, settings.sync_token or token),
        )
        self.login.pack(expand=True)
        scale_pixels(self.login)

    def _to_login(self, message: object) -> None:
        if self.window is None and self.login.winfo_exists():
            self.login.on_message(message)

    def logout(self) -> None:
        """Back to the login screen (switch user): the sync schedule stops until
        someone logs in again."""
        if self.window is None:
            return
        self.window.grid_view.editor.close()  # a code being typed is stored
        self.controller.stop()
        gc.unfreeze()
        self.pump.unsubscribe(self.window.on_message)
        self.window.destroy()
        self.window = None
        self.root.title(self.t("app.title"))
        self._show_login()

    def enter(self, session: Session) -> None:
        self.login.destroy()
        region = self.t("admin.all") if session.is_admin else session.region
        self.root.title(self.t("app.title_user", region=region, user=session.username))
        self.window = MainWindow(
            self.root,
            self.services,
            session,
            self.controller,
            self.pump,
            self.t,
            self.dialogs,
            on_logout=self.logout,
        )
        self.window.pack(fill="both", expand=True)
        scale_pixels(self.window)  # list columns and wrap lengths, to the DPI
        # what exists now lives as long as the window: keep it out of full garbage
        # collections, which otherwise stall the Tk thread for tens of ms mid-sync
        gc.collect()
        gc.freeze()
        self.controller.start()  # after the window exists (STYLE.md §3)

    def close(self) -> None:
        """Close the application; with unsent changes, ask first (issue 15)."""
        if self.window is not None:  # a code being typed is stored, not dropped
            self.window.grid_view.editor.close()
            if not self._may_close():
                return
        self._remember_window()
        gc.unfreeze()
        self.controller.stop()
        self.services.store.checkpoint()
        self.pump.stop()
        # callbacks still scheduled (tksheet's tooltips and refreshes) would fire
        # into destroyed widgets and print "invalid command name" errors. Only the
        # timers are cancelled: their commands belong to the widgets that made them
        # and go when those are destroyed (deleting them here made destroy fail).
        for pending in self.root.tk.splitlist(self.root.tk.call("after", "info")):
            self.root.tk.call("after", "cancel", pending)
        self.root.destroy()

    def _may_close(self) -> bool:
        """Unsent changes: sync now and close when it ends (True), close anyway
        (False) or stay open (None)."""
        count, _ = unsent(self.services.store)
        if not count:
            return True
        answer = self.dialogs.ask_close(self.t("close.unsent", n=count))
        if answer is None:
            return False
        if answer:
            self._close_after_sync = True
            self.window.status.show_message(self.t("close.syncing"))
            self.controller.sync_now()
            return False
        return True

    def _close_when_synced(self, message: object) -> None:
        """The sync asked for at closing ended: close (asking again if it left
        changes unsent). Later: the pump is still calling the other handlers."""
        if (
            self._close_after_sync
            and isinstance(message, SyncEvent)
            and message.kind == "finished"
        ):
            self._close_after_sync = False
            self.root.after_idle(self.close)

    def _remember_window(self) -> None:
        """The window's size and place go to the settings, for the next start."""
        try:
            self.services.settings = save_settings(
                self.services.settings, window_geometry=remembered(self.root)
            )
        except (OSError, PuantajError) as exc:  # closing goes on regardless
            log.warning("could not remember the window's place: %s", exc)

    def _report_error(self, exc_type, exc, tb) -> None:
        log.error("unexpected error in the interface", exc_info=(exc_type, exc, tb))
        if self.window is not None:  # whole: the status line shows what fits
            self.window.status.show_message(self.t.error(exc))


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

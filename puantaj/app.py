"""Composition root: builds the store, services, sync and UI and wires them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.config import Settings
from puantaj.errors import PuantajError, SyncRejected
from puantaj.services.backup import BackupService
from puantaj.services.calendar import CalendarService
from puantaj.services.calendar_admin import CalendarAdmin
from puantaj.services.checks import CheckReport, run_checks
from puantaj.services.employees import EmployeeService
from puantaj.services.importer import ImportService
from puantaj.services.monthcheck import MonthCheckService
from puantaj.services.records import RecordService
from puantaj.services.refusals import RefusalService
from puantaj.services.reports import ReportService
from puantaj.services.timesheets import TimesheetService
from puantaj.services.users import UserService
from puantaj.store import changelog
from puantaj.store.database import Store
from puantaj.sync import setup
from puantaj.sync.client import SyncClient
from puantaj.sync.controller import SyncController
from puantaj.sync.engine import SyncEngine
from puantaj.sync.secrets import TokenStore

RECORD_TABLES = (
    "employees",
    "vehicles",
    "drivers",
    "vehicle_faults",
    "vehicle_inspections",
)


@dataclass
class Services:
    """Everything a view or a command may call."""

    settings: Settings
    store: Store
    users: UserService
    calendars: CalendarService
    reports: ReportService
    timesheets: TimesheetService
    records: dict[str, RecordService]
    backups: BackupService
    tokens: TokenStore
    refusals: RefusalService
    monthchecks: MonthCheckService
    employees: EmployeeService
    calendar_admin: CalendarAdmin
    importer: ImportService

    def check(self) -> CheckReport:
        return run_checks(self.store, [self.tokens.describe()])


def sync_token(services: Services) -> str | None:
    """The token from PUANTAJ_SYNC_TOKEN, else from the keyring (or its fallback)."""
    return services.settings.sync_token or services.tokens.get()


def build_sync(services: Services) -> SyncEngine:
    """The sync engine over this store; raises SyncRejected if not configured."""
    settings = services.settings

    def client() -> SyncClient:
        token = sync_token(services)
        if not settings.sync_url or not token:
            raise SyncRejected(
                "sync is not configured: set the server URL and token", "not_configured"
            )
        return SyncClient(
            settings.sync_url, token, settings.timeout_s, settings.allow_http
        )

    return SyncEngine(
        services.store,
        client,
        settings.page_size,
        backup=lambda: services.backups.backup(label="pre-sync"),
    )


def build_controller(services: Services, post) -> SyncController:
    """The UI's handle on sync: scheduler, sync now, connection test, backups."""
    settings = lambda: services.settings  # noqa: E731 - settings change at runtime

    def client() -> SyncClient:
        token = sync_token(services)
        if not settings().sync_url or not token:
            raise SyncRejected(
                "sync is not configured: set the server URL and token", "not_configured"
            )
        return SyncClient(
            settings().sync_url, token, settings().timeout_s, settings().allow_http
        )

    def site_id() -> str:
        with services.store.connection() as conn:
            return changelog.site_id(conn)

    return SyncController(
        engine_factory=lambda: build_sync(services),
        client_factory=client,
        site_id=site_id,
        backup=services.backups.backup,
        post=post,
        interval_min=lambda: settings().sync_interval_min,
        enabled=lambda: settings().sync_enabled and bool(settings().sync_url),
        connect=lambda url, token: setup.connect(
            services, url, token, lambda: build_sync(services)
        ),
    )


def build_desktop(root, services: Services, demo: bool = False, dialogs=None):
    """The Tk application over `services` in an existing root (tests use it too)."""
    from puantaj.ui.desktop_app import DesktopApp
    from puantaj.ui.dialogs import native_dialogs
    from puantaj.ui.theme import apply_theme

    apply_theme(root)  # before any widget: sizes follow the screen's DPI
    dialogs = dialogs or native_dialogs(
        services.settings.backups_dir, lambda: services.settings.export_folder
    )
    return DesktopApp(
        root, services, lambda post: build_controller(services, post), dialogs, demo
    )


def run_desktop(services: Services, demo: bool = False) -> int:
    """Start the Tk application (imported here: headless commands never load Tk)."""
    import tkinter as tk

    from puantaj.ui.theme import make_dpi_aware

    if demo and not services.users.has_users():
        services.users.seed_demo()
    make_dpi_aware()
    try:
        root = tk.Tk()
    except tk.TclError as exc:
        raise PuantajError(
            f"cannot open the window ({exc}); on a server without a screen use "
            "`puantaj sync`, `puantaj backup` or `puantaj check`"
        ) from None
    build_desktop(root, services, demo)
    root.mainloop()
    return 0


def build_services(
    settings: Settings,
    region: str | None = None,
    today: Callable[[], dt.date] = dt.date.today,
) -> Services:
    """Open (and migrate) the store and build every service over it; `today`
    is the clock the month checks read (tests fix it)."""
    store = Store(settings.db_path)
    store.open(region or settings.region or None)
    calendars = CalendarService(store)
    reports = ReportService(store)
    timesheets = TimesheetService(store, calendars, reports, today)
    monthchecks = MonthCheckService(timesheets)
    reports.use_checks(monthchecks.errors)  # a month is submitted once they pass
    records = {t: RecordService(store, t) for t in RECORD_TABLES}
    importer = ImportService(store, timesheets, records["employees"], reports)
    return Services(
        settings=settings,
        store=store,
        users=UserService(store),
        calendars=calendars,
        reports=reports,
        timesheets=timesheets,
        records=records,
        backups=BackupService(store, settings.backups_dir, settings.backup_keep),
        tokens=TokenStore(settings.home),
        refusals=RefusalService(store),
        monthchecks=monthchecks,
        employees=EmployeeService(store, records["employees"], calendars, today),
        calendar_admin=CalendarAdmin(store, calendars),
        importer=importer,
    )

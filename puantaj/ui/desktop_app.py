"""The desktop application: the login screen, then the main window for the
logged-in user; closing, the window's place, errors nobody caught."""

from __future__ import annotations

import contextlib
import gc
import logging
import tkinter as tk
from pathlib import Path

from puantaj.config import save_settings
from puantaj.errors import PuantajError
from puantaj.services.session import Session
from puantaj.sync.controller import SyncController, unsent
from puantaj.sync.scheduler import SyncEvent
from puantaj.ui.dialogs import Dialogs
from puantaj.ui.i18n import Strings
from puantaj.ui.main_window import MainWindow
from puantaj.ui.placement import place, remembered
from puantaj.ui.pump import Pump
from puantaj.ui.theme import scale_pixels
from puantaj.ui.views.login import LoginView

log = logging.getLogger(__name__)
ICON = Path(__file__).with_name("icon.png")


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

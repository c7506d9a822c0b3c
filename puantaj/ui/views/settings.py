"""Ayarlar: sync settings, connection test, sync/backup now, restore, language."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from puantaj import __version__
from puantaj.config import documents_dir, save_settings
from puantaj.errors import PuantajError
from puantaj.sync.controller import BackupDone, SyncController
from puantaj.sync.probe import ProbeResult
from puantaj.ui.statusbar import local_time

LANGUAGES = {"Türkçe": "tr", "English": "en"}  # each named in its own language
_LABELS = {code: label for label, code in LANGUAGES.items()}


class SettingsView(ttk.Frame):
    """Edits the settings file and the keyring token; shows test and sync results."""

    def __init__(
        self,
        parent: tk.Misc,
        services,
        controller: SyncController,
        strings,
        confirm: Callable[[str], bool],
        choose_backup: Callable[[], Path | None],
        token_getter: Callable[[], str | None],
    ) -> None:
        super().__init__(parent, padding=12)
        self._services = services
        self._controller = controller
        self.t = strings
        self._confirm = confirm
        self._choose_backup = choose_backup
        s = services.settings
        self.enabled = tk.BooleanVar(value=s.sync_enabled)
        self.url = tk.StringVar(value=s.sync_url)
        self.token = tk.StringVar(value=token_getter() or "")
        self.interval = tk.StringVar(value=f"{s.sync_interval_min:g}")
        self.language = tk.StringVar(value=_LABELS.get(s.language, s.language))
        self.company = tk.StringVar(value=s.company)
        self.exports_dir = tk.StringVar(value=str(s.export_folder))
        self.result = tk.StringVar()
        self.last_sync = tk.StringVar()
        # this program's version, and the server's once a test has reached it
        self.versions = tk.StringVar(
            value=strings("settings.versions", ours=__version__, server="?", schema="?")
        )
        rows = [
            (strings("settings.enabled"), ttk.Checkbutton(self, variable=self.enabled)),
            (strings("settings.url"), ttk.Entry(self, textvariable=self.url, width=44)),
            (
                strings("settings.token"),
                ttk.Entry(self, textvariable=self.token, width=44, show="•"),
            ),
            (
                strings("settings.interval"),
                ttk.Spinbox(
                    self, textvariable=self.interval, from_=1, to=1440, width=6
                ),
            ),
            (
                strings("settings.language"),
                ttk.Combobox(
                    self,
                    textvariable=self.language,
                    values=list(LANGUAGES),
                    width=9,
                    state="readonly",
                ),
            ),
        ]
        rows += [
            (
                strings("settings.company"),
                ttk.Entry(self, textvariable=self.company, width=44),
            ),
            (
                strings("settings.exports_dir"),
                ttk.Entry(self, textvariable=self.exports_dir, width=44),
            ),
            (strings("settings.version"), ttk.Label(self, textvariable=self.versions)),
        ]
        for i, (label, widget) in enumerate(rows):
            ttk.Label(self, text=label).grid(
                row=i, column=0, sticky="e", padx=6, pady=3
            )
            widget.grid(row=i, column=1, sticky="w", pady=3)
        buttons = ttk.Frame(self)
        buttons.grid(row=len(rows), column=0, columnspan=3, sticky="w", pady=10)
        self.save_button = ttk.Button(
            buttons, text=strings("settings.save"), command=self.save
        )
        self.test_button = ttk.Button(
            buttons, text=strings("settings.test"), command=self.test
        )
        self.sync_button = ttk.Button(
            buttons, text=strings("settings.sync_now"), command=controller.sync_now
        )
        self.backup_button = ttk.Button(
            buttons, text=strings("settings.backup_now"), command=controller.backup_now
        )
        self.restore_button = ttk.Button(
            buttons, text=strings("settings.restore"), command=self.restore
        )
        for button in (
            self.save_button,
            self.test_button,
            self.sync_button,
            self.backup_button,
            self.restore_button,
        ):
            button.pack(side="left", padx=3)
        ttk.Label(self, textvariable=self.result, wraplength=620, justify="left").grid(
            row=len(rows) + 1, column=0, columnspan=3, sticky="w"
        )
        ttk.Label(self, textvariable=self.last_sync, wraplength=620).grid(
            row=len(rows) + 2, column=0, columnspan=3, sticky="w", pady=6
        )

    def save(self) -> bool:
        try:
            interval = float(self.interval.get().replace(",", "."))
        except ValueError:
            self.result.set(self.t("settings.bad_interval", value=self.interval.get()))
            return False
        try:
            self._services.settings = save_settings(
                self._services.settings,
                sync_enabled=self.enabled.get(),
                sync_url=self.url.get().strip(),
                sync_interval_min=interval,
                language=LANGUAGES.get(self.language.get(), self.language.get()),
                company=self.company.get().strip(),
                exports_dir=self._exports_dir(),
            )
            if self.token.get().strip():
                self._services.tokens.set(self.token.get().strip())
        except PuantajError as exc:
            self.result.set(self.t.error(exc))
            return False
        self.result.set(self.t("settings.saved"))
        self._controller.start()
        return True

    def _exports_dir(self) -> str:
        """Empty (Documents, wherever it is) unless another folder was typed."""
        typed = self.exports_dir.get().strip()
        return "" if typed == str(documents_dir()) else typed

    def test(self) -> None:
        if self.save():
            self.result.set(self.t("settings.testing"))
            self._controller.test_connection()

    def restore(self) -> None:
        path = self._choose_backup()
        if path is None or not self._confirm(
            self.t("settings.restore_confirm", name=Path(path).name)
        ):
            return
        try:
            aside = self._services.backups.restore(Path(path))
        except PuantajError as exc:
            self.result.set(self.t.error(exc))
            return
        self.result.set(f"{Path(path).name} ✓  ({aside.path.name})")

    def on_message(self, message: object) -> None:
        if isinstance(message, ProbeResult):
            reached = [s for s in message.steps if s.key == "reached"]
            if reached:
                self.versions.set(
                    self.t(
                        "settings.versions",
                        ours=__version__,
                        server=reached[0].values["version"],
                        schema=reached[0].values["schema"],
                    )
                )
            self.result.set(
                "\n".join(
                    ("✓ " if step.ok else "✗ ")
                    + self.t(f"probe.{step.key}", **step.values)
                    for step in message.steps
                )
            )
        elif isinstance(message, BackupDone):
            self.result.set(
                self.t("settings.backup_done", path=message.path)
                if message.path
                else self.t.error(message.problem or PuantajError(message.error))
            )

    def show_last_sync(self, report) -> None:
        if report is None:
            self.last_sync.set(self.t("status.never"))
            return
        when = local_time(report.finished_at)
        detail = (
            self.t("status.ok", pushed=report.pushed, pulled=report.pulled)
            if report.ok
            else f"{self.t.value(report.state)}: {self.t.report(report)}"
        )
        self.last_sync.set(f"{self.t('status.last', at=when)} — {detail}")

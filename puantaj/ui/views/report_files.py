"""The Raporlar tab's files: exports and the import, each run on a worker.

The tab's buttons call in here; the pump hands `on_message` the workers'
progress and results, which are drawn into the tab's progress bar and status
line (and the import dialog while it is open).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tkinter import ttk

from puantaj.services.export import FORMATS, ExportService
from puantaj.services.importer import ImportResult
from puantaj.services.session import Session
from puantaj.ui.jobs import JobDone, JobProgress, Jobs
from puantaj.ui.presenters.importing import ImportPresenter, Target
from puantaj.ui.views.import_dialog import APPLY, PREVIEW, ImportDialog

EXPORT, OPEN, UNDO = "export", "import-open", "import-undo"


@dataclass
class FileAsks:
    """The questions the files ask the person (tests answer them)."""

    save_path: Callable[[str, str], Path | None]
    open_sheet: Callable[[], Path | None]
    confirm: Callable[[str], bool]


class ReportFiles:
    """Starts exports, the import and its undo; draws what they report."""

    def __init__(
        self,
        view: ttk.Frame,
        bar: ttk.Frame,
        session: Session,
        exports: ExportService,
        importer: ImportPresenter,
        jobs: Jobs,
        asks: FileAsks,
        strings,
        show_status: Callable[[str], None],
        on_written: Callable[[], None],
    ) -> None:
        """`view` is the tab (ReportsView: chosen(), scope()), `bar` the row the
        progress bar shows in; `on_written` says the month's data changed."""
        self._view, self._session, self._exports = view, session, exports
        self.importer, self._jobs, self._asks = importer, jobs, asks
        self.t, self._status, self._on_written = strings, show_status, on_written
        self.progress = ttk.Progressbar(bar, mode="determinate", length=160)
        self.dialog: ImportDialog | None = None
        self.exported: Path | None = None  # the last file written
        self.undo_button: ttk.Button | None = None

    def export(self, fmt: str) -> Path | None:
        """Ask where, then write on a worker; returns the path it will write."""
        if self._jobs.is_running(EXPORT):
            self._status(self.t("reports.busy"))
            return None
        _region, year, month = self._view.chosen()
        regions = self._view.scope()
        name = self._exports.default_name(regions, year, month, fmt)
        path = self._asks.save_path(FORMATS[fmt], name)
        if not path:
            return None
        path = Path(path)
        session, exports = self._session, self._exports

        def work(progress):
            return exports.export(session, fmt, regions, year, month, path, progress)

        self._jobs.start(EXPORT, work)
        if len(regions) > 1:  # a step per region
            self.progress.configure(mode="determinate", maximum=len(regions), value=0)
        else:  # one step: the bar moves to show the export is alive
            self.progress.configure(mode="indeterminate")
            self.progress.start()
        self.progress.pack(side="right", padx=6)
        self._status(self.t("reports.progress", done=0, of=len(regions)))
        return path

    def import_sheet(self) -> None:
        """Ask for the office's sheet; read and dry-run it on a worker."""
        region, year, month = self._view.chosen()
        if not region:
            self._status(self.t("imp.need_region"))
            return
        path = self._asks.open_sheet()
        if not path:
            return
        target, importer = Target(region, year, month), self.importer
        self._jobs.start(OPEN, lambda _p: importer.open(Path(path), target))
        self._status(self.t("imp.working"))

    def undo_import(self) -> bool:
        """Take the last import back in one step, once confirmed."""
        if self.importer.last is None:
            return False
        target = self.importer.last[0]
        if not self._asks.confirm(
            self.t("imp.undo_confirm", where=_where(target, self.t))
        ):
            return False
        importer = self.importer  # the worker holds no widget
        return self._jobs.start(UNDO, lambda _p: importer.undo())

    def on_message(self, message: object) -> None:
        if isinstance(message, JobProgress) and message.name == EXPORT:
            if message.of > 1:
                self.progress.configure(maximum=message.of, value=message.done)
            self._status(self.t("reports.progress", done=message.done, of=message.of))
        elif isinstance(message, JobDone):
            handler = {
                EXPORT: self._exported,
                OPEN: self._opened,
                PREVIEW: self._to_dialog,
                APPLY: self._applied,
                UNDO: self._undone,
            }.get(message.name)
            if handler is not None:
                handler(message)

    def _failed(self, done: JobDone) -> bool:
        if done.error is None:
            return False
        exc = done.error
        self._status(self.t.error(exc))  # any error, worded by its kind (issue 15)
        return True

    def _exported(self, done: JobDone) -> None:
        self.progress.stop()
        self.progress.pack_forget()
        if not self._failed(done):
            self.exported = done.result
            self._status(self.t("reports.exported", path=done.result))

    def _opened(self, done: JobDone) -> None:
        if self._failed(done):
            return
        self._status("")
        self.dialog = ImportDialog(
            self._view,
            self.importer,
            self._jobs,
            self.t,
            _where(self.importer.target, self.t),
            self._imported,
        )

    def _dialog_open(self) -> bool:
        return self.dialog is not None and bool(self.dialog.winfo_exists())

    def _to_dialog(self, done: JobDone) -> None:
        if self._dialog_open():
            self.dialog.on_message(done)

    def _applied(self, done: JobDone) -> None:
        if self._dialog_open():
            self.dialog.on_message(done)  # it closes and calls _imported
        elif not self._failed(done):
            self._imported(done.result)

    def _imported(self, result: ImportResult) -> None:
        target = self.importer.last[0] if self.importer.last else None
        self._status(
            self.t(
                "imp.done",
                where=_where(target, self.t),
                people=len(result.created),
                days=len(result.edits),
                undo=self.t("imp.undo"),
            )
        )
        self._show_undo()
        self._on_written()

    def _undone(self, done: JobDone) -> None:
        if not self._failed(done):
            target, changed = done.result
            text = self.t("imp.undone", where=_where(target, self.t))
            if changed:
                text += " " + self.t("imp.undo_skipped", n=changed)
            self._status(text)
        self._show_undo()
        self._on_written()

    def _show_undo(self) -> None:
        if self.undo_button is not None:
            state = "!disabled" if self.importer.last else "disabled"
            self.undo_button.state([state])


def _where(target: Target | None, strings) -> str:
    """'Ankara — Kasım 2026'."""
    if target is None:
        return ""
    return f"{target.region} — {strings(f'month.{target.month}')} {target.year}"

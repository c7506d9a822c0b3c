"""The blocking questions the window asks (native dialogs; tests hand in their
own answers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tkinter import filedialog, messagebox


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

"""Makes a Toplevel a modal dialog: over its window, holding the input, keyboard-driven."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from puantaj.ui.theme import scale_pixels, scaled

MULTILINE_ROWS = 4  # a fault's description: a few lines visible, more scroll


def make_modal(
    dialog: tk.Toplevel,
    first: tk.Misc | None,
    submit: Callable[[], object] | None,
    cancel: Callable[[], object] | None = None,
    grab: bool = True,
) -> None:
    """Keep `dialog` over its window and (with `grab`) take every click and key
    until it closes; `first` gets the focus, Enter calls `submit` (when given)
    and Escape `cancel` (else closes the dialog)."""
    scale_pixels(dialog)
    dialog.transient(dialog.master.winfo_toplevel())
    centre(dialog)
    if submit is not None:
        dialog.bind("<Return>", lambda _e: submit())
        dialog.bind("<KP_Enter>", lambda _e: submit())
    dialog.bind("<Escape>", lambda _e: (cancel or dialog.destroy)())
    # forced: the dialog was just opened from this window, and a window manager
    # that does not focus new windows would leave the keyboard behind it
    (first or dialog).focus_force()
    if grab:
        dialog.grab_set()


def centre(dialog: tk.Toplevel) -> None:
    """Put `dialog` in the middle of its window (kept on the screen)."""
    owner = dialog.master.winfo_toplevel()
    dialog.update_idletasks()  # its requested size, from its widgets
    width, height = dialog.winfo_reqwidth(), dialog.winfo_reqheight()
    x = owner.winfo_rootx() + (owner.winfo_width() - width) // 2
    y = owner.winfo_rooty() + (owner.winfo_height() - height) // 3
    x = max(0, min(x, dialog.winfo_screenwidth() - width))
    y = max(0, min(y, dialog.winfo_screenheight() - height))
    dialog.geometry(f"+{x}+{y}")


def multiline(
    parent: tk.Misc,
    text: str = "",
    submit: Callable[[], object] | None = None,
    width: int = 32,
) -> tk.Text:
    """A box for longer text: Enter starts a new line there, Ctrl+Enter calls
    `submit` (the form's Enter) and Tab moves on."""
    box = tk.Text(
        parent,
        width=width,
        height=MULTILINE_ROWS,
        wrap="word",
        undo=True,
        padx=scaled(parent, 4),
        pady=scaled(parent, 2),
        font="TkTextFont",
        relief="flat",
        borderwidth=0,
        highlightthickness=1,  # a thin frame like the theme's entries
        highlightbackground="#c4c4c4",
        highlightcolor="#005fb8",  # Sun Valley's accent, when focused
    )
    box.insert("1.0", text)

    def newline(_event: tk.Event) -> str:
        box.insert("insert", "\n")
        return "break"  # not the dialog's Enter

    def send(_event: tk.Event) -> str:
        if submit is not None:
            submit()
        return "break"

    def next_field(_event: tk.Event) -> str:
        box.tk_focusNext().focus_set()
        return "break"

    box.bind("<Return>", newline)
    box.bind("<KP_Enter>", newline)
    box.bind("<Control-Return>", send)
    box.bind("<Tab>", next_field)
    return box

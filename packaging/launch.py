"""Entry point of the built desktop app (PyInstaller): the start-menu app."""

import sys

from puantaj.__main__ import gui

if __name__ == "__main__":
    sys.exit(gui())

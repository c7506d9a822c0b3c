"""The shared core and the server never load tkinter; the sync protocol loads
no storage, web or UI library."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "puantaj.core.totals",
        "puantaj.core.changes",
        "puantaj.core.ddl",
        "server",
        "puantaj.services.timesheets",
    ],
)
def test_importing_does_not_load_tkinter(module):
    code = f"import sys, {module}; print('tkinter' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_the_sync_protocol_loads_no_storage_web_or_ui_library():
    code = (
        "import pkgutil, importlib, sys, puantaj.syncproto as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    importlib.import_module('puantaj.syncproto.' + m.name)\n"
        "print(sorted({'sqlite3', 'sqlalchemy', 'flask', 'tkinter'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"

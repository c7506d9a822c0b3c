"""The shared core and the server never load tkinter."""

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

"""The typed parts pass mypy (check_untyped_defs; configuration in pyproject.toml):
the core, the protocol, the store, sync and the server (issue 12)."""

from __future__ import annotations

import subprocess

from tests import servers


def test_mypy_passes_on_the_typed_packages():
    out = subprocess.run(
        [str(servers.BIN / "mypy")],
        cwd=servers.ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]

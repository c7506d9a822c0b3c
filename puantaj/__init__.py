"""Puantaj: offline-first monthly timesheets for regional offices."""

# the one place the version is written: pyproject.toml, the server's /health
# and the desktop's User-Agent read it from here
__version__ = "0.2.0"

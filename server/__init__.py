"""Puantaj sync server: `create_app()` builds the Flask application."""

from puantaj import __version__
from server.app import create_app

__all__ = ["__version__", "create_app"]

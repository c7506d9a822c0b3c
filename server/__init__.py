"""Puantaj sync server: `create_app()` builds the Flask application."""

__version__ = "0.1.0"

from server.app import create_app  # noqa: E402

__all__ = ["create_app"]

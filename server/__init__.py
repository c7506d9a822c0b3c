"""Puantaj sync server: `create_app()` builds the Flask application."""

from __future__ import annotations

from puantaj import __version__


def create_app(*args, **kwargs):
    """The Flask app (gunicorn: 'server:create_app()'); imported when called, so a
    desktop-only install can still say what is missing (see server/entry.py)."""
    from server.app import create_app as build

    return build(*args, **kwargs)


def serving_app(*args, **kwargs):
    """create_app for a long-running server process (gunicorn: 'server:serving_app()')."""
    from server.app import serving_app as build

    return build(*args, **kwargs)


__all__ = ["__version__", "create_app", "serving_app"]

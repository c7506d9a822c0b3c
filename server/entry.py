"""The `puantaj-server` command: a clear word when the server's packages are not
installed (a clerk's `pip install puantaj` has only the desktop's)."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        import flask  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as exc:
        print(
            f"puantaj-server needs the server's packages ({exc.name} is missing):"
            " pip install 'puantaj[server]'",
            file=sys.stderr,
        )
        return 2
    from server.cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())

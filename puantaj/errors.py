"""Exception family of the desktop client and the shared core."""

from __future__ import annotations


class PuantajError(Exception):
    """Root of every error the desktop or the core raises on purpose. The message
    is English (logs, command line, server); `code` and `values`, where given, let
    the desktop word it in the user's language (catalogue entry "err.<code>")."""

    def __init__(self, message: str = "", *, code: str = "", **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


class ValidationError(PuantajError, ValueError):
    """Input that breaks a rule; `field` names the offending field."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        code: str = "",
        **values: object,
    ) -> None:
        super().__init__(message, code=code, **values)
        self.field = field


class StoreError(PuantajError):
    """The local database cannot do what was asked."""


class PermissionDenied(PuantajError):
    """The session's role or region does not allow this."""


class PeriodLocked(PuantajError):
    """The month is locked; its timesheets are read-only."""


class SyncUnavailable(PuantajError):
    """The server cannot be reached now; retry later."""


class SyncRejected(PuantajError):
    """The server refused us (bad token, wrong protocol); retrying will not help."""

    def __init__(
        self, message: str, reason: str = "", *, code: str = "", **values: object
    ) -> None:
        # the reason is what the caller acts on; the code (the reason unless
        # given) words the message in the user's language
        super().__init__(message, code=code or reason, **values)
        self.reason = reason

"""Errors of the sync server, each rendered as JSON with a stable code."""

from __future__ import annotations


class APIError(Exception):
    """An error a client sees: `code` is stable, `status` the HTTP status."""

    status = 400
    code = "bad_request"

    def __init__(
        self, detail: str = "", code: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        if status:
            self.status = status


class Malformed(APIError):
    status, code = 400, "malformed"


class Unauthorized(APIError):
    status, code = 401, "unauthorized"


class Forbidden(APIError):
    status, code = 403, "forbidden"


class SiteTaken(Forbidden):
    """The site id belongs to another token."""

    code = "site_taken"


class BatchReused(Malformed):
    """A batch id this caller already used for a batch with other content."""

    code = "batch_reused"


class WriteLost(APIError):
    """The server's own write did not win the merge (it must never report success)."""

    status, code = 409, "write_lost"


class NotFound(APIError):
    status, code = 404, "not_found"


class TooLarge(APIError):
    status, code = 413, "too_large"


class NotJSON(APIError):
    status, code = 415, "not_json"


class TooManyRequests(APIError):
    status, code = 429, "too_many_requests"

    def __init__(self, detail: str = "", retry_after_s: int = 60) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class DatabaseDown(APIError):
    status, code = 503, "database_unavailable"


class SchemaError(Exception):
    """The database holds tables that are not ours, or not at our version."""


class ConfigError(Exception):
    """A setting the server cannot start with (the message says which and why)."""

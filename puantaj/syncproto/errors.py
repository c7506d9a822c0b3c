"""Errors of the sync protocol's rules: ProtocolError and what a caller can do."""

from __future__ import annotations


class ProtocolError(Exception):
    """Root of the errors the protocol's rules raise on purpose."""


class BatchReusedError(ProtocolError, ValueError):
    """A batch id this caller used before for a batch with other content: send
    the batch under a new id."""


class WriteLostError(ProtocolError):
    """The server's own write did not win every column it set (a newer stamp
    held one): nothing was reported done."""

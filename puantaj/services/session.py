"""Who is logged in, and which region their reads and writes are scoped to."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core.tables import ALL_REGIONS
from puantaj.errors import PermissionDenied, ValidationError


@dataclass(frozen=True)
class Session:
    """A logged-in user; region is '*' for admins."""

    username: str
    role: str
    region: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def read_region(self, requested: str | None = None) -> str | None:
        """The region filter for a read: a clerk's own; an admin's choice (None = all)."""
        if self.is_admin:
            return requested or None
        if requested and requested != self.region:
            raise PermissionDenied(
                f"region {requested!r} is outside your scope",
                code="other_region",
                region=requested,
            )
        return self.region

    def write_region(self, requested: str | None = None) -> str:
        """The region stamped on a new row: the clerk's own, or the admin's choice."""
        if not self.is_admin:
            return self.region
        if not requested or requested == ALL_REGIONS:
            raise ValidationError(
                "choose a region for the new record", "region", code="choose_region"
            )
        return requested

    def check_row(self, row: dict) -> None:
        """Refuse access to a row of another region."""
        if not self.is_admin and row.get("region") != self.region:
            raise PermissionDenied(
                "that record belongs to another region", code="foreign_row"
            )


SYSTEM = Session("system", "admin", ALL_REGIONS)

"""Who sends or pulls changes, as the protocol's rules see it: a region or admin."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core.tables import ALL_REGIONS


@dataclass(frozen=True)
class Access:
    """A caller's scope: one region, or '*' for admin (every region)."""

    scope: str

    @property
    def is_admin(self) -> bool:
        return self.scope == ALL_REGIONS

    def can_see(self, region: str) -> bool:
        """Whether rows of `region` are in this caller's scope."""
        return self.is_admin or region == self.scope

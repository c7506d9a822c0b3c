"""One synced row as the protocol's rules see it: values and a stamp per column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, str]  # (table, row id)


def site_of(stamp: str) -> str:
    """The site id a wire stamp names (its third part)."""
    return stamp.split(":", 2)[2]


@dataclass(slots=True)
class RowState:
    """One row as a merge sees it: values and per-column stamps, plus where the
    stored version stands (`prev_seq`: its number, 0 for a new row; `writer`:
    the site that wrote it last)."""

    table: str
    id: str
    region: str
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)
    is_new: bool = False
    dirty: bool = False
    seq: int = 0
    prev_seq: int = 0
    writer: str = ""

    def working_copy(self) -> RowState:
        """A copy a batch may change; the stored version stays as it was."""
        return RowState(
            self.table,
            self.id,
            self.region,
            dict(self.values),
            dict(self.stamps),
            prev_seq=self.prev_seq,
            writer=self.writer,
        )

"""The one storage interface the server side of the protocol runs over.

Adapters: server/store.py (SQLite and PostgreSQL, inside one transaction) and
puantaj/syncproto/memory.py (in memory, for the model-based tests). The rules
in push.py and pull.py decide; an adapter only reads and writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from puantaj.syncproto.batch import Batch
from puantaj.syncproto.rows import Key, RowState

# one stored row for a pull: (id, region, {stamp: [columns]}, values by column)
StoredRow = tuple[str, str, Mapping[str, Iterable[str]], Mapping[str, Any]]


class ServerStore(Protocol):
    """The synced rows, their sequence numbers, batch outcomes and history, as
    one caller (token) in one transaction sees them."""

    def prior_outcome(self, site_id: str, batch_id: str) -> tuple[str, dict] | None:
        """(digest, outcome) of this caller's batch `batch_id` from `site_id`."""
        ...

    def load_rows(self, keys: set[Key]) -> dict[Key, RowState]:
        """The stored rows among `keys`, held against other writers until the
        transaction ends; `prev_seq` is each one's number."""
        ...

    def parent_regions(self, wanted: dict[str, set[str]]) -> dict[Key, str]:
        """(table, id) → region of the wanted rows that exist."""
        ...

    def locked_months(self) -> set[tuple[str, str]]:
        """(region, month) of every month locked now."""
        ...

    def keep_history(self, batch: Batch, batch_id: str) -> None:
        """Keep the batch's losses not kept before and log its refusals."""
        ...

    def write_rows(self, batch: Batch, batch_id: str, digest: str) -> None:
        """Store the batch's outcome, number its changed rows past every number
        given out (in commit order) and write them, each naming the site."""
        ...

    def rows_after(
        self, after: int, limit: int, site_id: str
    ) -> tuple[list[tuple[str, str, int]], int]:
        """Up to `limit` rows in scope numbered after `after`, oldest first, as
        (table, id, number), leaving out those pull.is_sent leaves out; and the
        greatest number given out, read in the same snapshot."""
        ...

    def fetch_rows(self, table: str, ids: list[str]) -> Iterable[StoredRow]:
        """The rows of `table` with these ids, as they stand."""
        ...

"""Digests of synced rows, to tell whether two sites hold the same data.

A row's digest hashes every column's value and stamp; a table's digest, per
region, is the count of its rows and the sum of their digests (mod 2**128), so
it does not depend on the order rows are read in and can leave rows out by
subtracting theirs. Desktop and server compute it from their own storage; both
use the values as the wire carries them, so the same row hashes the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from puantaj.core import jsonfast
from puantaj.core.tables import TABLES

MOD = 2**128


def _canonical(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return int(bool(value))
    if kind == "int":
        return int(value)
    if kind == "real":
        return float(value)
    return str(value)


_KINDS = {name: {c.name: c.kind for c in spec.columns} for name, spec in TABLES.items()}


def row_digest(
    table: str, row_id: str, values: Mapping[str, Any], stamps: Mapping[str, str]
) -> int:
    """The digest of one row: (id, column, value, stamp) for every column."""
    kinds = _KINDS[table]
    parts = [
        [name, _canonical(kind, values.get(name)), stamps.get(name) or ""]
        for name, kind in kinds.items()
    ]
    text = jsonfast.dumps_text([table, row_id, parts])
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=16).digest(), "big"
    )


@dataclass
class TableDigest:
    """Rows of one table in one region: how many, and the sum of their digests."""

    count: int = 0
    total: int = 0

    def add(self, digest: int) -> None:
        self.count += 1
        self.total = (self.total + digest) % MOD

    def remove(self, digest: int) -> None:
        self.count -= 1
        self.total = (self.total - digest) % MOD

    def to_wire(self) -> dict[str, Any]:
        return {"count": self.count, "sum": f"{self.total:032x}"}

    @classmethod
    def from_wire(cls, data: object) -> TableDigest:
        if not isinstance(data, dict):
            raise ValueError("digest: must be an object")
        count, total = data.get("count"), data.get("sum")
        if type(count) is not int or not isinstance(total, str) or len(total) > 32:
            raise ValueError("digest: count and sum expected")
        return cls(count, int(total, 16) % MOD)


@dataclass
class ScopeDigest:
    """Digests of every (region, table) in a scope, and the rows' own digests
    when asked for (to count the rows that differ)."""

    tables: dict[tuple[str, str], TableDigest] = field(default_factory=dict)
    rows: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)

    def add_row(
        self,
        table: str,
        region: str,
        row_id: str,
        values: Mapping[str, Any],
        stamps: Mapping[str, str],
        keep_rows: bool = False,
    ) -> None:
        digest = row_digest(table, row_id, values, stamps)
        self.tables.setdefault((region, table), TableDigest()).add(digest)
        if keep_rows:
            self.rows.setdefault((region, table), {})[row_id] = digest

    def to_wire(self) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for (region, table), digest in sorted(self.tables.items()):
            out.setdefault(region, {})[table] = digest.to_wire()
        return out


@dataclass(frozen=True)
class Difference:
    """Rows of one region's table that are not the same at both ends."""

    region: str
    table: str
    rows: int  # -1: not counted (only the table digests were compared)

    def describe(self) -> str:
        count = "some" if self.rows < 0 else str(self.rows)
        return f"{count} rows differ in {self.region}/{self.table}"


def compare(
    local: dict[tuple[str, str], TableDigest],
    remote: dict[tuple[str, str], TableDigest],
) -> list[tuple[str, str]]:
    """The (region, table) pairs whose digests differ (missing counts as empty)."""
    keys = set(local) | set(remote)
    empty = TableDigest()
    return sorted(
        k
        for k in keys
        if (local.get(k, empty).count, local.get(k, empty).total)
        != (remote.get(k, empty).count, remote.get(k, empty).total)
    )


def parse_scope(data: object) -> dict[tuple[str, str], TableDigest]:
    """The wire form {region: {table: {count, sum}}} read back."""
    if not isinstance(data, dict):
        raise ValueError("digests: must be an object")
    out = {}
    for region, tables in data.items():
        if not isinstance(tables, dict):
            raise ValueError("digests: must map regions to tables")
        for table, digest in tables.items():
            if table in TABLES:
                out[(str(region), table)] = TableDigest.from_wire(digest)
    return out


def keys_of(pairs: Iterable[object]) -> set[tuple[str, str]]:
    """[[table, id], ...] from the wire, as a set of tuples (bad items skipped)."""
    out = set()
    for item in pairs:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, str) and len(x) <= 64 for x in item)
        ):
            out.add((item[0], item[1]))
    return out


@dataclass
class DivergenceReport:
    """How the last comparison ended: in_step, differ, repaired or not_checked."""

    state: str = "not_checked"
    differences: list[dict] = field(default_factory=list)
    checked_at: str = ""
    message: str = ""

    @property
    def in_step(self) -> bool:
        return self.state in ("in_step", "repaired")

    def describe(self) -> str:
        if self.state == "in_step":
            return "in step with the server"
        if self.state == "not_checked":
            return f"not checked: {self.message}"
        found = "; ".join(Difference(**d).describe() for d in self.differences)
        if self.state == "repaired":
            return f"repaired ({found}); in step with the server"
        return found + (f" — {self.message}" if self.message else "")

    def to_wire(self) -> dict:
        """What the server keeps of it for /status."""
        return {
            "state": self.state,
            "differences": self.differences,
            "checked_at": self.checked_at,
        }

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> DivergenceReport | None:
        try:
            return cls(**json.loads(text)) if text else None
        except (TypeError, ValueError):
            return None

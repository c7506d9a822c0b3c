"""Bad-token limits per client address, kept where every worker and instance sees
them: in the server database, or in Redis when REDIS_URL is set."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from server.config import ServerSettings
from server.errors import DatabaseDown

SLICES = 6  # a window is counted in six slices: it slides by a sixth at a time


def client_key(address: str | None) -> str:
    """What a limit applies to: an IPv4 address, or an IPv6 address's /64 network
    (one customer line gets a whole /64)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return (address or "?")[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class FailureStore(Protocol):
    """Failure counts per (key, slice of time)."""

    def count(self, key: str, first: int, last: int) -> int: ...

    def add(self, key: str, bucket: int, first: int) -> None: ...


class SqlFailures:
    """Counts in the auth_failures table; old slices are deleted as new ones come."""

    def __init__(
        self,
        engine: Engine,
        write: Callable[[], AbstractContextManager[Connection]],
        table: Table,
    ) -> None:
        self._engine = engine
        self._write = write
        self._table = table
        dialect = engine.dialect.name
        self._insert = (postgresql if dialect == "postgresql" else sqlite).insert

    def count(self, key: str, first: int, last: int) -> int:
        t = self._table
        with self._engine.connect() as conn:
            total: Any = conn.execute(
                select(func.coalesce(func.sum(t.c.failures), 0)).where(
                    t.c.address == key, t.c.bucket.between(first, last)
                )
            ).scalar_one()
        return int(total)

    def add(self, key: str, bucket: int, first: int) -> None:
        t = self._table
        insert = self._insert(t).values(address=key, bucket=bucket, failures=1)
        upsert = insert.on_conflict_do_update(
            index_elements=[t.c.address, t.c.bucket],
            set_={"failures": t.c.failures + 1},
        )
        with self._write() as conn:
            conn.execute(upsert)
            conn.execute(delete(t).where(t.c.bucket < first))


class RedisFailures:
    """Counts in Redis, one key per (address, slice), each expiring with its window."""

    PREFIX = "puantaj:bad-token:"

    def __init__(self, url: str, timeout_s: float, window_s: float) -> None:
        import redis  # only a server with REDIS_URL needs it

        self._errors = redis.RedisError
        self._redis = redis.Redis.from_url(
            url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
        )
        self._ttl_s = int(window_s) + 1

    def count(self, key: str, first: int, last: int) -> int:
        names = [f"{self.PREFIX}{key}:{b}" for b in range(first, last + 1)]
        try:
            values: list[Any] = list(self._redis.mget(names))  # type: ignore[arg-type]
        except self._errors:
            raise DatabaseDown("the limiter's Redis cannot be reached") from None
        return sum(int(v) for v in values if v is not None)

    def add(self, key: str, bucket: int, first: int) -> None:
        name = f"{self.PREFIX}{key}:{bucket}"
        try:
            with self._redis.pipeline() as pipe:
                pipe.incr(name)
                pipe.expire(name, self._ttl_s)
                pipe.execute()
        except self._errors:
            raise DatabaseDown("the limiter's Redis cannot be reached") from None


class BadTokenLimiter:
    """At most `limit` failed authentications per client address in a window."""

    def __init__(
        self,
        store: FailureStore,
        limit: int,
        window_s: float,
        now_ms: Callable[[], int],
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._store = store
        self._slice_ms = max(1, int(window_s * 1000 / SLICES))
        self._now_ms = now_ms

    def failed(self, key: str) -> int:
        """Count one failure from `key` unless it is over the limit already (its
        failures then are not written, so a flood costs one read each).

        Returns the failures in the window, this one included when counted.
        """
        bucket = self._now_ms() // self._slice_ms
        first = bucket - SLICES + 1
        seen = self._store.count(key, first, bucket)
        if seen >= self.limit:
            return seen + 1
        self._store.add(key, bucket, first)
        return seen + 1


def build(
    settings: ServerSettings,
    engine: Engine,
    write: Callable[[], AbstractContextManager[Connection]],
    table: Table,
    now_ms: Callable[[], int],
) -> BadTokenLimiter:
    """The limiter the settings ask for: counts in Redis (REDIS_URL) or the database."""
    store: FailureStore
    if settings.redis_url:
        store = RedisFailures(
            settings.redis_url, settings.redis_timeout_s, settings.bad_token_window_s
        )
    else:
        store = SqlFailures(engine, write, table)
    return BadTokenLimiter(
        store, settings.bad_token_limit, settings.bad_token_window_s, now_ms
    )

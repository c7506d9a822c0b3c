"""In-process fan-out of "something changed" to the open event streams of one process.

A `Change` names what changed (kinds `rows` and `sites`), in which regions and
from which site. Each stream holds a `Subscription`; `Hub.publish` offers a
change only to the subscriptions whose scope covers it, and a subscription
folds the changes it has not handed out yet into one per kind, so a busy
server wakes each stream at most once per take however many syncs it serves.
Thread-safe; under gevent the locks are cooperative.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from puantaj.core.tables import ALL_REGIONS

ROWS = "rows"  # synced rows changed: the listener should /sync
SITES = "sites"  # admin-visible state changed (a site's last sync): refresh /status


@dataclass(frozen=True)
class Change:
    """What a committed request changed; no row data, by design."""

    kinds: frozenset[str]
    regions: frozenset[str]  # the rows' regions; '*' (shared rows): every region
    origin: str = ""  # the site that caused it ('' when unknown)


class Subscription:
    """One stream's pending news: kind → the one site that caused all of it, or ''."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self._ready = threading.Condition()
        self._pending: dict[str, str] = {}

    def offer(self, kind: str, origin: str) -> None:
        with self._ready:
            known = self._pending.get(kind)
            self._pending[kind] = origin if known in (None, origin) else ""
            self._ready.notify()

    def take(self, timeout_s: float) -> dict[str, str]:
        """Wait up to `timeout_s` for news; return and forget it ({} on timeout)."""
        with self._ready:
            self._ready.wait_for(lambda: self._pending, timeout_s)
            taken, self._pending = self._pending, {}
        return taken


class Hub:
    """The subscriptions of this process, indexed by scope."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_scope: dict[str, set[Subscription]] = {}

    def subscribe(self, scope: str) -> Subscription:
        subscription = Subscription(scope)
        with self._lock:
            self._by_scope.setdefault(scope, set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            group = self._by_scope.get(subscription.scope, set())
            group.discard(subscription)
            if not group:
                self._by_scope.pop(subscription.scope, None)

    def count(self) -> int:
        with self._lock:
            return sum(len(group) for group in self._by_scope.values())

    def publish(self, change: Change) -> None:
        """Offer `change` to every subscription in its scope (any thread)."""
        with self._lock:
            admins = list(self._by_scope.get(ALL_REGIONS, ()))
            if ALL_REGIONS in change.regions:
                regional = [
                    s
                    for scope, group in self._by_scope.items()
                    if scope != ALL_REGIONS
                    for s in group
                ]
            else:
                regional = [
                    s for r in change.regions for s in self._by_scope.get(r, ())
                ]
        for kind in change.kinds:
            # admin-visible state is for admins; rows for whoever reads them
            for subscription in admins if kind == SITES else admins + regional:
                subscription.offer(kind, change.origin)

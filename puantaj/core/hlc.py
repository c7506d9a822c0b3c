"""Hybrid logical clock stamps (DESIGN.md §3): format, parse, compare, advance."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.errors import ValidationError

MAX_COUNTER = 99_999
# used with fullmatch: ASCII digits only, no trailing newline
SITE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # a stamp's site id
STAMP_RE = re.compile(rf"([0-9]{{13}}):([0-9]{{5}}):({SITE_RE.pattern})")


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One version stamp; ordering is the (ms, counter, site) triple."""

    ms: int
    counter: int
    site: str

    def __str__(self) -> str:
        return "%013d:%05d:%s" % (self.ms, self.counter, self.site)  # noqa: UP031 - DESIGN.md §3 wire form

    @classmethod
    def parse(cls, text: object, field: str = "hlc") -> Stamp:
        """Parse the wire form; raise ValidationError naming `field` if malformed."""
        if not isinstance(text, str):
            raise ValidationError(f"{field}: stamp must be a string", field)
        match = STAMP_RE.fullmatch(text)
        if not match:
            raise ValidationError(f"{field}: malformed stamp {text[:80]!r}", field)
        return cls(int(match.group(1)), int(match.group(2)), match.group(3))


def stamp_key(text: str) -> tuple[int, int, str]:
    """Sort key of a wire stamp as the triple, for stamps already validated."""
    stamp = Stamp.parse(text)
    return (stamp.ms, stamp.counter, stamp.site)


class HybridClock:
    """A thread-safe HLC for one site.

    `now_ms` is the physical clock; `offset_ms` corrects it (the desktop sets it
    from the offset it measures against the server).
    """

    def __init__(
        self, site: str, now_ms: Callable[[], int], offset_ms: int = 0
    ) -> None:
        self.site = site
        self._now_ms = now_ms
        self.offset_ms = offset_ms
        self._last = Stamp(0, 0, site)
        self._lock = threading.Lock()

    def physical_ms(self) -> int:
        return self._now_ms() + self.offset_ms

    def tick(self) -> Stamp:
        """Stamp a local write: max(physical, last seen), counter bumped on ties."""
        with self._lock:
            self._last = advance(self._last, self.physical_ms(), self.site)
            return self._last

    def observe(self, stamp: Stamp) -> None:
        """Advance past a stamp received from elsewhere."""
        with self._lock:
            if (stamp.ms, stamp.counter) > (self._last.ms, self._last.counter):
                self._last = Stamp(stamp.ms, stamp.counter, self.site)


def advance(last: Stamp, physical_ms: int, site: str) -> Stamp:
    """The next local stamp after `last` at physical time `physical_ms`."""
    if physical_ms > last.ms:
        return Stamp(physical_ms, 0, site)
    if last.counter >= MAX_COUNTER:
        return Stamp(last.ms + 1, 0, site)
    return Stamp(last.ms, last.counter + 1, site)

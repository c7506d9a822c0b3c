"""Re-stamping a desktop's unsent writes after its clock turns out to have run ahead.

DESIGN.md §3: the clock never moves backwards below a stamp the site wrote that
left the file, or a stamp it saw; the newest such stamp is the *floor*. A stamp
the site wrote above the floor has never left the file, so it may be moved to
the real moment it was typed without any other copy disagreeing.
"""

from __future__ import annotations

from collections.abc import Iterable

from puantaj.core.hlc import Stamp, advance


def restamp(
    stamps: Iterable[str], site: str, floor: Stamp, now_ms: int, shift_ms: int
) -> tuple[dict[str, str], Stamp]:
    """New stamps for the stamps of `site` above `floor`: each moved by `shift_ms`
    (never past `now_ms`, never below the floor, order kept). Returns
    ({old: new}, the last stamp given out: where the clock is set)."""
    ahead: set[Stamp] = set()
    for text in stamps:
        stamp = Stamp.parse(text)
        if stamp.site == site and stamp > floor:
            ahead.add(stamp)
    mapping: dict[str, str] = {}
    last = floor
    for stamp in sorted(ahead):
        last = advance(last, min(stamp.ms + shift_ms, now_ms), site)
        mapping[str(stamp)] = str(last)
    return mapping, last

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
    stamps: Iterable[str],
    site: str,
    floor: Stamp,
    now_ms: int,
    shift_ms: int,
    to_site: str = "",
) -> tuple[dict[str, str], Stamp]:
    """New stamps for the stamps of `site` above `floor`: each moved by `shift_ms`
    (never past `now_ms`, never below the floor, order kept) and written as
    `to_site`'s (default: `site`). Returns ({old: new}, the last stamp given
    out: where the clock is set)."""
    to_site = to_site or site
    base = (floor.ms, floor.counter)
    ahead: set[Stamp] = set()
    for text in stamps:
        stamp = Stamp.parse(text)
        if stamp.site == site and (stamp.ms, stamp.counter) > base:
            ahead.add(stamp)
    mapping: dict[str, str] = {}
    last = Stamp(floor.ms, floor.counter, to_site)
    for stamp in sorted(ahead):
        last = advance(last, min(stamp.ms + shift_ms, now_ms), to_site)
        mapping[str(stamp)] = str(last)
    return mapping, last


def adopt(
    stamps: Iterable[str], old_site: str, new_site: str, floor: Stamp, now_ms: int
) -> tuple[dict[str, str], Stamp]:
    """When a file becomes a new site (restored or copied): its writes under the
    old site id above the floor never left the file as far as it knows, so they
    become the new site's, stamped no later than `now_ms` — a file put back
    with writes stamped ahead can then re-stamp them like any other. Returns
    ({old: new}, the last stamp given out)."""
    return restamp(stamps, old_site, floor, now_ms, 0, new_site)

"""Re-stamping a desktop's unsent writes after its clock turns out to have run ahead.

DESIGN.md §3: the clock never moves backwards below a stamp the site wrote that
left the file, or a stamp it saw; the newest stamp known to have done so is the
*floor*. A stamp above the floor may still have left: its page reached the
server but the reply was lost, and the worker that answers next never saw it
(found by the in-memory model). Only a stamp further ahead of the server's
time than a server takes (CLOCK_AHEAD_MS) surely never left, so only such a
stamp is moved — to the real moment it was typed, after every stamp that stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from puantaj.core.hlc import Stamp, advance

CLOCK_AHEAD_MS = 5 * 60_000  # DESIGN.md §3: a server refuses stamps further ahead


def restamp(
    stamps: Iterable[str],
    site: str,
    floor: Stamp,
    now_ms: int,
    shift_ms: int,
    limit_ms: int | None = None,
    to_site: str = "",
) -> tuple[dict[str, str], Stamp]:
    """New stamps for the stamps of `site` above `floor` that are past
    `limit_ms` (None: all of them): each moved by `shift_ms`, never past
    `now_ms`, order kept, after the floor and every stamp of `site` that stays,
    and written as `to_site`'s (default: `site`). Returns ({old: new}, the last
    stamp given out or kept: where the clock is set)."""
    to_site = to_site or site
    floor_key = (floor.ms, floor.counter)
    base = Stamp(floor.ms, floor.counter, to_site)
    moved: set[Stamp] = set()
    for text in stamps:
        stamp = Stamp.parse(text)
        if stamp.site != site or (stamp.ms, stamp.counter) <= floor_key:
            continue
        if limit_ms is None or stamp.ms > limit_ms:
            moved.add(stamp)
        elif (stamp.ms, stamp.counter) > (base.ms, base.counter):
            base = Stamp(stamp.ms, stamp.counter, to_site)  # it stays
    mapping: dict[str, str] = {}
    last = base
    for stamp in sorted(moved):
        last = advance(last, min(stamp.ms + shift_ms, now_ms), to_site)
        mapping[str(stamp)] = str(last)
    return mapping, last


def rebase(
    stamps: Iterable[str], site: str, floor: Stamp, now_ms: int, shift_ms: int
) -> tuple[dict[str, str], Stamp]:
    """restamp() for a clock that ran ahead: the stamps of `site` no server has
    taken (further ahead of `now_ms`, the server's time as measured, than
    CLOCK_AHEAD_MS) moved by `shift_ms`."""
    return restamp(stamps, site, floor, now_ms, shift_ms, now_ms + CLOCK_AHEAD_MS)


def may_move(local: Stamp, now_ms: int) -> bool:
    """Whether a clock standing at `local` can have written a stamp rebase moves."""
    return local.ms > now_ms + CLOCK_AHEAD_MS


def adopt(
    stamps: Iterable[str], old_site: str, new_site: str, floor: Stamp, now_ms: int
) -> tuple[dict[str, str], Stamp]:
    """When a file becomes a new site (restored or copied): its writes under the
    old site id above the floor become the new site's, stamped no later than
    `now_ms` — a file put back with writes stamped ahead can then re-stamp them
    like any other. Returns ({old: new}, the last stamp given out)."""
    return restamp(stamps, old_site, floor, now_ms, 0, None, new_site)

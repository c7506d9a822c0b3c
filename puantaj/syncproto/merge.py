"""Per-column last-write-wins, and which overwritten or late values are losses.

Stamps are compared as the (ms, counter, site) triple. The wire form is fixed
width up to the site id, so comparing the strings gives the same order: equal
milliseconds and counters are decided by the site id, and an equal stamp is the
same write again.

A value goes to the conflict history only when it really lost to another site's
write: when a stored value is overwritten by another site ("overwritten"), or
when a site's own write arrives later than another site's newer one ("lost").
A push re-sends every stamp group of a row, so a stale stamp relayed by a site
that did not write it is never a loss: it was kept when it was overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from puantaj.core.changes import Change
from puantaj.syncproto.rows import RowState, site_of


@dataclass(frozen=True, slots=True)
class Loss:
    """One value that is no longer current, and what beat it."""

    table: str
    row_id: str
    region: str
    column: str
    kind: str  # overwritten | lost
    value: Any
    value_hlc: str
    winner: Any
    winner_hlc: str


def stamp_wins(new: str, held: str | None) -> bool:
    """Whether a column stamped `new` replaces one stamped `held` (None: no
    value yet)."""
    return held is None or new > held


def overwritten(
    state: RowState, column: str, old: Any, old_hlc: str, new: Any, new_hlc: str
) -> Loss | None:
    """The stored value a newer write replaces, if that is a loss worth keeping:
    not an equal value, and not a site overwriting its own write."""
    if old == new or site_of(old_hlc) == site_of(new_hlc):
        return None
    return Loss(
        state.table,
        state.id,
        state.region,
        column,
        "overwritten",
        old,
        old_hlc,
        new,
        new_hlc,
    )


def lost(
    state: RowState, column: str, late: Any, late_hlc: str, pusher: str
) -> Loss | None:
    """A late write that the stored value beats, if that is a loss worth keeping:
    the pushing site's own write, beaten by another site's with another value."""
    current, current_hlc = state.values.get(column), state.stamps[column]
    if late == current or site_of(late_hlc) != pusher:
        return None
    if site_of(current_hlc) == pusher:
        return None  # the site's own newer write beat its older one
    return Loss(
        state.table,
        state.id,
        state.region,
        column,
        "lost",
        late,
        late_hlc,
        current,
        current_hlc,
    )


def merge_columns(
    state: RowState, changes: Iterable[Change], pusher: str
) -> list[Loss]:
    """Apply `changes` (pushed by site `pusher`) to `state` in place, column by
    column; return the losses worth keeping."""
    changes = list(changes)
    if len(changes) == 1 and not state.stamps:  # a new row in one write
        change = changes[0]  # nothing to lose: every column is new
        state.values.update(change.row)
        state.stamps = dict.fromkeys(change.row, change.hlc)
        state.dirty = state.dirty or bool(change.row)
        return []
    values, stamps = state.values, state.stamps
    losses: list[Loss] = []
    if len(changes) > 1:  # oldest first: what a change overwrites stood before it
        changes.sort(key=lambda c: c.hlc)
    for change in changes:
        hlc = change.hlc
        for name, value in change.row.items():
            current = stamps.get(name)
            if current == hlc:
                continue  # the same write again
            if stamp_wins(hlc, current):
                if current is not None and values.get(name) != value:
                    loss = overwritten(
                        state, name, values.get(name), current, value, hlc
                    )
                    if loss:
                        losses.append(loss)
                values[name] = value
                stamps[name] = hlc
                state.dirty = True
            elif values.get(name) != value:
                loss = lost(state, name, value, hlc, pusher)
                if loss:
                    losses.append(loss)
    return losses


def new_losses(losses: Iterable[Loss], kept: set[tuple[str, str, str]]) -> list[Loss]:
    """The losses not in `kept` (row id, column, stamp) nor repeated: a push
    re-sends every stamp group of a row, so each loss is kept once. `kept` is
    updated with what is returned."""
    fresh = []
    for loss in losses:
        key = (loss.row_id, loss.column, loss.value_hlc)
        if key not in kept:
            kept.add(key)
            fresh.append(loss)
    return fresh

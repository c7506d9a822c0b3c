"""How a desktop row keeps its stamps, in its `_hlc` column.

The form is {column: stamp}, shortened to {"*": stamp} while one stamp covers
every column: a row written once and never edited, which most rows are (a
month's cells). That is a tenth of the bytes: with a site id of 36 characters
a timesheet row's stamps take 750 bytes in full and 70 short, so a file of
100k rows is 40 MB instead of 120, and a first sync writes a third as much.
A row edited later is written in full by its update trigger (core.ddl). Both
forms are read everywhere; DESIGN.md §2 leaves the form to each part.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from puantaj.core import jsonfast

EVERY = "*"  # the key of the one stamp of every column (no column is named so)


def read(text: str | None, columns: Collection[str]) -> dict[str, str]:
    """{column: stamp} of a row's `_hlc` text, in either form."""
    return expand(jsonfast.loads(text or "{}"), columns)


def expand(stamps: dict[str, str], columns: Collection[str]) -> dict[str, str]:
    """{column: stamp} of a row's parsed `_hlc`, in either form (changed in place)."""
    every = stamps.pop(EVERY, None)
    if every is not None:
        for column in columns:
            stamps.setdefault(column, every)
    return stamps


def write(stamps: Mapping[str, str], columns: Collection[str]) -> str:
    """The `_hlc` text of {column: stamp}: short when one stamp covers every
    column of `columns`."""
    first = next(iter(stamps.values()), None)
    if (
        first is not None
        and len(stamps) == len(columns)
        and all(stamps.get(c) == first for c in columns)
    ):
        return jsonfast.dumps_text({EVERY: first})
    return jsonfast.dumps_text(dict(stamps))

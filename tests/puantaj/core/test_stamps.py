"""A desktop row's stamps (_hlc): {"*": stamp} while one stamp covers every
column, {column: stamp} otherwise; read the same either way."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from puantaj.core import stamps
from puantaj.core.tables import TABLES

COLUMNS = TABLES["timesheets"].data_columns
STAMP = st.builds(
    "{:013d}:{:05d}:{}".format,
    st.integers(0, 10**13 - 1),
    st.integers(0, 99_999),
    st.sampled_from(["3cff6d8d-fa32-4d1f-afdb-71dbde20aa31", "site-b"]),
)


@given(st.dictionaries(st.sampled_from(COLUMNS), STAMP))
def test_what_is_written_reads_back_column_by_column(held):
    assert stamps.read(stamps.write(held, COLUMNS), COLUMNS) == held


@given(STAMP)
def test_one_stamp_of_every_column_is_written_short(stamp):
    text = stamps.write(dict.fromkeys(COLUMNS, stamp), COLUMNS)
    assert json.loads(text) == {"*": stamp}
    full = json.dumps(dict.fromkeys(COLUMNS, stamp))
    assert len(text) * 8 < len(full)  # a tenth of the bytes, near enough


def test_a_row_with_two_stamps_or_a_column_unstamped_is_written_in_full():
    two = {**dict.fromkeys(COLUMNS, "0000000000001:00000:a"), "code": "x"}
    assert json.loads(stamps.write(two, COLUMNS)) == two
    some = dict.fromkeys(COLUMNS[1:], "0000000000001:00000:a")
    assert json.loads(stamps.write(some, COLUMNS)) == some
    assert stamps.read(None, COLUMNS) == {} == stamps.read("{}", COLUMNS)


def test_a_column_named_beside_the_short_form_keeps_its_own_stamp():
    text = json.dumps({"*": "0000000000001:00000:a", "code": "0000000000002:00000:b"})
    read = stamps.read(text, COLUMNS)
    assert read["code"] == "0000000000002:00000:b"
    assert {read[c] for c in COLUMNS if c != "code"} == {"0000000000001:00000:a"}

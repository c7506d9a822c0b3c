"""What a pull sends to whom, a page at a time (syncproto.pull, syncproto.wire)."""

from __future__ import annotations

import pytest

from puantaj.syncproto.pull import is_sent, next_page
from puantaj.syncproto.wire import group_by_stamp, queued_parents, row_changes
from tests.puantaj.syncproto.conftest import EMPLOYEE, at

FOUND = [("employees", f"id-{n}", n) for n in (3, 5, 8)]


@pytest.mark.parametrize(
    ("writer", "prev_seq", "sent"),
    [
        ("pc-a", 0, False),  # the caller created it and nobody wrote since
        ("pc-a", 7, True),  # the caller wrote over another version (issue 10 #11)
        ("pc-b", 0, True),
        ("pc-b", 7, True),
        (None, 0, True),  # written before the server kept writers
        ("pc-a", None, True),
    ],
)
def test_a_pull_leaves_out_only_rows_the_caller_created_untouched(
    writer, prev_seq, sent
):
    if prev_seq is None:
        writer, prev_seq = None, 0
    assert is_sent(writer, prev_seq, "pc-a") is sent


def test_more_is_said_only_when_rows_are_left_beyond_the_limit():
    taken, cursor, more = next_page(FOUND, 2, 9, 0)
    assert (len(taken), cursor, more) == (2, 5, True)
    taken, cursor, more = next_page(FOUND[:2], 2, 9, 0)  # exactly the limit
    assert (len(taken), cursor, more) == (2, 9, False)


def test_the_cursor_goes_to_the_counter_past_left_out_rows_and_never_back():
    assert next_page([], 5, 12, 4) == ([], 12, False)
    assert next_page([], 5, 3, 4) == ([], 4, False)
    assert next_page(FOUND[:1], 5, 2, 4)[1] == 4


def test_a_row_travels_as_one_change_per_stamp_oldest_first_without_own_stamps():
    stamps = {"title": at("pc-b", 20), "first_name": at("pc-a", 10), "code": ""}
    stamps["last_name"] = at("pc-c", 5)
    values = {"title": "Şef", "first_name": "Ali", "last_name": "Kaya", "code": "X"}
    groups = group_by_stamp(stamps)
    assert "" not in groups
    every = row_changes("employees", EMPLOYEE, "Ankara", groups, values)
    assert [c["hlc"] for c in every] == sorted(c["hlc"] for c in every)
    assert len(every) == 3
    for_a = row_changes("employees", EMPLOYEE, "Ankara", groups, values, "pc-a")
    assert [c["row"] for c in for_a] == [{"last_name": "Kaya"}, {"title": "Şef"}]
    # a site id that merely ends like another is not that site
    assert len(row_changes("employees", EMPLOYEE, "Ankara", groups, values, "a")) == 3


def test_a_page_carries_the_queued_parents_of_its_rows():
    cell = (("timesheets", "c1"), {"employee_id": "e1"})
    other = (("timesheets", "c2"), {"employee_id": "e2"})
    queued = {("employees", "e1"), ("timesheets", "c1")}
    assert queued_parents([cell, other], queued) == [("employees", "e1")]
    in_page = (("employees", "e1"), {})
    assert queued_parents([in_page, cell], queued) == []

"""The outbox, the clock and the refusals kept in the desktop file."""

from __future__ import annotations

import json

from puantaj.core.hlc import Stamp
from puantaj.store import changelog, clock, refusals
from puantaj.store.engine import transaction
from tests.conftest import employee_stamps


def add_employees(services, session, count: int, start: int = 1) -> list[str]:
    return [
        services.records["employees"].create(
            session,
            {
                "sicil_no": str(n),
                "first_name": "Ali",
                "last_name": "Kaya",
                "hire_date": "05.01.2026",
            },
        )
        for n in range(start, start + count)
    ]


def test_pages_cover_every_queued_row_once(services, ankara):
    ids = add_employees(services, ankara, 7)
    seen: list[str] = []
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 3)
        while page.count:
            assert page.count <= 3
            seen += [c["id"] for c in page.changes if c["table"] == "employees"]
            page = changelog.read_page(conn, 3, page.top)
    assert sorted(set(seen)) == sorted(ids) and len(seen) == len(set(seen))


def test_acknowledging_a_page_keeps_what_was_queued_while_it_was_away(services, ankara):
    add_employees(services, ankara, 2)
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 10)
        with transaction(conn):
            changelog.acknowledge(conn, page)
        assert changelog.pending_count(conn) == 0
        # the outbox is empty: a new write must not take a number the page had
        (typed,) = add_employees(services, ankara, 1, start=9)
        for stale in (page, changelog.OutboxPage(0, page.top, [], page.top)):
            with transaction(conn):
                changelog.acknowledge(conn, stale)
        (queued,) = conn.execute("SELECT row_id, seq FROM _outbox").fetchall()
        assert queued[0] == typed and queued[1] > page.top


def test_observing_a_stamp_of_the_same_millisecond_takes_its_counter(services):
    with services.store.connection() as conn, transaction(conn):
        now = clock.local_stamp(conn)
        ms = max(now.ms, 1_800_000_000_000)
        clock.observe(conn, Stamp(ms, 2, "other"))
        clock.observe(conn, Stamp(ms, 5, "other"))
        clock.observe(conn, Stamp(ms, 3, "other"))  # older: no effect
        local = clock.local_stamp(conn)
        assert (local.ms, local.counter) == (ms, 5)
        assert (clock.floor(conn).ms, clock.floor(conn).counter) == (ms, 5)


def test_rebase_moves_only_the_unsent_stamps_above_the_floor(services, ankara):
    (emp,) = add_employees(services, ankara, 1)
    with services.store.connection() as conn:
        with transaction(conn):  # pretend the row went out: its stamps are known
            clock.raise_floor(conn, clock.local_stamp(conn))
            changelog.acknowledge(conn, changelog.read_page(conn, 10))
        before = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
        clock.set_clock_offset(conn, 86_400_000)  # the PC runs a day ahead
    services.records["employees"].update(ankara, emp, {"title": "Usta"})
    with services.store.connection() as conn, transaction(conn):
        ahead = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
        assert Stamp.parse(ahead["title"]).ms > Stamp.parse(before["title"]).ms + 3600e3
        now = Stamp.parse(before["title"]).ms + 10_000
        assert clock.rebase(conn, now, -86_400_000) == 1
        after = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
        for column, stamp in before.items():
            if column not in ("title", "updated_at", "updated_by"):
                assert after[column] == stamp, column  # sent already: kept
        moved = Stamp.parse(after["title"])
        assert Stamp.parse(before["title"]) < moved and moved.ms <= now
        local = clock.local_stamp(conn)
        assert (local.ms, local.counter) == (moved.ms, moved.counter)
        assert changelog.pending_count(conn) == 1


def test_a_refusal_is_kept_once_per_row_with_the_change_that_was_sent(services, ankara):
    (emp,) = add_employees(services, ankara, 1)
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 10)
        refusal = {"table": "employees", "id": emp, "reason": "invalid_row"}
        with transaction(conn):
            assert refusals.record(conn, [refusal, refusal], page.changes) == 1
            assert refusals.record(conn, [{**refusal, "id": "x"}], page.changes) == 0
        (kept,) = conn.execute("SELECT change FROM _rejected").fetchall()
        assert json.loads(kept[0]) == [c for c in page.changes if c["id"] == emp]
        with transaction(conn):
            refusals.clear(conn, [("employees", emp)])
        assert refusals.listed(conn) == []


def test_a_page_carries_the_queued_employee_of_its_cells(services, ankara):
    """Found by the in-memory state machine: an employee edited after its cells
    were typed is queued behind them, and a page of cells alone was refused as
    orphans for good."""
    import datetime as dt

    from puantaj.services.timesheets import Edit

    (emp,) = add_employees(services, ankara, 1)
    services.timesheets.write(ankara, [Edit(emp, dt.date(2026, 4, 1), "X")])
    services.records["employees"].update(ankara, emp, {"title": "Usta"})
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 1)
        assert page.count == 1
        tables = [c["table"] for c in page.changes]
        assert list(dict.fromkeys(tables)) == ["employees", "timesheets"]
        # the employee's own entry stays queued: sent again, it is a no-op
        with transaction(conn):
            changelog.acknowledge(conn, page)
        assert [r[0] for r in conn.execute("SELECT tbl FROM _outbox")] == ["employees"]
        again = changelog.read_page(conn, 1)
        assert {c["table"] for c in again.changes} == {"employees"}


def test_a_file_that_becomes_a_new_site_takes_its_unsent_writes_as_its_own(
    services, ankara
):
    """Found by the in-memory state machine: a restored or copied file kept the
    old site id on writes stamped ahead, could not re-stamp them, and the server
    refused them as clock_ahead run after run."""
    import time

    from puantaj.store import identity

    (emp,) = add_employees(services, ankara, 1)
    with services.store.connection() as conn:
        with transaction(conn):
            changelog.acknowledge(conn, changelog.read_page(conn, 10))
            clock.raise_floor(conn, clock.local_stamp(conn))
            clock.set_clock_offset(conn, 86_400_000)  # the PC a day ahead
        services.records["employees"].update(ankara, emp, {"title": "Usta"})
        old = changelog.site_id(conn)
        with transaction(conn):
            clock.set_clock_offset(conn, 0)
            identity.become_new_site(conn)
        new = changelog.site_id(conn)
        stamps = {
            name: Stamp.parse(text)
            for name, text in employee_stamps(
                conn.execute("SELECT _hlc FROM employees").fetchone()[0]
            ).items()
        }
        assert new != old
        assert stamps["title"].site == new  # unsent: now the new site's
        assert stamps["title"].ms <= time.time() * 1000 + 1000  # no longer ahead
        assert stamps["sicil_no"].site == old  # it left the file: kept as it is
        assert clock.local_stamp(conn) == stamps["title"]


def test_stamps_never_overflow_their_counter_field(services, ankara):
    """Issue 10 #10: a clock held at one millisecond (a PC running ahead) hands
    out counters up to 99999 and then moves to the next millisecond, both when
    writing and when re-stamping."""
    add_employees(services, ankara, 1)
    with services.store.connection() as conn:
        ahead = clock.local_stamp(conn).ms + 3_600_000
        conn.execute("UPDATE _clock SET ms = ?, counter = 99998", (ahead,))
    add_employees(services, ankara, 2, start=5)
    with services.store.connection() as conn, transaction(conn):
        stamps = [
            Stamp.parse(s)
            for (text,) in conn.execute("SELECT _hlc FROM employees")
            for s in employee_stamps(text).values()
        ]
        assert all(s.counter <= 99_999 for s in stamps)
        assert max(stamps).ms == ahead + 1  # moved on, not to counter 100000
        conn.execute("UPDATE _clock SET counter = 99999")
        clock.rebase(conn, ahead + 10, 0)  # the re-stamping path
        for (text,) in conn.execute("SELECT _hlc FROM employees"):
            for s in employee_stamps(text).values():
                assert len(s.split(":")[1]) == 5, s

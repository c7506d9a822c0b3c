"""A batch pushed and pulled over a ServerStore (syncproto.push and pull, on the
in-memory adapter)."""

from __future__ import annotations

import pytest

from puantaj.core.tables import natural_id
from puantaj.syncproto import pull, push
from puantaj.syncproto.errors import BatchReusedError
from puantaj.syncproto.memory import MemoryServer
from tests.puantaj.syncproto.conftest import EMPLOYEE, NOW_MS, at, employee


@pytest.fixture
def server() -> MemoryServer:
    made = MemoryServer(lambda: NOW_MS)
    made.tokens = {"ankara": "Ankara", "admin": "*"}
    return made


def new_employee(hlc: str, sicil: str = "1", **row) -> dict:
    values = {**employee(hlc).values, "sicil_no": sicil, **row}
    row_id = natural_id("employees", "Ankara", sicil)
    return {
        "table": "employees",
        "id": row_id,
        "region": "Ankara",
        "hlc": hlc,
        "row": values,
    }


def send(server: MemoryServer, site: str, changes: list, batch: str = "b1"):
    store = server.store("ankara")
    return push.push(store, store.access, server.clocks[0], site, batch, changes)


def test_the_same_batch_again_changes_nothing(server):
    first = send(server, "pc-a", [new_employee(at("pc-a"))])
    again = send(server, "pc-a", [new_employee(at("pc-a"))])
    assert (first, again.accepted, server.counter) == (again, 1, 1)


def test_a_reused_batch_id_with_other_content_is_an_error(server):
    send(server, "pc-a", [new_employee(at("pc-a"))])
    with pytest.raises(BatchReusedError):
        send(server, "pc-a", [new_employee(at("pc-a"), title="x")])
    # another site's batch of the same id is its own
    assert send(server, "pc-b", [new_employee(at("pc-b"), title="x")]).accepted == 1


def test_a_server_write_wins_over_a_row_stamped_ahead_by_a_fast_pc(server):
    month = {"month": "2026-03", "status": "submitted", "deleted": 0}
    report = natural_id("reports", "Ankara", "2026-03")
    ahead = at("pc-a", 4 * 60_000)
    change = {
        "table": "reports",
        "id": report,
        "region": "Ankara",
        "hlc": ahead,
        "row": month,
    }
    assert send(server, "pc-a", [change]).accepted == 1
    server.set_month("Ankara", "2026-03", True, "admin")
    stored = server.rows[("reports", report)]
    assert stored.values["status"] == "locked" and stored.stamps["status"] > ahead
    assert stored.writer.startswith("server-")


def test_a_pull_skips_rows_the_caller_created_and_strips_its_own_stamps(server):
    send(server, "pc-a", [new_employee(at("pc-a"), "1"), new_employee(at("pc-a"), "2")])
    title = {**new_employee(at("pc-b", 10), "2"), "row": {"title": "Şef"}}
    send(server, "pc-b", [title])
    store = server.store("ankara")
    changes, cursor, more = pull.pull(store, 0, 10, "pc-a")
    assert (cursor, more) == (3, False)
    assert [(c["id"], c["row"]) for c in changes] == [(title["id"], {"title": "Şef"})]
    changes, cursor, more = pull.pull(store, 0, 1, "pc-b")
    assert (len(changes), cursor, more) == (1, 1, True)


def test_a_pull_of_another_scope_sends_nothing(server):
    send(server, "pc-a", [new_employee(at("pc-a"))])
    server.tokens["izmir"] = "İzmir"
    assert pull.pull(server.store("izmir"), 0, 10, "pc-z") == ([], 1, False)
    assert EMPLOYEE in {k[1] for k in server.rows}

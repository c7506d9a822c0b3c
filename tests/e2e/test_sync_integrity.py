"""Issue 10: the ways a write could vanish or sites could stay different, each
replayed against a real server over HTTP."""

from __future__ import annotations

from puantaj.errors import SyncUnavailable
from puantaj.sync.client import SyncClient
from tests.e2e.conftest import Desk


class ScriptedClient(SyncClient):
    """A real client that can lose a reply or run a step between exchanges."""

    def __init__(self, *args, steps=None, **kw) -> None:
        super().__init__(*args, **kw)
        self.steps = steps or {}  # exchange number → callable(reply) (may raise)
        self.calls = 0

    def sync(self, body):
        reply = super().sync(body)
        self.calls += 1
        step = self.steps.get(self.calls)
        if step is not None:
            step(reply)
        return reply


def script(desk: Desk, url: str, token: str, steps: dict) -> ScriptedClient:
    """Make the desk's next run use a ScriptedClient; returns it."""
    made = ScriptedClient(url, token, 30, steps=steps)
    desk.engine._client_factory = lambda: made
    return made


def lose(reply) -> None:
    raise SyncUnavailable("the reply was lost on the way back")


def employee(desk: Desk, sicil: str, first: str, **extra) -> str:
    return desk.services.records["employees"].create(
        desk.session,
        {
            "sicil_no": sicil,
            "first_name": first,
            "last_name": "Yılmaz",
            "hire_date": "01.01.2026",
            **extra,
        },
    )


def same_rows(a: Desk, b: Desk, table: str = "employees") -> None:
    assert a.rows(table) == b.rows(table)


def test_lost_reply_then_page_boundary_still_delivers_the_row(desks, server):
    """#11: A's write merged over B's version of a row; the reply that carried B's
    version is lost, and a page boundary moves A's cursor past that version."""
    a = desks("Ankara", page_size=3)
    b = desks("Ankara")
    admin = desks("*")
    emp = employee(a, "7", "Ali")  # A creates it first, offline
    assert employee(b, "7", "Veli") == emp  # the same natural key, newer
    assert b.sync().ok
    for n in range(3):
        employee(b, str(100 + n), f"Kişi{n}")
    assert b.sync().ok
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    script(a, server.url, desks.tokens["Ankara"], {1: lose})
    assert a.sync().state == "offline"
    script(a, server.url, desks.tokens["Ankara"], {})
    assert a.sync().ok and b.sync().ok and admin.sync().ok
    row = a.employees()[emp]
    assert (row["first_name"], row["title"]) == ("Veli", "Usta")
    same_rows(a, b)
    same_rows(a, admin)


def test_write_typed_between_pull_pages_is_sent(desks, server):
    """#1: the outbox drains, pages of pulling go on, and the clerk types a cell;
    the pull-only checkpoints must not acknowledge it."""
    a = desks("Ankara", page_size=3)
    b = desks("Ankara")
    for n in range(12):
        employee(b, str(200 + n), f"Kişi{n}")
    assert b.sync().ok
    for n in range(4):
        employee(a, str(300 + n), f"Yerel{n}")
    typed = []
    steps = {3: lambda reply: typed.append(employee(a, "999", "Sırada"))}
    script(a, server.url, desks.tokens["Ankara"], steps)
    assert a.sync().ok and typed
    script(a, server.url, desks.tokens["Ankara"], {})
    assert a.sync().ok and a.pending() == 0 and b.sync().ok
    assert typed[0] in b.employees(), "the row typed during the sync reached nobody"
    same_rows(a, b)

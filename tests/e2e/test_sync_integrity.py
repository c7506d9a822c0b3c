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


def test_restored_backup_gets_back_what_it_wrote_since(desks, server):
    """#4: after a restore the file is a new site, so the server no longer leaves
    out the rows its old self wrote after the backup."""
    a = desks("Ankara")
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    site_before = a.services.store.path.with_name("puantaj.db.site").read_text()
    saved = a.services.backups.backup(label="test")
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    assert a.sync().ok
    a.services.backups.restore(saved.path)
    assert a.employees()[emp]["title"] is None  # last week's file
    assert a.sync().ok
    assert a.employees()[emp]["title"] == "Usta"
    assert a.services.store.path.with_name("puantaj.db.site").read_text() != (
        site_before
    )


def test_file_put_back_by_hand_or_copied_becomes_a_new_site(desks, server, tmp_path):
    """#4: a database file copied over the live one (or to another PC) is found
    out by its site marker when the app opens it."""
    import shutil

    from puantaj.store import clock
    from tests.e2e.conftest import make_desk

    a = desks("Ankara")
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    path = a.services.store.path
    a.services.store.close()
    shutil.copy(path, tmp_path / "old.db")
    a = make_desk(path.parent, server.url, desks.tokens["Ankara"], "Ankara")
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    assert a.sync().ok
    a.services.store.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copy(tmp_path / "old.db", path)  # put back by hand
    a = make_desk(path.parent, server.url, desks.tokens["Ankara"], "Ankara")
    assert a.sync().ok and a.employees()[emp]["title"] == "Usta"
    # the same file opened in another PC's folder is another site again
    other = tmp_path / "other-pc"
    other.mkdir()
    a.services.store.close()
    shutil.copy(path, other / "puantaj.db")
    b = make_desk(other, server.url, desks.tokens["Ankara"], "Ankara")
    with a.services.store.connection() as ca, b.services.store.connection() as cb:
        assert clock.site_id(ca) != clock.site_id(cb)
    assert b.sync().ok
    same_rows(a, b)


def test_refused_in_a_locked_month_is_sent_again_after_unlock(desks, server):
    """#7: a cell typed offline into a month that got locked is refused, kept and
    listed; once the month is unlocked it is sent again and the list clears."""
    import datetime as dt

    from puantaj.services.timesheets import Edit
    from puantaj.store import refusals

    a = desks("Ankara")
    admin_token = desks.tokens.get("*") or desks("*") and desks.tokens["*"]
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    a.services.timesheets.write(a.session, [Edit(emp, dt.date(2026, 3, 2), "X")])
    lock = {"region": "Ankara", "month": "2026-03", "action": "lock"}
    assert server.post("/locks", lock, admin_token).status_code == 200
    report = a.sync()
    assert report.ok and report.refused == 1
    with a.services.store.connection() as conn:
        kept = refusals.listed(conn)
    assert [(k.table, k.reason) for k in kept] == [("timesheets", "period_locked")]
    assert a.sync().ok and a.sync().refused == 0  # not sent again while locked
    unlock = {**lock, "action": "unlock", "reason": "düzeltme"}
    assert server.post("/locks", unlock, admin_token).status_code == 200
    assert a.sync().ok
    with a.services.store.connection() as conn:
        assert refusals.listed(conn) == []
    assert a.services.check().ok
    admin = desks("*")
    assert admin.sync().ok
    cells = [r for r in admin.rows("timesheets").values() if r["employee_id"] == emp]
    assert [c["code"] for c in cells] == ["X"]


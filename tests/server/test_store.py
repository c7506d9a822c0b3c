"""The SQL store agrees with the protocol's pure rules it stands in for."""

from __future__ import annotations

from sqlalchemy import select

from puantaj.core.tables import TABLES
from puantaj.syncproto.pull import is_sent
from server.auth import Caller
from server.store import SqlStore
from tests.server.helpers import at, body, change, new_employee


def test_the_rows_a_pull_statement_leaves_out_are_those_is_sent_leaves_out(local):
    ankara = local.token("Ankara")
    one, two = (
        new_employee("Ankara", "1", at("pc-a")),
        new_employee("Ankara", "2", at("pc-a")),
    )
    local.post("/sync", body([one, two], site="pc-a"), ankara).raise_for_status()
    for site, offset in (("pc-b", 10), ("pc-a", 20)):
        edit = change("employees", two["id"], "Ankara", at(site, offset), title=site)
        local.post("/sync", body([edit], site=site), ankara).raise_for_status()
    three = new_employee("Ankara", "3", at("pc-b", 30))
    local.post("/sync", body([three], site="pc-b"), ankara).raise_for_status()
    context = local.context
    with context.write() as conn:
        stored = []
        for name in TABLES:
            t = context.tables[name]
            query = select(t.c.id, t.c._seq, t.c._site, t.c._prev_seq)
            stored += [(name, *row) for row in conn.execute(query)]
        assert {(s, p) for _, _, _, s, p in stored} == {
            ("pc-a", 0),
            ("pc-a", 3),
            ("pc-b", 0),
        }
        store = SqlStore(conn, context.queries, Caller("Ankara", token_id=0))
        for site in ("pc-a", "pc-b", "pc-c", ""):
            expected = sorted(
                (
                    (name, row_id, seq)
                    for name, row_id, seq, writer, prev in stored
                    if is_sent(writer, prev, site)
                ),
                key=lambda row: row[2],
            )
            found, top = store.rows_after(0, 100, site)
            assert (found, top) == (expected, 5), site

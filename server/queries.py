"""Statements of the hot sync path, built once per app instead of per request."""

from __future__ import annotations

from sqlalchemy import (
    Dialect,
    Table,
    bindparam,
    func,
    literal,
    or_,
    select,
    union_all,
)

from puantaj.core import jsonfast
from puantaj.core.tables import ALL_REGIONS, SHARED_TABLES, TABLES

# the server's own columns after a synced table's data columns
SYSTEM_TAIL = ("_hlc", "_seq", "_site", "_prev_seq")


class Queries:
    """The hot sync path's statements over one set of tables, built once: driver
    SQL where it runs per request, SQLAlchemy Core where a query is composed."""

    def __init__(self, tables: dict[str, Table], dialect: Dialect) -> None:
        self.tables = tables
        reports = tables["reports"]
        self.locked_months = select(reports.c.region, reports.c.month).where(
            reports.c.status == "locked", reports.c.deleted == 0
        )
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        quote = dialect.identifier_preparer.quote
        self.row_columns = {
            name: ("id", "region", *TABLES[name].data_columns, *SYSTEM_TAIL)
            for name in TABLES
        }
        # rows by a list of ids bound as ONE parameter (a JSON array on SQLite, an
        # array on PostgreSQL): one prepared statement whatever the list's length
        if dialect.name == "postgresql":
            among = "id = ANY(%s)"
        else:
            among = "id IN (SELECT value FROM json_each(?))"
        self.rows_by_id = {
            name: f"SELECT {', '.join(quote(c) for c in cols)} FROM {quote(name)}"
            f" WHERE {among}"
            for name, cols in self.row_columns.items()
        }
        # row locks in id order, so two batches touching the same rows cannot deadlock
        self.rows_for_update = {
            name: sql
            + (" ORDER BY id FOR UPDATE" if dialect.name == "postgresql" else "")
            for name, sql in self.rows_by_id.items()
        }
        self.id_list = (
            (lambda ids: list(ids))
            if dialect.name == "postgresql"
            else (lambda ids: jsonfast.dumps_text(list(ids)))
        )
        # bulk writes go to the driver: on PostgreSQL all rows of a table in ONE
        # statement, each column bound as an array (one execution, not one per
        # row); on SQLite an executemany of one prepared statement
        self.bulk = dialect.name == "postgresql"
        self.insert_rows: dict[str, str] = {}
        self.update_rows: dict[str, str] = {}
        for name, cols in self.row_columns.items():
            names = ", ".join(quote(c) for c in cols)
            if self.bulk:
                source = _unnest(name, cols)
                self.insert_rows[name] = (
                    f"INSERT INTO {quote(name)} ({names}) SELECT * FROM {source}"
                )
                sets = ", ".join(f"{quote(c)} = v.{quote(c)}" for c in cols[1:])
                self.update_rows[name] = (
                    f"UPDATE {quote(name)} t SET {sets} FROM {source} AS v ({names})"
                    " WHERE t.id = v.id"
                )
            else:
                marks = ", ".join([mark] * len(cols))
                self.insert_rows[name] = (
                    f"INSERT INTO {quote(name)} ({names}) VALUES ({marks})"
                )
                sets = ", ".join(f"{quote(c)} = {mark}" for c in cols[1:])
                self.update_rows[name] = (
                    f"UPDATE {quote(name)} SET {sets} WHERE id = {mark}"
                )
        self.next_rows_all = self._next_rows(scoped=False)
        self.next_rows_region = self._next_rows(scoped=True)
        # the small statements every sync runs, as driver SQL (same text on both)
        # takes the writers' lock (the counter row) and hands out n numbers at once
        self.bump = (
            f"UPDATE sync_counter SET value = value + {mark} WHERE id = 1"
            " RETURNING value"
        )
        self.prior_batch = (
            "SELECT digest, result FROM batches"
            f" WHERE token_id = {mark} AND site_id = {mark} AND batch_id = {mark}"
        )
        self.insert_batch = (
            "INSERT INTO batches (token_id, site_id, batch_id, digest, at, result)"
            f" VALUES ({', '.join([mark] * 6)})"
        )
        # PostgreSQL: the batch's outcome and the numbers in one statement
        self.record_and_bump = (
            f"WITH outcome AS ({self.insert_batch}) {self.bump}" if self.bulk else None
        )
        # a site id belongs to the token that first used it; it passes to another
        # token of its region only when that one is revoked (or, for a site from
        # before 0004, unknown). No row back: the site is another token's.
        self.upsert_site = (
            "INSERT INTO sites (site_id, region, last_sync_at, last_push_at,"
            " pushed_total, refused_total, pending, token_id, divergence)"
            f" VALUES ({', '.join([mark] * 9)})"
            " ON CONFLICT (site_id) DO UPDATE SET"
            " last_sync_at = excluded.last_sync_at,"
            " last_push_at = coalesce(excluded.last_push_at, sites.last_push_at),"
            " pending = coalesce(excluded.pending, sites.pending),"
            " divergence = coalesce(excluded.divergence, sites.divergence),"
            " pushed_total = sites.pushed_total + excluded.pushed_total,"
            " refused_total = sites.refused_total + excluded.refused_total,"
            " token_id = excluded.token_id"
            " WHERE sites.token_id = excluded.token_id"
            " OR (sites.region = excluded.region AND (sites.token_id IS NULL"
            " OR EXISTS (SELECT 1 FROM tokens WHERE tokens.id = sites.token_id"
            " AND tokens.revoked_at IS NOT NULL)))"
            " RETURNING site_id"
        )
        # a bare exchange (a connection test) neither creates nor claims a site:
        # it only touches its own site, and is refused on one it may not use
        self.touch_site = (
            f"UPDATE sites SET last_sync_at = {mark}"
            f" WHERE site_id = {mark} AND token_id = {mark} RETURNING site_id"
        )
        self.site_refused = (
            f"SELECT 1 FROM sites WHERE site_id = {mark} AND NOT ("
            f"token_id IS NOT NULL AND token_id = {mark} OR region = {mark} AND"
            " (token_id IS NULL OR EXISTS (SELECT 1 FROM tokens WHERE"
            " tokens.id = sites.token_id AND tokens.revoked_at IS NOT NULL)))"
        )
        # (id, region) of rows by a list of ids: the parents a batch's rows name
        self.regions_by_id = {
            name: f"SELECT id, region FROM {quote(name)} WHERE {among}"
            for name in TABLES
        }

    def _synced(self):
        return ((name, self.tables[name]) for name in TABLES)

    def _next_rows(self, scoped: bool):
        """The next rows after a cursor, up to the counter's value, leaving out rows
        the caller created that nobody has written since; plus one last row
        ("", "", counter value).

        One statement, so the counter and the rows are read in one snapshot.
        """
        counter = self.tables["sync_counter"]
        top = select(counter.c.value).where(counter.c.id == 1).scalar_subquery()
        branches = []
        for name, t in self._synced():
            branch = select(literal(name).label("tbl"), t.c.id, t.c._seq).where(
                t.c._seq > bindparam("after"),
                t.c._seq <= top,
                # not a row the caller created and nobody else has touched:
                # only then has it every column. A cursor past the replaced
                # version does not prove the caller saw it (issue 10 #11: the
                # reply that carried it may have been lost)
                or_(
                    t.c._site.is_(None),
                    t.c._site != bindparam("site"),
                    func.coalesce(t.c._prev_seq, 0) > 0,
                ),
            )
            if scoped:
                branch = branch.where(in_scope(name, t, bindparam("scope")))
            branches.append(branch)
        found = union_all(*branches).order_by("_seq").limit(bindparam("lim")).subquery()
        return union_all(
            select(found.c.tbl, found.c.id, found.c._seq),
            select(literal("").label("tbl"), literal("").label("id"), top),
        )


_PG_ARRAY = {
    "text": "text",
    "date": "varchar",
    "month": "varchar",
    "int": "bigint",
    "bool": "smallint",
    "real": "float8",
}
_PG_SYSTEM = {
    "id": "varchar",
    "region": "varchar",
    "_hlc": "text",
    "_seq": "bigint",
    "_site": "varchar",
    "_prev_seq": "bigint",
}


def _unnest(table: str, cols: tuple[str, ...]) -> str:
    """unnest(%s::type[], …) over `cols`, one array parameter per column."""
    kinds = {c.name: c.kind for c in TABLES[table].columns}
    types = [_PG_SYSTEM.get(c) or _PG_ARRAY[kinds[c]] for c in cols]
    return "unnest(" + ", ".join(f"%s::{t}[]" for t in types) + ")"


def in_scope(name: str, table, scope):
    """A region caller's rows of `table`: its region's, and the shared rows of an
    admin's table every office reads (issue 13: codes and holidays)."""
    if name in SHARED_TABLES:
        return or_(table.c.region == scope, table.c.region == ALL_REGIONS)
    return table.c.region == scope

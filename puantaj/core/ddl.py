"""SQLite DDL of the desktop schema: synced tables, change-capture triggers, outbox.

Pure text generation, so the desktop store and the server's download share one
definition. The triggers stamp every write with the hybrid clock kept in
`_clock` — writes from the app, from migrate_db.py and from the sqlite3 shell
alike — and queue the row in `_outbox` in the same transaction.
"""

from __future__ import annotations

from puantaj.core import stamps
from puantaj.core.tables import TABLES, Column, TableSpec

_SQL_TYPES = {
    "text": "TEXT",
    "date": "TEXT",
    "month": "TEXT",
    "int": "INTEGER",
    "bool": "INTEGER",
    "real": "REAL",
}

PHYSICAL_MS = (
    "(CAST(strftime('%s','now') AS INTEGER) * 1000"
    " + CAST(substr(strftime('%f','now'), 4) AS INTEGER) + offset_ms)"
)
TICK = f"""UPDATE _clock SET
    ms = CASE WHEN {PHYSICAL_MS} > ms THEN {PHYSICAL_MS}
              WHEN counter >= 99999 THEN ms + 1 ELSE ms END,
    counter = CASE WHEN {PHYSICAL_MS} > ms THEN 0
                   WHEN counter >= 99999 THEN 0 ELSE counter + 1 END"""
CURRENT_STAMP = "(SELECT printf('%013d:%05d:%s', ms, counter, site_id) FROM _clock)"
NOT_APPLYING = "(SELECT applying FROM _clock) = 0"

SUPPORT_TABLES = """
CREATE TABLE IF NOT EXISTS _clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    ms INTEGER NOT NULL DEFAULT 0,
    counter INTEGER NOT NULL DEFAULT 0,
    site_id TEXT NOT NULL,
    offset_ms INTEGER NOT NULL DEFAULT 0,
    applying INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS _outbox (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    UNIQUE (tbl, row_id)
);
CREATE TABLE IF NOT EXISTS _rejected (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    change TEXT NOT NULL,
    rejected_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _sync_state (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""


# What a queued write is numbered: a counter that only grows, so an entry made
# while a page is on the wire is numbered past that page and cannot be taken
# for part of it when the page is acknowledged (issue 10 #1; the rowid that was
# used before starts again at 1 once the outbox has drained).
NEXT_OUTBOX_SEQ = "UPDATE _clock SET outbox_seq = outbox_seq + 1"


def queue_row(table_sql: str, id_sql: str) -> str:
    """SQL that queues one row for push under the number NEXT_OUTBOX_SEQ has just
    taken, or renumbers it so if it is queued already.

    An explicit upsert: an outer statement's conflict policy would override OR
    REPLACE.
    """
    return (
        "INSERT INTO _outbox (seq, tbl, row_id)"
        f" VALUES ((SELECT outbox_seq FROM _clock), {table_sql}, {id_sql})"
        " ON CONFLICT (tbl, row_id) DO UPDATE SET seq = excluded.seq"
    )


def q(name: str) -> str:
    """Quote an identifier (several column names are SQL keywords)."""
    return '"' + name.replace('"', '""') + '"'


def create_table(spec: TableSpec) -> str:
    cols = ["id TEXT PRIMARY KEY NOT NULL", "region TEXT NOT NULL"]
    for column in spec.columns:
        sql = f"{q(column.name)} {_SQL_TYPES[column.kind]}"
        if column.name == "deleted":
            sql += " NOT NULL DEFAULT 0"
        cols.append(sql)
    cols.append("_hlc TEXT NOT NULL DEFAULT '{}'")
    body = ",\n    ".join(cols)
    return f"CREATE TABLE IF NOT EXISTS {q(spec.name)} (\n    {body}\n)"


def create_indexes(spec: TableSpec) -> list[str]:
    out = [
        f"CREATE INDEX IF NOT EXISTS ix_{spec.name}_region ON {q(spec.name)} (region)"
    ]
    for cols in spec.indexes:
        name = f"ix_{spec.name}_{'_'.join(cols)}"
        out.append(
            f"CREATE INDEX IF NOT EXISTS {name} ON {q(spec.name)} "
            f"({', '.join(q(c) for c in cols)})"
        )
    return out


def create_triggers(spec: TableSpec) -> list[str]:
    """Change-capture triggers of one table (dropped and rebuilt by migrations)."""
    t = spec.name
    cols = spec.data_columns
    changed = " OR ".join(f"NEW.{q(c)} IS NOT OLD.{q(c)}" for c in cols)
    # a row in the short form (core.stamps) is written out in full: each
    # column the update left alone keeps the one stamp of every column
    every = f"json_extract(NEW._hlc, '$.\"{stamps.EVERY}\"')"
    updates = ", ".join(
        f"'$.{c}', CASE WHEN NEW.{q(c)} IS NOT OLD.{q(c)} THEN s "
        f"ELSE coalesce(json_extract(NEW._hlc, '$.{c}'), {every}) END"
        for c in cols
    )
    outbox = f"{NEXT_OUTBOX_SEQ}; {queue_row(repr(t), 'NEW.id')};"
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {t}_fixed_keys BEFORE UPDATE OF id, region
ON {q(t)} WHEN NEW.id IS NOT OLD.id OR NEW.region IS NOT OLD.region
BEGIN SELECT RAISE(ABORT, '{t}: id and region are fixed when a row is created'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {t}_capture_insert AFTER INSERT ON {q(t)}
WHEN {NOT_APPLYING}
BEGIN
    {TICK};
    UPDATE {q(t)} SET _hlc = (SELECT json_object('{stamps.EVERY}', s)
        FROM (SELECT {CURRENT_STAMP} AS s)) WHERE rowid = NEW.rowid;
    {outbox}
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {t}_capture_update AFTER UPDATE ON {q(t)}
WHEN {NOT_APPLYING} AND ({changed})
BEGIN
    {TICK};
    UPDATE {q(t)} SET _hlc = (SELECT json_remove(json_set(NEW._hlc, {updates}),
        '$."{stamps.EVERY}"') FROM (SELECT {CURRENT_STAMP} AS s)) WHERE rowid = NEW.rowid;
    {outbox}
END""",
        # sync never removes a row: a DELETE becomes a tombstone write
        f"""CREATE TRIGGER IF NOT EXISTS {t}_tombstone BEFORE DELETE ON {q(t)}
BEGIN
    UPDATE {q(t)} SET deleted = 1 WHERE rowid = OLD.rowid AND deleted = 0;
    SELECT RAISE(IGNORE);
END""",
    ]


def key_problem(row: str) -> str:
    """An SQL condition true when the row `row` (a table's alias) has an id or
    region sync would refuse (puantaj.core.changes), as far as a quick look
    tells: an id of 36 characters, dashed as a UUID; a region of 1 to 64
    printable characters."""
    i, r = f"{row}.id", f"{row}.region"
    dashes = " OR ".join(f"substr({i}, {n}, 1) <> '-'" for n in (9, 14, 19, 24))
    return (
        f"typeof({i}) <> 'text' OR length({i}) <> 36 OR {dashes}"
        f" OR typeof({r}) <> 'text' OR length({r}) NOT BETWEEN 1 AND 64"
        f" OR {_unprintable(r, _CONTROLS_ALL)}"
    )


def _unprintable(value: str, controls: str) -> str:
    """An SQL condition true when `value` holds one of `controls` or a NUL;
    text of printable ASCII alone (most of it) passes the first test cheaply
    (GLOB reads text only up to a NUL, so that is looked for on its own)."""
    return (
        f"(({value} GLOB '*[^ -~]*' AND {value} GLOB '*[' || {controls} || ']*')"
        f" OR instr({value}, char(0)) > 0)"
    )


def _column_problem(column: Column, row: str = "NEW") -> str:
    """An SQL condition true when <row>.<column> would be refused by sync
    (puantaj.core.changes), as far as SQL can tell: a TC no's checksum and a
    plate's canonical form are left to the services and to `puantaj check`."""
    c = f"{row}.{q(column.name)}"
    kind = column.kind
    out = []
    if column.required:
        out.append(f"{c} IS NULL")
        if kind not in ("int", "bool", "real"):
            out.append(f"{c} = ''")
    if kind == "bool":
        out.append(f"{c} NOT IN (0, 1)")
    elif kind == "int":
        out.append(
            f"typeof({c}) NOT IN ('null', 'integer') OR {c} < {column.min_value}"
            f" OR {c} > {column.max_value}"
        )
    elif kind == "real":
        out.append(f"typeof({c}) NOT IN ('null', 'integer', 'real') OR abs({c}) > 1e12")
    else:
        out.append(
            f"typeof({c}) NOT IN ('null', 'text') OR length({c}) > {column.max_len}"
            f" OR {_unprintable(c, _CONTROLS)}"
        )
        if kind == "date":
            out.append(f"{c} <> '' AND date({c}, '+0 days') IS NOT {c}")
        elif kind == "month":
            out.append(
                f"{c} <> '' AND date({c} || '-01', '+0 days') IS NOT {c} || '-01'"
            )
        if column.choices:
            allowed = ", ".join(f"'{v}'" for v in column.choices)
            out.append(f"{c} NOT IN ({allowed})")
    return " OR ".join(f"({x})" for x in out)


# C0 controls but tab, newline and carriage return (as puantaj.core.changes)
_CONTROLS = f"char({', '.join(str(n) for n in range(1, 32) if n not in (9, 10, 13))})"
_CONTROLS_ALL = f"char({', '.join(str(n) for n in (*range(1, 32), 127))})"  # a region


def create_checks(spec: TableSpec) -> list[str]:
    """Triggers that refuse a local write sync would refuse (raw SQL included),
    so no row the server cannot take is ever made here. Pulled rows (applying)
    were judged by the server already."""
    t = spec.name
    out = []
    for event in ("INSERT", "UPDATE"):
        for column in spec.columns:
            name = f"{t}_check_{event.lower()}_{column.name}"
            message = f"{t}.{column.name}: value refused (see puantaj check)"
            # an update is judged on what it changes: an old row that breaks a
            # rule can still be fixed a field at a time, or deleted
            changed = f" AND NEW.{q(column.name)} IS NOT OLD.{q(column.name)}"
            out.append(
                f"""CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {q(t)}
WHEN {NOT_APPLYING}{changed if event == "UPDATE" else ""}
    AND ({_column_problem(column)})
BEGIN SELECT RAISE(ABORT, '{message}'); END"""
            )
    return out


def drop_checks(spec: TableSpec) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {spec.name}_check_{event}_{column.name}"
        for event in ("insert", "update")
        for column in spec.columns
    ]


def drop_triggers(spec: TableSpec) -> list[str]:
    names = ("fixed_keys", "capture_insert", "capture_update", "tombstone")
    return [f"DROP TRIGGER IF EXISTS {spec.name}_{n}" for n in names]


def synced_schema() -> list[str]:
    """Every statement that creates the synced tables, indexes and triggers."""
    out: list[str] = []
    for spec in TABLES.values():
        out.append(create_table(spec))
        out.extend(create_indexes(spec))
        out.extend(create_triggers(spec))
    return out

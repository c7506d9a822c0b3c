"""Sync throughput on generated data (200 employees × 5 regions, cells by day):
initial push of 100k rows, admin initial pull, and an incremental sync of 100 changed
rows against a server holding 10k and 1M rows. Real server process on 127.0.0.1
(embedded SQLite by default), real desktop stores.

    .venv/bin/python bench/sync_bench.py [--rows 100000] [--big 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from common import gauge, servers

from puantaj.app import build_services
from puantaj.config import load_settings
from puantaj.core import desktop_schema
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES, natural_id, timesheet_id
from puantaj.store import changelog
from puantaj.sync import divergence
from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine

REGIONS = ("Ankara", "İstanbul", "Bursa", "İzmir", "Antalya")
EMPLOYEES = 200
CODES = ("X", "X", "X", "X", "X", "HT", "Yİ", "R")


def desk(folder: Path, url: str, token: str):
    """A desktop store and its sync engine, with the app's own settings."""
    settings = load_settings(env={}, flags={"home": str(folder)})
    services = build_services(settings)
    engine = SyncEngine(
        services.store, lambda: SyncClient(url, token, 120), settings.page_size
    )
    return services, engine


def generate(services, rows: int) -> int:
    """Employees of every region, then their cells day by day, through the triggers."""
    made = 0
    start = dt.date(2026, 1, 1)
    with services.store.connection() as conn:
        conn.execute("BEGIN")
        staff = []
        for region in REGIONS:
            for i in range(EMPLOYEES):
                emp = natural_id("employees", region, str(i))
                staff.append((emp, region))
                conn.execute(
                    "INSERT INTO employees (id, region, sicil_no, first_name, last_name,"
                    " hire_date, deleted) VALUES (?,?,?,?,?,?,0)",
                    (emp, region, str(i), f"Ad{i}", f"Soyad{i}", "2025-01-01"),
                )
                made += 1
        day = 0
        while made < rows:
            work = (start + dt.timedelta(days=day)).isoformat()
            batch = [
                (
                    timesheet_id(emp, work),
                    region,
                    emp,
                    work,
                    CODES[(day + n) % len(CODES)],
                )
                for n, (emp, region) in enumerate(staff)
            ][: rows - made]
            conn.executemany(
                "INSERT INTO timesheets (id, region, employee_id, work_date, code, deleted)"
                " VALUES (?,?,?,?,?,0)",
                batch,
            )
            made += len(batch)
            day += 1
        conn.execute("COMMIT")
    return made


FILL_STAFF = (
    2500  # fill_server's employees, 500 a region (ui_bench: a 500-employee month)
)


def fill_server(db: Path, rows: int) -> None:
    """Put `rows` timesheet rows of FILL_STAFF employees straight into a server
    database (fast setup): the employees too, so the month opens with people."""
    conn = sqlite3.connect(db)
    seq = conn.execute("SELECT value FROM sync_counter").fetchone()[0]
    stamp = str(Stamp(int(time.time() * 1000) - 3_600_000, 0, "filler"))

    def insert(table: str, made: list[tuple[str, str, dict]]) -> None:
        nonlocal seq
        cols = TABLES[table].data_columns
        hlc = json.dumps({stamp: sorted(cols)})
        batch = []
        for row_id, region, values in made:
            seq += 1
            row = [values.get(c, 0 if c == "deleted" else None) for c in cols]
            batch.append((row_id, region, *row, hlc, seq))
        conn.executemany(
            f"INSERT INTO {table} (id, region, {', '.join(cols)}, _hlc, _seq)"
            f" VALUES ({','.join('?' * (len(cols) + 4))})",
            batch,
        )

    def staff(n: int) -> tuple[str, str]:
        region = REGIONS[n % len(REGIONS)]
        return natural_id("employees", region, f"f{n}"), region

    conn.execute("BEGIN")
    insert(
        "employees",
        [
            (
                *staff(n),
                {
                    "sicil_no": f"f{n}",
                    "first_name": f"Ad{n}",
                    "last_name": f"Soyad{n}",
                    "hire_date": "2019-01-01",
                },
            )
            for n in range(FILL_STAFF)
        ],
    )
    start = dt.date(2020, 1, 1)
    for chunk in range(0, rows, 50_000):
        made = []
        for n in range(chunk, min(rows, chunk + 50_000)):
            emp, region = staff(n % FILL_STAFF)
            work = (start + dt.timedelta(days=n // FILL_STAFF)).isoformat()
            made.append(
                (
                    timesheet_id(emp, work),
                    region,
                    {"employee_id": emp, "work_date": work, "code": "X"},
                )
            )
        insert("timesheets", made)
    conn.execute("UPDATE sync_counter SET value = ?", (seq,))
    conn.execute("COMMIT")
    conn.close()


def settle() -> None:
    """Write out what the steps before wrote (~200 MB of generated files a run),
    so the OS's writeback of them does not land in the next timed step."""
    os.sync()


def timed_sync(engine: SyncEngine) -> tuple[float, object]:
    t0 = time.perf_counter()
    report = engine.run(verify=False)  # the daily comparison is timed on its own
    return time.perf_counter() - t0, report


def timed_check(services, url: str, token: str) -> float:
    """One comparison of every row with the server (the daily divergence check)."""
    client = SyncClient(url, token, 300)
    try:
        t0 = time.perf_counter()
        found, _ = divergence.check(services.store, client)
        seconds = time.perf_counter() - t0
    finally:
        client.close()
    assert found.state == "in_step", found
    return seconds


def sqlite_floor(folder: Path, rows: int) -> float:
    """Rows/s SQLite itself takes the same rows in at, on this machine now: the
    generated rows copied into a fresh file of the desktop schema (its tables
    and indexes), one INSERT … SELECT per table, one transaction."""
    source = folder / "floor-source"
    services = build_services(load_settings(env={}, flags={"home": str(source)}))
    made = generate(services, rows)
    services.store.close()
    target = folder / "floor.db"
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    desktop_schema.build(conn)
    conn.execute("COMMIT")
    conn.execute("ATTACH DATABASE ? AS src", (str(source / "puantaj.db"),))
    settle()
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("UPDATE _clock SET applying = 1")
    for name, spec in TABLES.items():
        names = ", ".join(("id", "region", *spec.data_columns, "_hlc"))
        conn.execute(
            f'INSERT OR IGNORE INTO main."{name}" ({names})'
            f' SELECT {names} FROM src."{name}"'
        )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t0
    conn.close()
    return made / seconds


def initial_once(folder: Path, rows: int) -> tuple[float, float, object, object, float]:
    """One initial push of `rows`, one admin initial pull and the admin's
    comparison of every row with the server, on a fresh server."""
    env = servers.sqlite_env(folder)
    server = servers.start(env)
    try:
        tokens = env.tokens(["*"])
        services, engine = desk(folder / "hq", server.url, tokens["*"])
        made = generate(services, rows)
        services.store.checkpoint()  # as the app's workers keep the WAL short
        settle()
        push_s, pushed = timed_sync(engine)
        assert pushed.ok and pushed.pending == 0 and pushed.pushed >= made, pushed
        admin, fresh = desk(folder / "admin", server.url, tokens["*"])
        settle()
        pull_s, pulled = timed_sync(fresh)
        assert pulled.ok and pulled.pulled >= made, pulled
        check_s = timed_check(admin, server.url, tokens["*"])
        return push_s, pull_s, pushed, pulled, check_s
    finally:
        server.stop()


def initial(folder: Path, rows: int, runs: int = 3) -> None:
    results, floors = [], []
    for n in range(runs):
        floors.append(sqlite_floor(folder / f"floor{n}", rows))
        results.append(initial_once(folder / f"run{n}", rows))
        print(
            f"  run {n + 1}: push {results[-1][2].pushed / results[-1][0]:,.0f} rows/s,"
            f" pull {results[-1][3].pulled / results[-1][1]:,.0f} rows/s, SQLite"
            f" floor {floors[-1]:,.0f} rows/s {gauge()}"
        )
    floor = statistics.median(floors)
    print(f"SQLite floor (the same rows, INSERT … SELECT): median {floor:,.0f} rows/s")
    for label, index, attr, size in (
        ("initial push", 0, "pushed", "bytes_sent"),
        ("admin initial pull", 1, "pulled", "bytes_received"),
    ):
        rates = sorted(getattr(r[index + 2], attr) / r[index] for r in results)
        report = results[0][index + 2]
        print(
            f"{label}: {getattr(report, attr):,} rows, median "
            f"{statistics.median(rates):,.0f} rows/s (min {rates[0]:,.0f}, max "
            f"{rates[-1]:,.0f}, {runs} runs) = {statistics.median(rates) / floor:.2f}"
            f" of the SQLite floor, {getattr(report, size) / 1e6:.1f} MB (gzip)"
        )
    checks = sorted(r[4] for r in results)
    print(
        f"divergence check (admin, every row compared with the server): median "
        f"{statistics.median(checks):.2f} s (min {checks[0]:.2f}, max {checks[-1]:.2f})"
    )


def incremental(
    folder: Path, server_rows: int, changed: int = 100, runs: int = 21, warm: int = 3
) -> float:
    """Median time of `runs` syncs of `changed` rows each, after `warm` untimed
    ones (the first requests to a server just started compile its queries and
    fill its caches; an office's server has been running for days)."""
    env = servers.sqlite_env(folder)
    env.cli("migrate")
    fill_server(env.home / "server.db", server_rows)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
        services, engine = desk(folder / "ankara", server.url, token)
        with services.store.connection() as conn:  # as if synced up to now
            seq = (
                sqlite3.connect(env.home / "server.db")
                .execute("SELECT value FROM sync_counter")
                .fetchone()[0]
            )
            changelog.set_state(conn, "cursor", f"v1:{seq}")
        session_region = "Ankara"
        emp = natural_id("employees", session_region, "bench")
        with services.store.connection() as conn:
            conn.execute(
                "INSERT INTO employees (id, region, sicil_no, first_name, last_name,"
                " hire_date, deleted) VALUES (?,?,?,?,?,?,0)",
                (emp, session_region, "bench", "A", "B", "2025-01-01"),
            )
        assert engine.run(verify=False).ok
        times = []
        for run in range(warm + runs):
            with services.store.connection() as conn:
                conn.execute("BEGIN")
                for day in range(changed):
                    work = (dt.date(2026, 1, 1) + dt.timedelta(days=day)).isoformat()
                    conn.execute(
                        "INSERT INTO timesheets (id, region, employee_id, work_date, code,"
                        " deleted) VALUES (?,?,?,?,?,0) ON CONFLICT (id) DO UPDATE SET"
                        " code = excluded.code",
                        (
                            timesheet_id(emp, work),
                            session_region,
                            emp,
                            work,
                            "R" if run % 2 else "X",
                        ),
                    )
                conn.execute("COMMIT")
            seconds, report = timed_sync(engine)
            assert report.ok and report.pushed >= changed, report
            if run >= warm:
                times.append(seconds * 1000)
        print(
            f"incremental sync of {changed} changed rows, server holding "
            f"{server_rows:,} rows: median {statistics.median(times):.1f} ms "
            f"(min {min(times):.1f}, max {max(times):.1f}, {runs} runs after {warm} untimed)"
            f" {gauge()}"
        )
        return statistics.median(times)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument(
        "--only", choices=("initial", "incremental"), help="run one part alone"
    )
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    print(
        "server: puantaj-server run (embedded SQLite) on 127.0.0.1; desktop in-process"
    )
    print(gauge())
    if args.only != "incremental":
        initial(root / "initial", args.rows)
    if args.only == "initial":
        return
    small = incremental(root / "small", 10_000)
    big = incremental(root / "big", args.big)
    print(f"incremental, {args.big:,} rows against 10,000 rows: {big / small:.2f}x")


if __name__ == "__main__":
    main()

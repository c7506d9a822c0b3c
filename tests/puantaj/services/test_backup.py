"""Backups are consistent while another thread writes, verified, pruned, restorable."""

import sqlite3
import threading

from puantaj.services.backup import BackupService
from puantaj.store.engine import transaction


def count(path, table="employees"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_backup_while_another_thread_writes_then_restore(services, ankara):
    svc = services.records["employees"]
    svc.create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    stop = threading.Event()
    under_way = threading.Event()
    written = []

    def writer():
        conn = services.store.connect()
        n = 0
        while not stop.is_set() and n < 5000:
            n += 1
            with transaction(conn):
                conn.execute(
                    "INSERT INTO drivers (id, region, full_name) VALUES (?, 'Ankara', ?)",
                    (f"00000000-0000-4000-8000-{n:012d}", f"Sürücü {n}"),
                )
            written.append(n)
            if n == 50:
                under_way.set()
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert under_way.wait(timeout=30), "the writer never got going"
        info = services.backups.backup()
    finally:
        stop.set()
        thread.join()
    # the snapshot is a consistent database holding a prefix of the writes
    snap = sqlite3.connect(info.path)
    assert snap.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    in_backup = snap.execute("SELECT count(*) FROM drivers").fetchone()[0]
    outbox = snap.execute("SELECT count(*) FROM _outbox").fetchone()[0]
    snap.close()
    assert 50 <= in_backup <= len(written)
    assert outbox == in_backup + 1  # each captured write is in the same snapshot
    # restore: the live database goes back to the snapshot, the current one is kept aside
    aside = services.backups.restore(info.path)
    assert count(services.store.path, "drivers") == in_backup
    assert count(aside.path, "drivers") == len(written)
    assert count(services.store.path) == 1


def test_retention_keeps_the_newest(services):
    keeper = BackupService(services.store, services.backups.folder, keep=3)
    made = [keeper.backup().path for _ in range(5)]
    assert [b.path for b in keeper.list()] == made[::-1][:3]


def test_restore_refuses_a_broken_file(services, tmp_path):
    import pytest

    from puantaj.errors import StoreError

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        services.backups.restore(bad)


def test_restoring_a_missing_or_foreign_file_fails_and_changes_nothing(
    services, ankara, tmp_path
):
    """Issue 12: `backup --restore` of a file that does not exist (or is not a
    Puantaj database) emptied the live database and reported success."""
    import os
    import subprocess
    import sys

    services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    services.store.close()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(services.settings.home),
        "PUANTAJ_LANG": "tr",
    }
    for target, words in (
        (tmp_path / "yok.db", "Böyle bir dosya yok"),
        (other, "bir Puantaj veritabanı değil"),
    ):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "puantaj",
                "backup",
                "--restore",
                str(target),
                "--yes",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert out.returncode != 0 and words in out.stderr, out.stdout + out.stderr
        assert count(services.store.path) == 1
    assert not (tmp_path / "yok.db").exists()  # not made into an empty database

"""KVKK: every file that holds personal data is its owner's alone, whatever the
umask; what a killed backup left behind is removed."""

from __future__ import annotations

import os
import stat
import time

import pytest

from puantaj.services.export import ExportService
from tests.conftest import make_services


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o022)  # a lax umask, as many desktops have
    yield
    os.umask(old)


def test_database_backups_and_exports_are_private_under_a_lax_umask(
    tmp_path, open_umask, ankara
):
    services = make_services(tmp_path / "desk")
    try:
        services.records["employees"].create(
            ankara,
            {
                "sicil_no": "1",
                "first_name": "Ayşe",
                "last_name": "Yılmaz",
                "tc_no": "10000000146",
                "hire_date": "01.01.2026",
            },
        )
        db = services.store.path
        assert mode(db.parent) == 0o700
        for suffix in ("", "-wal", "-shm"):
            assert mode(db.with_name(db.name + suffix)) == 0o600, suffix
        info = services.backups.backup()
        assert mode(info.path) == 0o600 and mode(info.path.parent) == 0o700
        export = ExportService(services.timesheets)
        for made in (
            export.to_xlsx(ankara, ["Ankara"], 2026, 1, tmp_path / "a.xlsx"),
            export.to_csv(ankara, ["Ankara"], 2026, 1, tmp_path / "a.csv"),
        ):
            assert mode(made) == 0o600, made
    finally:
        services.store.close()


def test_a_database_made_earlier_with_open_permissions_is_closed_on_open(
    tmp_path, open_umask
):
    services = make_services(tmp_path / "desk")
    services.store.close()
    path = services.store.path
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)
    again = make_services(tmp_path / "desk")
    try:
        assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    finally:
        again.store.close()


def test_a_partial_left_by_a_killed_backup_is_removed_a_fresh_one_kept(services):
    folder = services.backups.folder
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "puantaj-20261201-000000-000000-pre-sync.partial"
    fresh = folder / "puantaj-20261202-000000-000000.partial"
    for path in (stale, fresh):
        path.write_bytes(b"x" * 1024)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    services.backups.backup()
    assert not stale.exists()
    assert fresh.exists()  # may be another backup still being written

"""KVKK: the embedded server's database, its folder and its backups are readable
by their owner only, whatever the umask of the process that made them."""

from __future__ import annotations

import os
import stat

from tests import servers


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_server_database_and_backups_are_private_under_a_lax_umask(tmp_path):
    env = servers.sqlite_env(tmp_path)
    old = os.umask(0o022)  # the server processes inherit it
    try:
        running = servers.start(env)
        try:
            env.token("Ankara")
        finally:
            running.stop()
        backup = env.cli("backup")
    finally:
        os.umask(old)
    db = env.home / "server.db"
    assert mode(env.home) == 0o700 and mode(db) == 0o600
    for suffix in ("-wal", "-shm"):
        if db.with_name(db.name + suffix).exists():
            assert mode(db.with_name(db.name + suffix)) == 0o600
    (made,) = (env.home / "backups").glob("server-*.db")
    assert mode(made) == 0o600 and mode(made.parent) == 0o700, backup.stdout

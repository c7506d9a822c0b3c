"""The server database: engine and pool, Alembic migrations, the schema guard."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: the embedded server runs as one process there
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text

from server.config import ServerSettings
from server.errors import SchemaError
from server.schema import build_metadata

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def private_folder(path: Path) -> Path:
    """Create a folder that holds personal data, readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder we do not own is left as it is
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Make a file that holds personal data readable by its owner only (KVKK)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, 0o600)
    return path


def make_engine(settings: ServerSettings) -> Engine:
    """An engine with WAL and busy timeout on SQLite, a sized pool on PostgreSQL."""
    if settings.is_sqlite:
        path = settings.sqlite_file
        if path:
            private_folder(Path(path).parent)
        # pooled: a connection keeps its page cache warm between requests
        engine = create_engine(
            settings.database_url,
            pool_size=settings.pool_size,
            max_overflow=settings.max_overflow,
            pool_timeout=settings.pool_timeout_s,
            hide_parameters=True,  # errors carry rows' personal data otherwise
            connect_args={"timeout": 30, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            if path:  # the -wal/-shm files take its mode
                private_file(Path(path))
            for pragma in (
                "journal_mode = WAL",
                "synchronous = NORMAL",
                "busy_timeout = 30000",
                "foreign_keys = ON",
                "cache_size = -32768",  # 32 MiB per connection
                "wal_autocheckpoint = 10000",
            ):
                dbapi_conn.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "")
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

        return engine
    connect_args = {}
    if settings.db_schema:
        connect_args["options"] = f"-csearch_path={settings.db_schema}"
    return create_engine(
        settings.database_url,
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_timeout=settings.pool_timeout_s,
        hide_parameters=True,  # errors carry rows' personal data otherwise
        # no ping per checkout (a round trip on every request): a connection the
        # database dropped fails its first statement, which answers 503 (the
        # client retries) and makes SQLAlchemy renew the whole pool
        pool_pre_ping=False,
        connect_args=connect_args,
    )


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def schema_version_number(revision: str | None) -> int:
    return int(revision) if revision and revision.isdigit() else 0


def migrate(engine: Engine, settings: ServerSettings, revision: str = "head") -> str:
    """Bring the server schema to `revision` (creating the namespace on PostgreSQL)."""
    ensure_namespace(engine, settings)
    with engine.begin() as conn:
        config = _config()
        config.attributes["connection"] = conn
        config.attributes["schema"] = None  # search_path already points at it
        command.upgrade(config, revision)
    return current_revision(engine) or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_schema(engine: Engine) -> str:
    """Refuse a database that holds someone else's tables or an older schema.

    Returns the current revision; raises SchemaError with a message a person can act on.
    """
    names = set(inspect(engine).get_table_names())
    revision = current_revision(engine) if "alembic_version" in names else None
    if revision is None:
        if names:
            raise SchemaError(
                "this database holds tables that are not Puantaj's "
                f"({', '.join(sorted(names)[:6])}); point DATABASE_URL at an empty "
                "database, or set PUANTAJ_DB_SCHEMA to use a separate schema in it"
            )
        raise SchemaError("the database is empty: run `puantaj-server migrate`")
    ours = {
        rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()
    }
    if revision not in ours:
        raise SchemaError(
            f"this database was migrated by another application (revision {revision!r});"
            " point DATABASE_URL at an empty database or set PUANTAJ_DB_SCHEMA"
        )
    expected = set(build_metadata().tables)
    missing = expected - names
    if missing or revision != head_revision():
        raise SchemaError(
            f"server schema is at {revision}, this program needs {head_revision()}"
            + (f" (missing tables: {', '.join(sorted(missing))})" if missing else "")
            + ": run `puantaj-server migrate`"
        )
    return revision


def ensure_namespace(engine: Engine, settings: ServerSettings) -> None:
    """Create the PostgreSQL schema namespace the server lives in, if one is set."""
    if settings.db_schema and not settings.is_sqlite:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{settings.db_schema}"'))


@contextmanager
def first_start_lock(engine: Engine, settings: ServerSettings) -> Iterator[None]:
    """Held while a starting process migrates an empty database, so the workers
    and instances that start together do it once (the others then find it done).

    PostgreSQL: an advisory lock named after the schema namespace; SQLite: an
    exclusive lock on a file beside the database.
    """
    if not settings.is_sqlite:
        name = f"puantaj-migrate:{settings.db_schema or ''}"
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(hashtext(:n))"), {"n": name})
            try:
                yield
            finally:
                conn.execute(
                    text("SELECT pg_advisory_unlock(hashtext(:n))"), {"n": name}
                )
                conn.commit()
        return
    path = settings.sqlite_file
    if fcntl is None or not path:
        yield
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path + ".migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()

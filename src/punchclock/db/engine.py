"""Engine creation and units of work (one transaction per request)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from punchclock.config import Settings

SQLITE_CACHE_KIB = 16 * 1024


def normalise_url(url: str) -> str:
    """Map plain postgresql:// URLs to the psycopg 3 driver SQLAlchemy should use."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def build_engine(settings: Settings) -> Engine:
    """An Engine configured for the chosen database (pragmas, transactions, pool)."""
    url = normalise_url(settings.database_url)
    if settings.is_sqlite:
        # Every unit of work ends in an explicit commit or rollback, so the pool's own
        # rollback on check-in is redundant work.
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, pool_reset_on_return=None
        )
        _configure_sqlite(engine, settings.sqlite_synchronous.upper())
    else:
        # No pre-ping: it costs a round trip per request. A connection that died (server
        # restart) fails its request with a retryable 503, and SQLAlchemy then discards the
        # whole pool; recycling also retires connections before idle timeouts cut them.
        engine = create_engine(url, pool_size=5, max_overflow=5, pool_recycle=1800)
    return engine


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so that BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # 16 MiB of page cache instead of SQLite's 2 MiB: at 1M entries a create touches index
        # pages all over the file, and the default cache turned that into re-reads; create at
        # 1M went from 1,000 to 1,195 req/s (bench/README.md). Pages are only cached as used.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        # Concurrent writers (several workers) wait for the lock instead of failing.
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that later upgrades
        # can fail with SQLITE_BUSY instead of waiting, which would lose the request.
        # On the driver connection directly: SQLAlchemy's statement machinery cost more than
        # the BEGIN itself, on every request.
        driver = conn.connection.driver_connection
        assert driver is not None
        if conn.get_execution_options().get("punchclock_write"):
            driver.execute("BEGIN IMMEDIATE")
        else:
            driver.execute("BEGIN")


class Database:
    """Owns the engine and hands out transactions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = build_engine(settings)
        # Read-only units of work skip BEGIN/COMMIT on PostgreSQL (see UnitOfWork.conn).
        self.autocommit_reads = not settings.is_sqlite

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        with self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(punchclock_write=True)
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

"""Engine creation, connection settings, and the two ways to get a transaction.

Two kinds of caller share this module. Command-line tools, migrations and tests are plain
synchronous code: their SQLite connections wait for the write lock in SQLite's busy handler,
which is fine off the event loop. The server (`Database(settings, nonblocking=True)`) runs every
statement on its event loop, where a busy handler that sleeps would stall every request of the
process (issue 10's wedge): its connections never wait inside SQLite (busy_timeout 0), and a
writer takes the lock with an asynchronous back-off instead (`db/locking.py`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from punchclock.config import Settings

SQLITE_CACHE_KIB = 16 * 1024
# How often (in SQLite virtual-machine steps) a running statement checks its deadline:
# about a millisecond of work between checks, too rare to show in a request's cost.
DEADLINE_CHECK_STEPS = 100_000
DEADLINE_KEY = "punchclock.deadline"


def normalise_url(url: str) -> str:
    """Map plain postgresql:// URLs to the psycopg 3 driver SQLAlchemy should use."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


class StatementDeadline:
    """When the statements of the current transaction must stop (SQLite has no timeout)."""

    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at = float("inf")

    def exceeded(self) -> bool:
        """SQLite's progress handler: a true answer interrupts the running statement."""
        return time.monotonic() > self.at


def build_engine(settings: Settings, *, nonblocking: bool = False) -> Engine:
    """An Engine configured for the chosen database (pragmas, timeouts, pool)."""
    url = normalise_url(settings.database_url)
    if settings.is_sqlite:
        # Every unit of work ends in an explicit commit or rollback, so the pool's own
        # rollback on check-in is redundant work.
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, pool_reset_on_return=None
        )
        _configure_sqlite(engine, settings, nonblocking=nonblocking)
        return engine
    # No pre-ping: it costs a round trip per request. A connection that died (server
    # restart) fails its request with a retryable 503, and SQLAlchemy then discards the
    # whole pool; recycling also retires connections before idle timeouts cut them.
    return create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
        connect_args={"options": postgres_timeouts(settings)},
    )


def postgres_timeouts(settings: Settings) -> str:
    """Session options so that no PostgreSQL statement or lock wait lasts forever.

    The driver is synchronous, so a statement that waits on a row lock waits on the event
    loop: lock_timeout bounds that wait, statement_timeout bounds any one statement, and a
    session left idle inside a transaction (a bug) is ended so its locks are released.
    """
    lock_ms = max(1, round(settings.lock_timeout_seconds * 1000))
    statement_ms = max(1, round(settings.statement_timeout_seconds * 1000))
    idle_ms = max(60_000, 2 * statement_ms)
    return (
        f"-c lock_timeout={lock_ms} -c statement_timeout={statement_ms}"
        f" -c idle_in_transaction_session_timeout={idle_ms}"
    )


def _configure_sqlite(engine: Engine, settings: Settings, *, nonblocking: bool) -> None:
    synchronous = settings.sqlite_synchronous.upper()
    # Off the event loop, waiting in SQLite's busy handler is the simple, correct choice.
    busy_ms = 0 if nonblocking else max(1, round(settings.lock_timeout_seconds * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
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
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.close()
        if nonblocking:
            deadline = StatementDeadline()
            record.info[DEADLINE_KEY] = deadline
            dbapi_connection.set_progress_handler(deadline.exceeded, DEADLINE_CHECK_STEPS)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # On the driver connection directly: SQLAlchemy's statement machinery cost more than
        # the BEGIN itself, on every request.
        driver = conn.connection.driver_connection
        assert driver is not None
        if driver.in_transaction:
            # The server's writers took the lock already (db/locking.py).
            return
        # Writers take the write lock up front: a deferred transaction that later upgrades
        # can fail with SQLITE_BUSY instead of waiting, which would lose the request.
        if conn.get_execution_options().get("punchclock_write"):
            driver.execute("BEGIN IMMEDIATE")
        else:
            driver.execute("BEGIN")


def _ignore() -> None:
    return None


class Database:
    """Owns the engine and hands out connections and transactions."""

    def __init__(self, settings: Settings, *, nonblocking: bool = False) -> None:
        self.settings = settings
        self.nonblocking = nonblocking
        self.engine = build_engine(settings, nonblocking=nonblocking)
        # Read-only units of work skip BEGIN/COMMIT on PostgreSQL (see UnitOfWork.conn).
        self.autocommit_reads = not settings.is_sqlite
        # Called each time a writer finds SQLite's lock taken and backs off (metrics).
        self.on_busy_retry: Callable[[], None] = _ignore

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        with self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(punchclock_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A connection for one or two single-statement reads, outside any transaction.

        SQLite runs a statement without BEGIN in autocommit mode: it never takes the write
        lock. PostgreSQL gets AUTOCOMMIT: one round trip, no BEGIN/ROLLBACK around it.
        """
        with self.engine.connect() as conn:
            if self.autocommit_reads:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

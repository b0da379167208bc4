"""Taking SQLite's write lock from the event loop without ever sleeping on it.

The server's SQLite connections have busy_timeout 0, so `BEGIN IMMEDIATE` answers SQLITE_BUSY at
once when another process (another worker, the CLI) holds the lock. The request then waits here,
asynchronously, and tries again, until `lock_timeout_seconds` have passed: the event loop keeps
serving everyone else meanwhile. Inside one process the lock is never contended, because a
transaction never spans an `await` (db/unit_of_work.py checks that).

A waiting writer holds no pooled connection while it sleeps: it checks one out per attempt and
gives it back when the lock is taken elsewhere. Otherwise a burst of writers in one process,
waiting on another process's lock, empties the pool, and the next checkout (any request's)
blocks the event loop until the pool's timeout (seen: 30 s, then a 500 for everyone).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable

import anyio
from sqlalchemy import Connection

from punchclock.db.engine import Database
from punchclock.errors import ServiceUnavailable

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
FIRST_BACKOFF_SECONDS = 0.001
LONGEST_BACKOFF_SECONDS = 0.05
DATABASE_BUSY = "Service Unavailable"


def is_busy(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused because another connection holds a lock (any extended code)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(error) or "busy" in str(error)
    return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def try_begin_immediate(conn: Connection) -> bool:
    """`BEGIN IMMEDIATE` once; false when another connection holds the write lock."""
    driver = conn.connection.driver_connection
    assert driver is not None
    try:
        driver.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if not is_busy(error):
            raise
        return False
    return True


async def connect_sqlite_writer(db: Database, connect: Callable[[], Connection]) -> Connection:
    """A connection holding SQLite's write lock, backing off asynchronously while it is busy.

    `connect` checks a connection out of the pool; a busy attempt closes it (back to the pool)
    before sleeping, so waiting writers never hold pool connections.
    """
    deadline = time.monotonic() + db.settings.lock_timeout_seconds
    backoff = FIRST_BACKOFF_SECONDS
    while True:
        conn = connect()
        try:
            taken = try_begin_immediate(conn)
        except BaseException:
            conn.close()
            raise
        if taken:
            return conn
        conn.close()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ServiceUnavailable(DATABASE_BUSY)
        db.on_busy_retry()
        # Jitter keeps several waiting workers from retrying in lockstep.
        await anyio.sleep(min(remaining, backoff * random.uniform(0.5, 1.5)))
        backoff = min(backoff * 2, LONGEST_BACKOFF_SECONDS)

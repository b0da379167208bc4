"""The per-request unit of work: one transaction, begun and ended within one synchronous stretch.

The event loop is shared by every request of a process. A transaction that stayed open while
the loop ran another request would make that request wait for the lock (issue 10's wedge), so:
writers take their lock in `begin()`, which waits asynchronously but holds nothing while it
waits; after that, the handler, the commit and the rollback are synchronous. A watchdog callback
queued on the loop when the transaction opens notices if the loop ever ran before it closed.
"""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy import Connection

from punchclock.db.engine import DEADLINE_KEY, Database, StatementDeadline
from punchclock.db.locking import connect_sqlite_writer

logger = logging.getLogger("punchclock.db")


class UnitOfWork:
    """Opens its transaction in `begin()` or on first use; `finish` commits, `abort` rolls back."""

    __slots__ = ("_conn", "_db", "_deadline", "_opened_at", "_spanned_await", "_watch", "_write")

    def __init__(self, db: Database, *, write: bool) -> None:
        self._db = db
        self._write = write
        self._conn: Connection | None = None
        self._deadline: StatementDeadline | None = None
        self._watch: asyncio.Handle | None = None
        self._spanned_await = False
        self._opened_at = 0.0

    @property
    def write(self) -> bool:
        """Whether this unit of work may write (it holds the write lock once open)."""
        return self._write

    async def begin(self) -> None:
        """Open the transaction now; a writer waits for the lock without blocking the loop."""
        if self._conn is not None:
            return
        if self._write and self._db.nonblocking and self._db.settings.is_sqlite:
            conn = await connect_sqlite_writer(self._db, self._connect)
        else:
            conn = self._connect()
        try:
            self._open(conn)
        except BaseException:
            conn.close()
            raise

    @property
    def conn(self) -> Connection:
        """The connection, with its transaction begun on first access."""
        if self._conn is None:
            conn = self._connect()
            try:
                self._open(conn)
            except BaseException:
                conn.close()
                raise
        assert self._conn is not None
        return self._conn

    def _connect(self) -> Connection:
        conn = self._db.engine.connect()
        if self._write:
            return conn.execution_options(punchclock_write=True)
        if self._db.autocommit_reads:
            # PostgreSQL reads: READ COMMITTED gives each statement its own snapshot even
            # inside a transaction, so one adds nothing but a COMMIT round trip.
            return conn.execution_options(isolation_level="AUTOCOMMIT")
        return conn

    def _open(self, conn: Connection) -> None:
        conn.begin()
        self._conn = conn
        self._opened_at = time.monotonic()
        deadline = conn.info.get(DEADLINE_KEY)
        if deadline is not None:
            deadline.at = self._opened_at + self._db.settings.statement_timeout_seconds
            self._deadline = deadline
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # synchronous callers (CLI, tests) have no loop to stall
        self._watch = loop.call_soon(self._note_spanned_await)

    def _note_spanned_await(self) -> None:
        self._spanned_await = True

    def finish(self) -> None:
        """Commit, if anything was opened."""
        if self._conn is not None:
            try:
                self._conn.commit()
            finally:
                self._close()

    def abort(self) -> None:
        """Roll back, if anything was opened."""
        if self._conn is not None:
            try:
                self._conn.rollback()
            finally:
                self._close()

    def _close(self) -> None:
        assert self._conn is not None
        try:
            self._conn.close()
        finally:
            self._conn = None
            if self._deadline is not None:
                self._deadline.at = float("inf")
                self._deadline = None
            if self._watch is not None:
                self._watch.cancel()
                self._watch = None
            if self._spanned_await:
                # A bug, not a load problem: some code awaited with the transaction open.
                logger.error(
                    "a %s transaction stayed open across an await (%.1f ms): other requests"
                    " of this process may have waited for its lock",
                    "write" if self._write else "read",
                    (time.monotonic() - self._opened_at) * 1000,
                )
                self._spanned_await = False

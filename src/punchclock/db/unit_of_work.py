"""The per-request unit of work: a lazily opened transaction, committed or rolled back once."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.db.engine import Database


class UnitOfWork:
    """Opens its transaction on first use; `finish` commits, `abort` rolls back.

    The transaction starts inside synchronous handler code and ends without an intervening
    `await`, so a SQLite write lock is never held while the event loop runs other requests.
    """

    __slots__ = ("_conn", "_db", "_write")

    def __init__(self, db: Database, *, write: bool) -> None:
        self._db = db
        self._write = write
        self._conn: Connection | None = None

    @property
    def conn(self) -> Connection:
        """The connection, with its transaction begun on first access."""
        if self._conn is None:
            conn = self._db.engine.connect()
            if self._write:
                conn = conn.execution_options(punchclock_write=True)
            elif self._db.autocommit_reads:
                # PostgreSQL reads: READ COMMITTED gives each statement its own snapshot even
                # inside a transaction, so one adds nothing but a COMMIT round trip.
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.begin()
            self._conn = conn
        return self._conn

    def finish(self) -> None:
        """Commit, if anything was opened."""
        if self._conn is not None:
            try:
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None

    def abort(self) -> None:
        """Roll back, if anything was opened."""
        if self._conn is not None:
            try:
                self._conn.rollback()
            finally:
                self._conn.close()
                self._conn = None

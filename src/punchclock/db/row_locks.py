"""Share locks on the rows a write relies on (PostgreSQL writers only).

A write that stores a reference (an entry's tag, task or client) share-locks the referenced row,
so a concurrent delete of that row waits until the write commits and then sees, and cleans up,
what it stored. SQLite needs none: its writers are serial (BEGIN IMMEDIATE). Readers never lock.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select


def share_locks(conn: Connection) -> bool:
    """Whether this connection's transaction should share-lock what it reads."""
    return conn.dialect.name == "postgresql" and bool(
        conn.get_execution_options().get("punchclock_write")
    )


def for_share(conn: Connection, statement: Select[Any]) -> Select[Any]:
    """The statement, share-locking its rows when `share_locks`."""
    return statement.with_for_update(read=True) if share_locks(conn) else statement


def share_clause(conn: Connection) -> str:
    """ " FOR SHARE" for a driver-cursor statement when `share_locks`, else ""."""
    return " FOR SHARE" if share_locks(conn) else ""

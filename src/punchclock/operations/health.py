"""Liveness and readiness: is the process up, is its database reachable and migrated."""

from __future__ import annotations

import functools
from typing import Any

import anyio
import anyio.to_thread
from sqlalchemy.exc import DBAPIError

from punchclock.db.engine import Database
from punchclock.db.migrate import applied_revisions, current_head

# A readiness probe answers within this, even when connecting hangs (a firewalled host).
READINESS_TIMEOUT_SECONDS = 2.0


@functools.cache
def head_revision() -> str | None:
    """The newest migration shipped with this code (read once per process)."""
    return current_head()


async def readiness(db: Database, head: str | None) -> tuple[bool, dict[str, Any]]:
    """Whether the app can serve: (ready, JSON body naming the check that failed)."""
    try:
        with anyio.fail_after(READINESS_TIMEOUT_SECONDS):
            # In a worker thread: a connect that hangs must not stall the event loop.
            return await anyio.to_thread.run_sync(check_readiness, db, head, abandon_on_cancel=True)
    except TimeoutError:
        return _failed("database", f"no answer within {READINESS_TIMEOUT_SECONDS:g} s")


def check_readiness(db: Database, head: str | None) -> tuple[bool, dict[str, Any]]:
    """The readiness checks, synchronously: one autocommit read of Alembic's version table."""
    try:
        with db.read_connection() as conn:
            try:
                revisions = applied_revisions(conn)
            except DBAPIError as error:
                if error.connection_invalidated:
                    raise
                return _failed("migrations", "not applied (no alembic_version table)")
    except Exception as error:
        # The class only: driver messages can carry host names and user names.
        return _failed("database", f"unreachable ({type(error).__name__})")
    if revisions != {head}:
        found = ", ".join(sorted(revisions)) or "none"
        return _failed("migrations", f"database at {found}, this code expects {head}")
    return True, {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}


def _failed(check: str, detail: str) -> tuple[bool, dict[str, Any]]:
    checks = {"database": "ok", "migrations": "unknown"}
    checks[check] = detail
    return False, {"status": "unavailable", "failed": check, "checks": checks}

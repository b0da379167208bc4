"""A write transaction for the few handlers that must await before they write.

Signing in checks a password (argon2, in a thread) and the first-run form hashes one, so
those handlers cannot take the unit-of-work dependency, which would hold the transaction
across that await. They pass a synchronous function instead; it runs between BEGIN and COMMIT
with nothing awaited in between.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.web.state import WebState

T = TypeVar("T")


async def write(state: WebState, work: Callable[[Connection], T]) -> T:
    """Run `work` in its own write transaction: committed if it returns, rolled back if not."""
    uow = UnitOfWork(state.db, write=True)
    await uow.begin()
    try:
        result = work(uow.conn)
    except BaseException:
        uow.abort()
        raise
    uow.finish()
    return result

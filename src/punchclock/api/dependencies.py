"""Per-request dependencies: the caller, the clock and the unit of work, resolved in that order."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from litestar import Request

from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def provide_clock(request: Request, user: User) -> Clock:  # type: ignore[type-arg]
    """The application's clock (frozen in tests).

    It names `user` only to come after it: Litestar resolves dependencies that share a level
    in an anyio task group, which cost 13-21% of a list request (bench/README.md), while a
    chain user -> clock -> uow resolves one by one.
    """
    del user
    clock: Clock = request.app.state.clock
    return clock


async def provide_uow(request: Request, clock: Clock) -> AsyncGenerator[UnitOfWork, None]:  # type: ignore[type-arg]
    """The one place that commits or rolls back a request's transaction.

    It is the last dependency (it names `clock`, which names `user`): Litestar registers a
    generator for clean-up only once every dependency has resolved, so a transaction opened
    before a later dependency failed (authentication did, issue 10) was never closed until the
    garbage collector found it, with SQLite's write lock held. Nothing that can fail or
    suspend runs between the BEGIN here and the commit: the handler is synchronous, and an
    async generator's clean-up runs on the event loop right after it returns.
    """
    del clock
    # Reports are POSTs that only read: `read_only` (set on their router) keeps them from
    # taking SQLite's write lock (BEGIN IMMEDIATE) for the length of a report.
    write = request.method not in _READ_METHODS and not request.route_handler.opt.get("read_only")
    uow = UnitOfWork(request.app.state.db, write=write)
    if write:
        # Writers wait for the lock here, asynchronously, holding nothing while they wait.
        await uow.begin()
    try:
        yield uow
    except BaseException:
        uow.abort()
        raise
    else:
        uow.finish()

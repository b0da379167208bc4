"""Per-request dependencies: the unit of work and the clock."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from litestar import Request

from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def provide_uow(request: Request) -> AsyncGenerator[UnitOfWork, None]:  # type: ignore[type-arg]
    """The one place that commits or rolls back a request's transaction.

    An async generator, so the commit runs on the event loop right after the (synchronous)
    handler returns; Litestar would move a sync generator's cleanup to a thread.
    """
    # Reports are POSTs that only read: `read_only` (set on their router) keeps them from
    # taking SQLite's write lock (BEGIN IMMEDIATE) for the length of a report.
    write = request.method not in _READ_METHODS and not request.route_handler.opt.get("read_only")
    uow = UnitOfWork(request.app.state.db, write=write)
    try:
        yield uow
    except BaseException:
        uow.abort()
        raise
    else:
        uow.finish()


def provide_clock(request: Request, user: User) -> Clock:  # type: ignore[type-arg]
    """The application's clock (frozen in tests).

    It names `user` only to come after it: Litestar resolves dependencies that share a level
    in an anyio task group, which cost 13-21% of a list request (bench/README.md), while a
    chain uow -> user -> clock resolves one by one.
    """
    del user
    clock: Clock = request.app.state.clock
    return clock

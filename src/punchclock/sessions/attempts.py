"""The sign-in throttle as the Authenticator uses it: each attempt counted before its check."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from punchclock.clock import Clock
from punchclock.db.engine import Database
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.sessions.service import SignInThrottle

T = TypeVar("T")


class DatabaseSignInAttempts:
    """users.dependents.SignInAttempts on the sign_in_failures table (shared by every worker)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def begin(self, email: str, address: str) -> int:
        """0 and the attempt counted, or the seconds to wait (nothing counted)."""

        def count(throttle: SignInThrottle) -> int:
            wait = throttle.seconds_to_wait(email, address)
            if not wait:
                throttle.failed(email, address)
            return wait

        return await self._write(count)

    async def succeeded(self, email: str, address: str) -> None:
        """Clear the account and take this attempt back from the address."""
        await self._write(lambda throttle: throttle.succeeded(email, address))

    async def _write(self, work: Callable[[SignInThrottle], T]) -> T:
        # Its own short write transaction: the password check that follows awaits a thread.
        uow = UnitOfWork(self.db, write=True)
        await uow.begin()
        try:
            result = work(SignInThrottle(uow.conn, self.clock))
        except BaseException:
            uow.abort()
            raise
        uow.finish()
        return result

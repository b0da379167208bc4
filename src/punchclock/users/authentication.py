"""Who is calling: Basic auth with email:password or <token>:api_token."""

from __future__ import annotations

import anyio
import anyio.to_thread

from punchclock.db.engine import Database
from punchclock.errors import WRONG_CREDENTIALS, Forbidden, TooManySignIns
from punchclock.users.dependents import SignInAttempts
from punchclock.users.models import User
from punchclock.users.passwords import CredentialCache, hash_password, verify_password
from punchclock.users.repository import UserRepository

TOKEN_PASSWORD = "api_token"
# Each argon2 check uses 64 MiB for a moment: bound how many run at once per process.
CONCURRENT_PASSWORD_CHECKS = 2


class Authenticator:
    """Resolves Basic credentials to a user, or raises Forbidden with Toggl's text."""

    def __init__(
        self, db: Database, cache: CredentialCache, attempts: SignInAttempts | None = None
    ) -> None:
        self.db = db
        self.cache = cache
        self.attempts = attempts
        self._password_checks: anyio.Semaphore | None = None

    async def authenticate(self, username: str, password: str, address: str = "") -> User:
        """The user behind these credentials.

        Each lookup is a short read of its own, outside the request's unit of work: the
        password check awaits a thread, and a transaction must never stay open across an
        await (issue 10).
        """
        if "\x00" in username:
            # No token or email holds NUL, and PostgreSQL cannot compare against it.
            raise Forbidden(WRONG_CREDENTIALS)
        if password == TOKEN_PASSWORD:
            with self.db.read_connection() as conn:
                user = UserRepository(conn).get_by_token(username)
            if user is None:
                raise Forbidden(WRONG_CREDENTIALS)
            return user
        return await self.authenticate_password(username, password, address)

    async def authenticate_password(self, email: str, password: str, address: str = "") -> User:
        """The user with this email and password (the web sign-in: an API token is no password).

        Repeated failures per account and per address make the next check wait (TooManySignIns,
        429), on the API as on the web form; the attempt is counted before the check.
        """
        if "\x00" in email:
            raise Forbidden(WRONG_CREDENTIALS)
        with self.db.read_connection() as conn:
            user = UserRepository(conn).get_by_email(email)
        if user is None or user.password_hash is None:
            raise Forbidden(WRONG_CREDENTIALS)
        stamp = user.authorization_updated_at
        if self.cache.is_verified(user.email, password, user.password_hash, stamp):
            return user
        if self.attempts is not None:
            wait = await self.attempts.begin(user.email, address)
            if wait:
                raise TooManySignIns(wait)
        async with self._slot():
            ok = await anyio.to_thread.run_sync(verify_password, user.password_hash, password)
        if not ok:
            raise Forbidden(WRONG_CREDENTIALS)
        if self.attempts is not None:
            await self.attempts.succeeded(user.email, address)
        self.cache.remember(user.email, password, user.password_hash, stamp)
        return user

    async def hash(self, password: str) -> str:
        """An argon2 hash, in a thread, sharing the password checks' limit (64 MiB each)."""
        async with self._slot():
            return await anyio.to_thread.run_sync(hash_password, password)

    def _slot(self) -> anyio.Semaphore:
        if self._password_checks is None:
            self._password_checks = anyio.Semaphore(CONCURRENT_PASSWORD_CHECKS)
        return self._password_checks
